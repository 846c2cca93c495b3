/** The github reporter's text: annotations per failing step (merged, escaped), the stopped server, and the job summary table. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubAnnotations, jobSummary } from '../../../conformance/reporters/github.js';
import type { RunResult, ScenarioResult } from '../../../conformance/result.js';

const file = join(process.cwd(), 'scenarios/team/a.yaml');
const scenario = (over: Partial<ScenarioResult>): ScenarioResult => ({ contract: 'team', name: 'a | b, c: d', file, tags: [], status: 'passed', durationMs: 12, failures: [], suppressed: 0, timeline: [], ...over });
const run = (scenarios: ScenarioResult[], over: Partial<RunResult> = {}): RunResult => ({
  startedAt: '2026-12-01T00:00:00.000Z',
  durationMs: 1500,
  target: { url: 'ws://h:1', reference: false },
  scenarios,
  passed: scenarios.filter((s) => s.status === 'passed').length,
  failed: scenarios.filter((s) => s.status === 'failed').length,
  skipped: scenarios.filter((s) => s.status === 'skipped').length,
  reproduce: { urls: ['ws://h:1', 'ws://h:2'], jwtSecret: true },
  ...over,
});

describe('github reporter', () => {
  it('annotates each failing step once at its file:line, with every failure there and the reproduce line', () => {
    const step = { index: 2, kind: 'expect' as const, line: 9, column: 5 };
    const failed = scenario({
      status: 'failed',
      failures: [
        { check: 'expect', message: 'got nothing\nwithin 2000 ms', step, client: 'alice' },
        { check: 'seq-order', message: '100% wrong', step },
        { check: 'handshake', message: 'refused', step: { index: 0, kind: 'connect', line: 6, column: 5 } },
      ],
    });
    const lines = githubAnnotations(run([scenario({}), failed]));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "::error file=scenarios/team/a.yaml,line=9,col=5,title=specwire expect%2C seq-order%3A team › a | b%2C c%3A d::expect: got nothing%0Awithin 2000 ms%0Astep #3 expect, client alice%0Aseq-order: 100%25 wrong%0Astep #3 expect%0Areproduce: specwire test --contract team --url 'ws://h:1' --url 'ws://h:2' --jwt-secret \"$SPECWIRE_JWT_SECRET\" --grep '^a \\| b, c: d$'",
    );
    expect(lines[1]).toMatch(/^::error file=scenarios\/team\/a\.yaml,line=6,col=5,title=specwire handshake%3A /);
  });

  it('says once that the server stopped, and tabulates every scenario for the job summary', () => {
    const stopped = { afterScenario: 1, message: 'the server stopped answering after scenario 1 (team › a): x; the remaining scenarios were skipped.' };
    const r = run([scenario({}), scenario({ status: 'skipped', name: 'later' })], { serverStopped: stopped });
    expect(githubAnnotations(r)).toEqual([`::error title=specwire%3A the server stopped answering::${stopped.message}`]);
    const md = jobSummary(r);
    expect(md).toContain('### specwire conformance: 1 passed, 0 failed, 1 skipped\n');
    expect(md).toContain(`**${stopped.message}**`);
    expect(md).toContain('| ✅ | team | a \\| b, c: d | passed (12 ms) |');
    expect(md).toContain('| ⏭️ | team | later | skipped |');
  });
});
