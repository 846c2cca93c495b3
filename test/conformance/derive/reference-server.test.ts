/**
 * Derived mode on our own contracts: the suite derived from each shipped document (no scenarios
 * used) passes against the reference server, and finds real faults in broken reference servers
 * (the mutant zoo's faults) — a team with no scenarios still catches these.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../../../conformance/run-conformance.js';
import type { RunResult } from '../../../conformance/result.js';
import type { FaultName } from '../../../server/core/faults.js';
import { type ReferenceServer, silentLogger, startReferenceServer } from '../../../server/index.js';

const SECRET = 'derived-reference-secret';
const servers: ReferenceServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function derivedAgainst(contract: string, faults: FaultName[] = []): Promise<RunResult> {
  const server = await startReferenceServer({ port: 0, jwtSecret: SECRET, logger: silentLogger, faults: new Set(faults) });
  servers.push(server);
  return runConformance({ contract, url: server.url, jwtSecret: SECRET, derive: { listenMs: 300, runs: 8 } });
}

const checksOf = (run: RunResult) => new Set(run.scenarios.flatMap((s) => s.failures.map((f) => f.check)));

describe('derived suites of the shipped contracts', () => {
  it('pass against the reference server (taskforge, media-timeline)', async () => {
    for (const contract of ['taskforge', 'media-timeline']) {
      const run = await derivedAgainst(contract);
      expect(run.scenarios.flatMap((s) => s.failures.map((f) => `${s.name}: ${f.check}: ${f.message}`))).toEqual([]);
      // Derived, not scripted: every result says where it comes from.
      expect(run.scenarios.every((s) => s.derivedFrom && s.file.endsWith(`${contract}.yaml`))).toBe(true);
      expect(run.scenarios.map((s) => s.name)).toEqual(expect.arrayContaining([expect.stringMatching(/refused without credentials/), expect.stringMatching(/receivePing sends ping/)]));
    }
  }, 120_000);

  const faults: [FaultName, string][] = [
    ['auth-skipped', 'auth-required'],
    ['no-pong', 'reply-message'],
    ['malformed-frame-crash', 'bad-frame-survived'],
    ['error-without-code', 'payload-schema'],
  ];
  for (const [fault, check] of faults) {
    it(`find ${fault} in a broken reference server (${check})`, async () => {
      expect(checksOf(await derivedAgainst('taskforge', [fault]))).toContain(check);
    }, 60_000);
  }
});
