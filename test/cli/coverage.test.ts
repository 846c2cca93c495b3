import { describe, expect, it } from 'vitest';
import { hasStackTrace, specwire } from '../support/specwire-cli.js';

const FIXTURE = 'test/fixtures/conformance/coverage';

interface Row {
  kind: string;
  pointer: string;
  label: string;
  untestable?: string;
  coveredBy: ({ scenario: string; by: string; ref?: string; line?: number } | { check: string })[];
}

async function json(...args: string[]) {
  const run = await specwire(['coverage', '--format', 'json', ...args]);
  return { run, contracts: run.stdout ? (JSON.parse(run.stdout) as { contracts: { contract: string; uncovered: number; promises: Row[] }[] }).contracts : [] };
}

describe('specwire coverage', () => {
  it('exits 1 and names every uncovered promise of a suite that covers little', async () => {
    const { run, contracts } = await json('--contract', 'taskforge', '--scenarios', FIXTURE);
    expect(run.code).toBe(1);
    const [c] = contracts;
    const row = (label: string) => c!.promises.find((p) => p.label === label)!;
    // covered by the contract: reference
    expect(row('limits.maxPayloadBytes').coveredBy).toEqual([expect.objectContaining({ scenario: 'oversized-only.yaml', by: 'contract-ref', ref: '#/info/x-specwire/limits/maxPayloadBytes' })]);
    // by steps: the close codes expected, the messages sent and expected, the error code
    expect(row('close 1009 MessageTooBig').coveredBy).toEqual([expect.objectContaining({ by: 'step', line: 13 })]);
    expect(row('close 4009 MessageTooBigApp').coveredBy).toHaveLength(1);
    expect(row('realtime: ping (client→server)').coveredBy).toEqual([expect.objectContaining({ by: 'step', line: 8 })]);
    expect(row('error code bad_frame').coveredBy).toEqual([expect.objectContaining({ by: 'step', line: 11 })]);
    // a reference to the channel's message map proves no one message nor error code: steps only
    expect(row('realtime: activity (server→client)').coveredBy).toEqual([]);
    expect(row('error code rate_limited').coveredBy).toEqual([]);
    expect(row('error code invalid_payload').coveredBy).toEqual([]);
    // always-on checks judge every frame of every scenario
    expect(row('realtime: stream teamId (seq order, resume)').coveredBy).toEqual([{ check: 'seq-order' }]);
    // listed, not counted: no black-box run can make a server shut down
    expect(row('close 1001 GoingAway')).toMatchObject({ untestable: expect.stringContaining('shuts down'), coveredBy: [] });
    const uncovered = c!.promises.filter((p) => !p.coveredBy.length && !p.untestable).map((p) => p.pointer);
    expect(uncovered).toContain('#/info/x-specwire/limits/replayBuffer');
    expect(uncovered).toContain('#/info/x-specwire/polling/0');
    expect(c!.uncovered).toBe(uncovered.length);
  });

  it('prints the matrix for people: ✓ with what covers it, ✗ with the pointer', async () => {
    const run = await specwire(['coverage', '--contract', 'taskforge', '--scenarios', FIXTURE]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^taskforge \(asyncapi\/taskforge\.yaml\): \d+\/\d+ promises covered, \d+ uncovered, 1 untestable$/m);
    expect(run.stdout).toMatch(/^ {2}✓ limit +limits\.maxPayloadBytes +oversized-only$/m);
    expect(run.stdout).toMatch(/^ {2}✗ limit +limits\.replayBuffer +uncovered {2}#\/info\/x-specwire\/limits\/replayBuffer$/m);
    expect(run.stdout).toMatch(/^ {2}○ close-code +close 1001 GoingAway +untestable: /m);
    expect(run.stdout).toMatch(/^\d+ promises uncovered$/m);
  });

  it('exits 0 when every promise is covered: every shipped suite', async () => {
    const { run, contracts } = await json();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(contracts.map((c) => c.contract).sort()).toEqual(['juke-world', 'leaderboard', 'media-timeline', 'phase-events', 'taskforge', 'taskforge.v2']);
    for (const c of contracts) expect(c.uncovered, c.contract).toBe(0);
    expect(contracts.find((c) => c.contract === 'taskforge')!.promises.length).toBeGreaterThan(30);
  });

  it('counts a shared close code only where the contract can send it: 4508 SlowConsumer needs limits.sendBufferBytes', async () => {
    const { contracts } = await json('--contract', 'juke-world', 'taskforge');
    const labels = (id: string) => contracts.find((c) => c.contract === id)!.promises.map((p) => p.label);
    expect(labels('taskforge')).toContain('close 4508 SlowConsumer');
    expect(labels('juke-world')).not.toContain('close 4508 SlowConsumer');
  });

  it('exits 2 on bad input: a scenario whose contract: reference does not resolve, an unknown contract, a bad --format', async () => {
    const refs = await specwire(['coverage', '--contract', 'taskforge', '--scenarios', 'test/fixtures/conformance/contract-refs']);
    expect(refs.code).toBe(2);
    expect(refs.stderr).toMatch(/unresolved-ref\.yaml:6:5 +error +scenario-unresolved-contract-ref/);
    const unknown = await specwire(['coverage', '--contract', 'no-such-contract']);
    expect(unknown.code).toBe(2);
    const format = await specwire(['coverage', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of pretty, json');
    for (const r of [refs, unknown, format]) expect(hasStackTrace(r)).toBe(false);
  });
});
