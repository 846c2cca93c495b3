/**
 * `specwire docs` end to end: the committed pages match the contracts (what CI's `specwire docs
 * --check` checks), output is deterministic, drift is found and repaired, and the CLI's `--check`
 * names stale files with exit 1.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocs, renderDocs, writeDocs } from '../../docsgen/generate.js';
import { discoverContracts } from '../../contract/discover.js';
import { FIXTURE_FILES } from '../support/generated-contracts.js';
import { tempFiles } from '../support/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS_DIR = join(ROOT, 'docs/contracts');
// A cold start (tsx + parser) takes seconds on an idle machine; shared CI boxes are slower.
const SPAWN_DEADLINE_MS = 90_000;

async function render(files: string[], out: string): Promise<Map<string, string>> {
  const result = await renderDocs(files, out);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.files;
}

function specwire(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/specwire.js', ...args], { cwd: ROOT, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
    });
  });
}

describe('committed docs', () => {
  it('docs/contracts/ matches asyncapi/ and two renders are byte-identical', async () => {
    const files = await render(discoverContracts(), DOCS_DIR);
    // Same set as the documents; the order is the renderer's (by contract id), checked by the re-render below.
    expect([...files.keys()].sort()).toEqual(['index.html', 'index.md', ...discoverContracts().flatMap((f) => {
      const id = f.replace(/^.*\/|\.ya?ml$/g, '');
      return [`${id}.html`, `${id}.md`];
    })].sort());
    const drift = checkDocs(DOCS_DIR, files, true);
    expect({ stale: drift.stale, missing: drift.missing, extra: drift.extra }).toEqual({ stale: [], missing: [], extra: [] });
    const again = await render([...discoverContracts()].reverse(), DOCS_DIR);
    expect([...again]).toEqual([...files]);
  });
});

describe('drift', () => {
  const dir = tempFiles({ 'package.json': '{}' });
  afterAll(() => dir.remove());

  it('finds missing, stale and extra pages; writing repairs exactly those and spares files that are not ours', async () => {
    const out = dir.path('docs');
    const files = await render(FIXTURE_FILES, out);
    expect(checkDocs(out, files, true).missing).toEqual(['chat-rooms.html', 'chat-rooms.md', 'index.html', 'index.md', 'iot-telemetry.html', 'iot-telemetry.md']);
    writeDocs(out, files, true);
    // The source is named from the project root (the temp folder's package.json), wherever the cwd is.
    expect(readFileSync(join(out, 'chat-rooms.md'), 'utf8').split('\n', 1)[0]).toMatch(/^<!-- generated from (\.\.\/)+.*test\/fixtures\/codegen\/chat-rooms\.yaml by specwire docs — do not edit -->$/);

    writeFileSync(join(out, 'chat-rooms.md'), 'hand edit\n');
    dir.write('docs/old-contract.html', readFileSync(join(out, 'chat-rooms.html'), 'utf8'));
    dir.write('docs/notes.md', 'not ours\n');
    expect(checkDocs(out, files, true)).toMatchObject({ stale: ['chat-rooms.md'], missing: [], extra: ['old-contract.html'] });
    expect(checkDocs(out, files, false).extra).toEqual([]); // explicit files: other pages are left alone

    writeDocs(out, files, true);
    expect(checkDocs(out, files, true)).toMatchObject({ stale: [], missing: [], extra: [] });
    expect(existsSync(join(out, 'old-contract.html'))).toBe(false);
    expect(existsSync(join(out, 'notes.md'))).toBe(true);
  });
});

describe('specwire docs (CLI)', () => {
  const dir = tempFiles();
  afterAll(() => dir.remove());

  it('--check exits 1 naming stale and missing pages, then 0 once written', { timeout: 4 * SPAWN_DEADLINE_MS }, async () => {
    const out = dir.path('site');
    const args = [FIXTURE_FILES[1]!, '--out', out];
    const missing = await specwire('docs', ...args, '--check');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/missing +.*site\/chat-rooms\.html/);
    expect((await specwire('docs', ...args)).code).toBe(0);
    writeFileSync(join(out, 'chat-rooms.md'), readFileSync(join(out, 'chat-rooms.md'), 'utf8').replace('post-message', 'post-msg'));
    const stale = await specwire('docs', ...args, '--check');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/stale +.*site\/chat-rooms\.md/);
    expect(stale.stdout).not.toContain('chat-rooms.html');
    expect((await specwire('docs', ...args)).code).toBe(0);
    const fresh = await specwire('docs', ...args, '--check');
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('up to date');
  });

  it('passes --check on the committed docs, as CI runs it', { timeout: SPAWN_DEADLINE_MS + 5_000 }, async () => {
    const result = await specwire('docs', '--check');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const n = discoverContracts().length;
    expect(result.stdout).toContain(`docs/contracts/ is up to date: ${n} contract(s), ${2 * n + 2} files`);
  });

  it('an unreadable document exits 2 with file:line:col and writes nothing', { timeout: SPAWN_DEADLINE_MS + 5_000 }, async () => {
    const bad = dir.write('broken.yaml', 'asyncapi: 3.0.0\ninfo: [unclosed\n');
    const result = await specwire('docs', bad, '--out', dir.path('never'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(existsSync(dir.path('never'))).toBe(false);
  });
});
