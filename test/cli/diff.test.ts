/**
 * `specwire diff` as users and CI run it: a real process, its output in the three formats, the semver
 * gate's exit codes, bad input, and git revisions (a temporary repository made in the test).
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFiles, type TempFiles } from '../support/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/specwire.js');
const FIX = 'test/fixtures/diff';
// A cold start (tsx + parser, two documents) takes a few seconds idle, far more on a busy machine.
const SPAWN_DEADLINE_MS = 60_000;
const TEST_DEADLINE_MS = 2 * SPAWN_DEADLINE_MS + 5_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function specwire(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

const temps: { remove(): void }[] = [];
afterAll(() => temps.forEach((t) => t.remove()));

describe('specwire diff (files)', { timeout: TEST_DEADLINE_MS }, () => {
  it('pretty: each change with direction, rule, JSON path and file:line:col; exit 1 for a breaking change under a minor bump, naming the version to use', async () => {
    const run = await specwire(['diff', `${FIX}/field-removed/old.yaml`, `${FIX}/field-removed/new.yaml`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ server→client +field "level" removed {2}\[field-removed\]/);
    expect(run.stdout).toContain('messages.spotStatus.payload.properties.level');
    expect(run.stdout).toMatch(/test\/fixtures\/diff\/field-removed\/old\.yaml:\d+:\d+/);
    expect(run.stdout).toContain('required bump: major; info.version 1.0.0 → 1.1.0 is a minor bump (not enough) — set info.version to 2.0.0 or later');
    expect(run.stdout).toContain('FAIL (--fail-on breaking)');
  });

  it('json: the report, the gate, each change with rule, direction, path and location', async () => {
    const run = await specwire(['diff', `${FIX}/enum-value-added/old.yaml`, `${FIX}/enum-value-added/new.yaml`, '--format', 'json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.counts).toEqual({ breaking: 1, 'non-breaking': 0, unclassified: 0 });
    expect(out.semver).toMatchObject({ oldVersion: '1.0.0', newVersion: '1.1.0', actual: 'minor', required: 'major', satisfied: false });
    expect(out.gate).toMatchObject({ failOn: 'breaking', failed: true });
    expect(out.changes).toEqual([
      expect.objectContaining({ classification: 'breaking', rule: 'enum-value-added', direction: 'server-to-client', path: 'messages.spotStatus.payload.properties.state.enum', after: 'reserved', location: expect.objectContaining({ file: `${FIX}/enum-value-added/new.yaml` }) }),
    ]);
  });

  it('markdown: a PR comment with the verdict first and one table per classification', async () => {
    const run = await specwire(['diff', `${FIX}/channel-removed/old.yaml`, `${FIX}/channel-removed/new.yaml`, '--format', 'markdown']);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('### specwire diff: Parking sensors 1.0.0 → 1.1.0');
    expect(run.stdout).toContain('❌ **1 breaking**, 1 non-breaking, 0 unclassified');
    expect(run.stdout).toContain('#### breaking (1)');
    expect(run.stdout).toContain('#### non-breaking (1)');
    expect(run.stdout).toContain('| direction | change | path | rule | why |');
    expect(run.stdout).toMatch(/\| connection \| channel "announcements" at \/announcements removed \| `channels\.announcements`.*\| `channel-removed` \|/);
  });

  it('passes a breaking change under a major bump (exit 0), and --fail-on any fails an unclassified change even then', async () => {
    const dir = tempFiles();
    temps.push(dir);
    const text = (rule: string) => readFileSync(resolve(ROOT, FIX, rule, 'new.yaml'), 'utf8').replace('version: 1.1.0', 'version: 2.0.0');
    const breaking = dir.write('breaking.yaml', text('type-changed'));
    const unclassified = dir.write('unclassified.yaml', text('schema-changed'));
    const ok = await specwire(['diff', `${FIX}/type-changed/old.yaml`, breaking]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1 breaking, 0 non-breaking, 0 unclassified; required bump: major; info.version 1.0.0 → 2.0.0 is a major bump');
    const strict = await specwire(['diff', `${FIX}/schema-changed/old.yaml`, unclassified, '--fail-on', 'any']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('FAIL (--fail-on any)');
  });

  it('bad input: exit 2 with file:line:col like lint, no stack; bad flags: exit 2', async () => {
    const dir = tempFiles({ 'broken.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: x\n  version: [1.0.0\n' });
    temps.push(dir);
    const run = await specwire(['diff', `${FIX}/field-added/old.yaml`, dir.path('broken.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+ {2}error {2}yaml-syntax/);
    expect(run.stderr).toContain('is not a readable AsyncAPI 3.x contract');
    expect(run.stderr).not.toContain('    at ');
    const flag = await specwire(['diff', 'a.yaml', 'b.yaml', '--format', 'html']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown --format "html" (pretty, json or markdown)');
  });
});

describe('the committed example (docs/versioning.md)', { timeout: TEST_DEADLINE_MS }, () => {
  it('is what specwire diff prints for taskforge v1 → v2 today: breaking, major bump required and made', async () => {
    const run = await specwire(['diff', 'asyncapi/taskforge.yaml', 'asyncapi/taskforge.v2.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+ breaking, .*required bump: major; info\.version 1\.1\.0 → 2\.1\.0 is a major bump$/m);
    const doc = readFileSync(resolve(ROOT, 'docs/versioning.md'), 'utf8');
    const block = /```text\n(specwire diff {2}asyncapi\/taskforge\.yaml[\s\S]*?)```/.exec(doc)?.[1];
    expect(block, 'docs/versioning.md shows the pretty output').toBeDefined();
    expect(block).toBe(run.stdout);
  });
});

describe('specwire diff (git revisions)', { timeout: 3 * SPAWN_DEADLINE_MS }, () => {
  const DOC = (version: string) => `asyncapi: 3.0.0
info:
  title: Door sensors
  version: ${version}
channels:
  doors:
    address: /doors
    messages:
      opened: { $ref: './common/messages.yaml#/opened' }
operations:
  sendOpened:
    action: send
    channel: { $ref: '#/channels/doors' }
    messages: [{ $ref: '#/channels/doors/messages/opened' }]
`;
  const COMMON = (withDoorName: boolean) => `opened:
  name: opened
  payload:
    type: object
    required: [type, doorId]
    properties:
      type: { type: string, const: door.opened }
      doorId: { type: string }
${withDoorName ? '      doorName: { type: string }\n' : ''}`;

  /** A git repository whose `main` holds v1.0.0 of the doors contract, with `doorName` in its shared fragment. */
  function doorsRepo(): TempFiles {
    const repo = tempFiles({ 'asyncapi/doors.yaml': DOC('1.0.0'), 'asyncapi/common/messages.yaml': COMMON(true) });
    temps.push(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'v1');
    return repo;
  }

  it('reads rev:path with the files it $refs from that revision, not the working tree', async () => {
    const repo = doorsRepo();
    // The working tree drops `doorName` in the shared fragment: only the revision still has it.
    repo.write('asyncapi/common/messages.yaml', COMMON(false));
    repo.write('asyncapi/doors.yaml', DOC('1.0.1'));
    const run = await specwire(['diff', 'main:asyncapi/doors.yaml', 'asyncapi/doors.yaml', '--format', 'json'], repo.root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.old).toMatchObject({ label: 'main:asyncapi/doors.yaml', version: '1.0.0' });
    expect(out.changes).toEqual([
      expect.objectContaining({ rule: 'field-removed', classification: 'breaking', path: 'messages.opened.payload.properties.doorName', location: expect.objectContaining({ file: 'main:asyncapi/common/messages.yaml', line: 9 }) }),
    ]);
    // Unchanged revisions on both sides: nothing differs.
    const same = await specwire(['diff', 'main:asyncapi/doors.yaml', 'HEAD:./asyncapi/doors.yaml'], repo.root);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No changes to the contract.');
  });

  it('a revision without the file, or a name that is neither file nor revision: exit 2 with the reason', async () => {
    const repo = doorsRepo();
    const missing = await specwire(['diff', 'main:asyncapi/gone.yaml', 'asyncapi/doors.yaml'], repo.root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('main has no file asyncapi/gone.yaml');
    const badRev = await specwire(['diff', 'nope:asyncapi/doors.yaml', 'asyncapi/doors.yaml'], repo.root);
    expect(badRev.code).toBe(2);
    expect(badRev.stderr).toContain('"nope" in nope:asyncapi/doors.yaml is neither a file nor a git revision');
  });
});
