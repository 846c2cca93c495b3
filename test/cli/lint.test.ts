/**
 * `specwire lint` as users and CI run it: a real process (`node bin/specwire.js lint ...`), its
 * stdout, stderr and exit code. Every spawn has a deadline.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';
import { LINT_RULES } from '../../contract/lint/registry.js';
import { tempFiles } from '../support/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = 'test/fixtures/lint';
// A cold start (tsx + parser) takes 2-4 s on an idle machine; CI boxes are slower and busy.
// Linting all six shipped documents took 28-50 s under a load average of 10-15 on 2 cores.
const SPAWN_DEADLINE_MS = 90_000;
/** At most two spawns per test. */
const TEST_DEADLINE_MS = 2 * SPAWN_DEADLINE_MS + 5_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function specwire(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/specwire.js', ...args],
      { cwd: ROOT, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** `file:line:col  severity  rule-id  message` */
const LINE = /^(\S+):(\d+):(\d+) {2}(error|warning|info) {2}([a-z0-9-]+) {2}(\S.*)$/;

function expectNoStack(run: Run): void {
  expect(run.stdout).not.toContain('    at ');
  expect(run.stderr).not.toContain('    at ');
}

describe('specwire lint (pretty)', { timeout: TEST_DEADLINE_MS }, () => {
  it('prints each finding as file:line:col  severity  rule-id  message, then a summary; exit 1 on errors', async () => {
    const run = await specwire('lint', `${FIX}/example-violates-schema.yaml`);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `${FIX}/example-violates-schema.yaml:55:67  error  example-valid  example "shipped" of "statusChanged" is invalid: /status must be equal to one of the allowed values ("paid", "shipped", "delivered")`,
      '1 file linted: 1 error, 0 warnings',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('names the fragment file when the fault is in a referenced file', async () => {
    const run = await specwire('lint', `${FIX}/cross-file/example-invalid-in-fragment.yaml`);
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^${FIX}/cross-file/fragments/order-messages\\.yaml:20:67  error  example-valid  `));
    expect(run.code).toBe(1);
  });

  it('exits 0 on clean documents, and on warnings only', async () => {
    const clean = await specwire('lint', `${FIX}/clean-generic.yaml`, `${FIX}/clean-specwire.yaml`);
    expect(clean.stdout).toBe('2 files linted: 0 errors, 0 warnings\n');
    expect(clean.code).toBe(0);
    const warned = await specwire('lint', `${FIX}/unused-component.yaml`);
    expect(warned.stdout.split('\n')[0]).toMatch(LINE);
    expect(warned.stdout).toContain('1 file linted: 0 errors, 1 warning\n');
    expect(warned.code).toBe(0);
  });

  it('--quiet hides warnings', async () => {
    const run = await specwire('lint', '--quiet', `${FIX}/unused-component.yaml`, `${FIX}/example-violates-schema.yaml`);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => LINE.exec(l)?.[5])).toEqual(['example-valid']);
    expect(run.code).toBe(1);
  });

  it('exits 2 on input it cannot read or parse, with a positioned finding per file and no stack trace', async () => {
    const run = await specwire('lint', `${FIX}/version-not-semver.yaml`, `${FIX}/yaml-syntax-error.yaml`, `${FIX}/broken-ref.yaml`, `${FIX}/asyncapi-v2.yaml`, `${FIX}/no-such-document.yaml`, FIX);
    expect(run.code).toBe(2);
    const found = run.stdout.trimEnd().split('\n').slice(0, -1).map((l) => LINE.exec(l)!.slice(1, 6).filter((_, i) => i !== 1 && i !== 2).join(' '));
    expect(found).toEqual([
      `${FIX} error file-unreadable`,
      `${FIX}/asyncapi-v2.yaml error asyncapi-version`,
      `${FIX}/broken-ref.yaml error invalid-ref`,
      `${FIX}/no-such-document.yaml error file-unreadable`,
      `${FIX}/version-not-semver.yaml warning version-semver`,
      `${FIX}/yaml-syntax-error.yaml error yaml-syntax`,
    ]);
    expect(run.stdout).toMatch(/6 files linted: 5 errors, 1 warning\n$/);
    expectNoStack(run);
  });

  it('does not crash on hostile input: binary garbage, a huge line, deep nesting', async () => {
    const dir = tempFiles();
    try {
      const garbage = dir.write('garbage.yaml', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
      const long = dir.write('long.yaml', `asyncapi: 3.0.0\ninfo:\n  title: ${'x'.repeat(1_000_000)}\n  version: 1.0.0\n`);
      const deep = dir.write('deep.yaml', `asyncapi: 3.0.0\ninfo: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
      const run = await specwire('lint', garbage, long, deep);
      expect([1, 2]).toContain(run.code);
      expectNoStack(run);
      expect(run.stdout).toMatch(/3 files linted: \d+ errors?, \d+ warnings?\n$/);
    } finally {
      dir.remove();
    }
  });
});

describe('specwire lint --format json', { timeout: TEST_DEADLINE_MS }, () => {
  it('prints one JSON object: files, diagnostics with position and path, exit code', async () => {
    const run = await specwire('lint', '--format', 'json', `${FIX}/stream-key-unknown.yaml`, `${FIX}/clean-generic.yaml`);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      files: [`${FIX}/stream-key-unknown.yaml`, `${FIX}/clean-generic.yaml`],
      diagnostics: [
        {
          file: `${FIX}/stream-key-unknown.yaml`,
          line: 36,
          column: 26,
          severity: 'error',
          rule: 'channel-stream',
          message: 'stream key "quizId" is neither a channel parameter nor a field of every event',
          path: ['channels', 'room', 'x-specwire-stream', 'key'],
        },
      ],
      exitCode: 1,
    });
  });

  it('reports unparseable input in the same shape, exit 2', async () => {
    const run = await specwire('lint', '--format', 'json', `${FIX}/cross-file/broken-ref-in-fragment.yaml`);
    expect(run.code).toBe(2);
    const out = JSON.parse(run.stdout) as { diagnostics: { file: string; line: number; rule: string }[]; exitCode: number };
    expect(out.exitCode).toBe(2);
    expect(out.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([`${FIX}/cross-file/fragments/broken-ref-messages.yaml:15 invalid-ref`]);
  });
});

describe('specwire lint options', { timeout: TEST_DEADLINE_MS }, () => {
  it('--list-rules lists every rule with its level per profile, exit 0', async () => {
    const run = await specwire('lint', '--list-rules');
    expect(run.code).toBe(0);
    const rows = run.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 3));
    expect(rows).toEqual([['rule', 'generic', 'specwire'], ...LINT_RULES.map((r) => [r.id, r.level.generic, r.level.specwire])]);
  });

  it('an unknown --format is a usage error: exit 2, a one-line message, no stack trace', async () => {
    const run = await specwire('lint', '--format', 'xml', `${FIX}/clean-generic.yaml`);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('specwire: unknown --format "xml" (pretty, json, sarif, github, junit)\n');
    expect(run.stdout).toBe('');
    expectNoStack(run);
  });

  it('an unknown option is a usage error: exit 2', async () => {
    const run = await specwire('lint', '--strict');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--strict'");
    expectNoStack(run);
  });
});

