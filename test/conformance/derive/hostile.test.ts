/**
 * A derived run never hangs or crashes, whatever the server does at the transport level: each
 * hostile behaviour ends the run within its deadlines with failed checks (test/support/hostile-server.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { runConformance } from '../../../conformance/run-conformance.js';
import { type HostileBehaviour, type HostileServer, startHostileServer } from '../../support/hostile-server.js';

const KRAKEN = resolve(import.meta.dirname, '../../fixtures/third-party/asyncapi-kraken-websocket.yaml');
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a derived run against hostile servers', () => {
  const cases: [HostileBehaviour, string][] = [
    ['never-answers', 'connect-accepted'],
    ['garbage-frames', 'transport'],
    ['endless-frames', 'frame-flood'],
    ['half-open', 'reply-message'],
  ];
  for (const [behaviour, check] of cases) {
    // The run's own deadlines end it: the test's timeout only guards against a hang.
    it(`${behaviour}: fails with ${check}`, async () => {
      server = await startHostileServer(behaviour);
      const run = await runConformance({ contract: KRAKEN, url: server.url, derive: { listenMs: 300, runs: 3 }, timeoutMs: 60_000 });
      expect(run.failed).toBeGreaterThan(0);
      expect(run.scenarios.flatMap((s) => s.failures.map((f) => f.check))).toContain(check);
    }, 90_000);
  }
});
