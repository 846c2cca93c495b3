/**
 * `specwire lint` on scenario files: checked against their contract, reported in the document rules'
 * format (file:line:col, rule id, JSON) with the same exit codes. Real child processes.
 */
import { describe, expect, it } from 'vitest';
import { SPAWN_DEADLINE_MS, hasStackTrace, specwire } from '../support/specwire-cli.js';
import { tempFiles } from '../support/temp-files.js';
import { discoverContracts } from '../../contract/discover.js';

const BAD = 'test/fixtures/conformance/bad-scenarios/taskforge';
const LINE = /^(\S+):(\d+):(\d+) {2}(error|warning|info) {2}([a-z0-9-]+) {2}(\S.*)$/;

describe('specwire lint on scenarios', { timeout: 2 * SPAWN_DEADLINE_MS + 5_000 }, () => {
  it('reports unknown message types and fields at file:line:col with a rule id; exit 1', async () => {
    const run = await specwire(['lint', `${BAD}/unknown-field.yaml`, `${BAD}/unknown-type.yaml`]);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `${BAD}/unknown-field.yaml:7:56  error  scenario-unknown-field  subscribe has no field "teamID"`,
      `${BAD}/unknown-type.yaml:7:41  error  scenario-unknown-type  "subscribd" is not a server message of taskforge (subscribed, unsubscribed, activity, error, pong, resync)`,
      `${BAD}/unknown-type.yaml:8:49  error  scenario-unknown-example  activity has no example named "no such example" (task created, comment deleted, presence joined)`,
      '2 files linted: 3 errors, 0 warnings',
    ]);
    expect(run.code).toBe(1);
  });

  it('a scenario that is not YAML is unreadable input: exit 2, no stack trace', async () => {
    const run = await specwire(['lint', `${BAD}/yaml-syntax.yaml`, `${BAD}/unknown-client.yaml`]);
    const rules = run.stdout.trimEnd().split('\n').slice(0, -1).map((l) => LINE.exec(l)?.[5]);
    expect(rules).toEqual(['scenario-unknown-client', 'scenario-yaml']);
    expect(run.code).toBe(2);
    expect(hasStackTrace(run)).toBe(false);
  });

  it('--format json: documents and scenarios in one object, with the path of each finding', async () => {
    const run = await specwire(['lint', '--format', 'json', 'asyncapi/taskforge.yaml', '--scenarios', 'test/fixtures/conformance/bad-scenarios']);
    const out = JSON.parse(run.stdout) as { files: string[]; diagnostics: { file: string; line: number; column: number; rule: string; path?: unknown[] }[]; exitCode: number };
    expect(out.files[0]).toBe('asyncapi/taskforge.yaml');
    expect(out.files).toHaveLength(6);
    expect(out.diagnostics.find((d) => d.rule === 'scenario-unknown-field')).toMatchObject({ file: `${BAD}/unknown-field.yaml`, line: 7, column: 56, path: ['steps', 1, 'send', 'message', 'teamID'] });
    expect(out.exitCode).toBe(2);
    expect(run.code).toBe(2);
  });

  it('with no files lints every shipped contract and scenario, clean', async () => {
    const run = await specwire(['lint', '--format', 'json']);
    const out = JSON.parse(run.stdout) as { files: string[]; diagnostics: unknown[] };
    expect(out.diagnostics).toEqual([]);
    expect(out.files.filter((f) => f.startsWith('asyncapi/'))).toHaveLength(discoverContracts().length);
    expect(out.files.filter((f) => f.startsWith('conformance/scenarios/')).length).toBeGreaterThan(60);
    expect(run.code).toBe(0);
  });

  it('outside a contract-named folder, --contract says which contract; without it, exit 2 naming the fix', async () => {
    const dir = tempFiles({ 'mine/subscribe-typo.yaml': 'name: typo\ntags: [schema]\nclients:\n  a: { sub: u-1, teams: [t] }\nsteps:\n  - connect: { client: a }\n  - send: { client: a, message: { type: subscribe, team: t } }\n' });
    try {
      const unknown = await specwire(['lint', dir.path('mine/subscribe-typo.yaml')]);
      expect(unknown.stdout).toMatch(/:1:1 {2}error {2}scenario-unknown-contract {2}.*no contract "mine".*--contract/);
      expect(unknown.code).toBe(2);
      const named = await specwire(['lint', '--contract', 'taskforge', dir.path('mine/subscribe-typo.yaml')]);
      expect(named.stdout).toMatch(/subscribe-typo\.yaml:7:52 {2}error {2}scenario-unknown-field {2}subscribe has no field "team"/);
      expect(named.code).toBe(1);
    } finally {
      dir.remove();
    }
  });
});