describe('specwire lint: profiles, config files, --rule, formats', { timeout: TEST_DEADLINE_MS }, () => {
  const GEMINI = 'test/fixtures/third-party/asyncapi-gemini-websocket.yaml';

  it('lints a third-party document in the generic profile; --rule switches a convention on', async () => {
    const generic = await specwire('lint', '--quiet', GEMINI);
    expect(generic.stdout).toBe('1 file linted: 0 errors, 0 warnings\n');
    expect(generic.code).toBe(0);
    const strict = await specwire('lint', '--quiet', '--rule', 'message-type-const=error', '--rule', 'security-declared=warn', GEMINI);
    expect(strict.stdout.trimEnd().split('\n').slice(0, -1).map((l) => LINE.exec(l)?.slice(4, 6))).toEqual([['error', 'message-type-const']]);
    expect(strict.code).toBe(1);
  });

  it('finds specwire.config.yaml upward from each document; a broken one is exit 2 at its file:line:col', async () => {
    const dir = tempFiles({
      'specwire.config.yaml': "lint:\n  overrides:\n    - files: ['apis/**']\n      rules: { example-valid: warning }\n",
      'apis/orders.yaml': readFileSync(resolve(ROOT, FIX, 'example-violates-schema.yaml'), 'utf8'),
      'legacy/specwire.config.yaml': 'lint:\n  rules:\n    example-valid: fatal\n',
      'legacy/orders.yaml': readFileSync(resolve(ROOT, FIX, 'example-violates-schema.yaml'), 'utf8'),
    });
    try {
      const good = await specwire('lint', dir.path('apis/orders.yaml'));
      expect(good.stdout).toMatch(/orders\.yaml:55:67 {2}warning {2}example-valid {2}/);
      expect(good.code).toBe(0);
      const broken = await specwire('lint', dir.path('apis/orders.yaml'), dir.path('legacy/orders.yaml'));
      expect(broken.code).toBe(2);
      expect(broken.stdout).toContain(`legacy/specwire.config.yaml:3:5  error  lint-config  lint.rules.example-valid: "fatal" is not a level (off, info, warning, error)`);
      expectNoStack(broken);
    } finally {
      dir.remove();
    }
  });

  it('--format sarif prints a SARIF 2.1.0 log with the same exit code', async () => {
    const run = await specwire('lint', '--format', 'sarif', `${FIX}/example-violates-schema.yaml`);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region])).toEqual([
      ['example-valid', `${FIX}/example-violates-schema.yaml`, { startLine: 55, startColumn: 67 }],
    ]);
  });

  it('a malformed or unknown --rule is a usage error: exit 2, one line, no stack trace', async () => {
    const run = await specwire('lint', '--rule', 'example-valid=loud', `${FIX}/clean-generic.yaml`);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('specwire: --rule "example-valid=loud": "loud" is not a level (off, info, warning, error)\n');
    expectNoStack(run);
  });
});

describe('the shipped contracts', { timeout: TEST_DEADLINE_MS }, () => {
  // The five contracts, plus taskforge's wire major 2 served beside v1 during its migration (docs/versioning.md).
  const SHIPPED = ['juke-world', 'phase-events', 'media-timeline', 'leaderboard', 'taskforge', 'taskforge.v2'];

  it('are exactly the five contracts (taskforge in two majors), and all lint clean (no error, no warning)', async () => {
    const ids: string[] = [];
    for (const file of discoverContracts()) {
      const loaded = await loadContract(file);
      ids.push(loaded.ok ? loaded.contract.id : basename(file));
    }
    expect(ids.sort()).toEqual([...SHIPPED].sort());
    const run = await specwire('lint', '--format', 'json');
    const out = JSON.parse(run.stdout) as { files: string[]; diagnostics: unknown[]; exitCode: number };
    expect(out.diagnostics).toEqual([]);
    expect(out.files.filter((f) => f.startsWith('asyncapi/'))).toHaveLength(SHIPPED.length);
    expect(run.code).toBe(0);
  });
});
