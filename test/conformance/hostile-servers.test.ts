/**
 * The hostile-server matrix of docs/reliability.md: servers that misbehave at the transport level
 * (test/support/hostile-server.ts). Against each, `specwire test --url` must end within its step
 * deadlines with a named failed check and exit 1 — no hang, no crash, no stack trace — and read
 * only a bounded number of bytes (what it does not read, it cannot hold in memory).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { planRun } from '../../conformance/plan.js';
import type { RunResult } from '../../conformance/result.js';
import { runPlan } from '../../conformance/run.js';
import { HUGE_FRAME_BYTES, startHostileServer, type HostileBehaviour, type HostileServer } from '../support/hostile-server.js';
import { hasStackTrace, specwire } from '../support/specwire-cli.js';
import { tempFiles } from '../support/temp-files.js';

const SCENARIOS = 'test/fixtures/conformance/broken-server';
const GREP = 'subscribe, get the ack';
/** The longest step deadline of the fixture scenario: a connect (2 × 5 s handshake) plus 5 s slack. */
const SCENARIO_DEADLINE_MS = 15_000;
/** A cold CLI process on a busy 2-core box took up to 47 s; the scenario's own time is asserted apart. */
const CLI_DEADLINE_MS = 90_000;
/** What loopback TCP buffers can hold beyond what the runner read (send + receive buffers). */
const KERNEL_BUFFERS = 16 << 20;

const servers: HostileServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function hostile(behaviour: HostileBehaviour): Promise<HostileServer> {
  const s = await startHostileServer(behaviour);
  servers.push(s);
  return s;
}

/** Through the CLI, as CI would run it; returns the process outcome and the JSON report. */
async function viaCli(server: HostileServer) {
  const out = tempFiles();
  try {
    const run = await specwire(['test', '--contract', 'taskforge', '--scenarios', SCENARIOS, '--grep', GREP, '--url', server.url, '--jwt-secret', 'hostile', '--reporter', 'console,json', '--out', out.root, '--timeout', '60000'], { timeoutMs: CLI_DEADLINE_MS });
    const report = run.code === null ? undefined : (JSON.parse(readFileSync(out.path('specwire-report.json'), 'utf8')) as RunResult);
    return { run, report };
  } finally {
    out.remove();
  }
}

async function inProcess(server: HostileServer, grep: string): Promise<RunResult> {
  const plan = await planRun({ contracts: ['taskforge'], scenariosDir: SCENARIOS, grep });
  if (!plan.ok) throw new Error(JSON.stringify(plan));
  return runPlan(plan.contracts, { wsUrl: server.url, jwtSecret: 'hostile', reference: false, runTimeoutMs: 60_000 });
}

function checksOf(result: RunResult): string[] {
  return result.scenarios.flatMap((s) => s.failures.map((f) => f.check));
}

describe('specwire test --url against hostile servers (CLI)', { timeout: CLI_DEADLINE_MS + 5_000 }, () => {
  it.each<[HostileBehaviour, string, RegExp]>([
    ['never-answers', 'handshake', /no answer within the handshake deadline/],
    ['closes-mid-handshake', 'handshake', /transport error \(socket hang up\)/],
    ['garbage-frames', 'transport', /Invalid WebSocket frame/],
    ['huge-frame', 'frame-size', /frame larger than 1048576 bytes/],
    ['half-open', 'expect', /within 2000 ms got 0; no other frames/],
  ])('%s → %s, exit 1', async (behaviour, check, message) => {
    const server = await hostile(behaviour);
    const { run, report } = await viaCli(server);
    expect(run.code).toBe(1);
    expect(hasStackTrace(run)).toBe(false);
    expect(run.stdout).toMatch(message);
    expect(checksOf(report!)[0]).toBe(check);
    expect(report!.scenarios[0]!.durationMs).toBeLessThan(SCENARIO_DEADLINE_MS);
    if (behaviour === 'huge-frame') {
      // The 100 MiB frame is refused at its header (maxPayload): the runner read a few MiB at most.
      expect(server.bytesAfterHandshake()).toBeLessThan(KERNEL_BUFFERS);
      expect(server.bytesAfterHandshake()).toBeLessThan(HUGE_FRAME_BYTES / 4);
    }
  });
});

describe('the runner against hostile servers (in process)', { timeout: 60_000 }, () => {
  // Endless streams play against a client that listens for 10 s: the cap, not the step, must end it.
  it.each<[HostileBehaviour, string, RegExp, string]>([
    ['garbage-handshake', 'handshake', /transport error \(Parse Error/, GREP],
    ['slow-handshake', 'handshake', /no answer within the handshake deadline/, GREP],
    ['endless-frames', 'frame-flood', /more than 10000 frames on one connection/, 'listens for ten seconds'],
    ['endless-big-frames', 'frame-flood', /more than 32 MiB on one connection/, 'listens for ten seconds'],
  ])('%s → %s', async (behaviour, check, message, grep) => {
    const server = await hostile(behaviour);
    const result = await inProcess(server, grep);
    expect(result.failed).toBe(1);
    const failure = result.scenarios[0]!.failures.find((f) => f.check === check);
    expect(failure?.message).toMatch(message);
    expect(result.scenarios[0]!.durationMs).toBeLessThan(SCENARIO_DEADLINE_MS);
    // Endless streams stop at the runner's caps: 32 MiB buffered, plus what sat in TCP buffers.
    expect(server.bytesAfterHandshake()).toBeLessThan((32 << 20) + KERNEL_BUFFERS);
  });
});
