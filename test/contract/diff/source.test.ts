/**
 * Materializing `rev:path`: the document and, transitively, every file it `$ref`s, at their repository
 * paths, from that revision; a plain path is returned as is; `cleanup()` removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../contract/diff/source.js';
import { tempFiles } from '../../support/temp-files.js';

const repo = tempFiles({
  'specs/api.yaml': "a: { $ref: './parts/one.yaml#/x' }\nb: { $ref: 'https://example.com/remote.yaml' }\n",
  'specs/parts/one.yaml': "x: { $ref: '../../shared/two.yaml#/y' }\n",
  'shared/two.yaml': 'y: 1\n',
  'unrelated.yaml': 'z: 1\n',
});
afterAll(() => repo.remove());
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo.root, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('add', '.');
git('commit', '-qm', 'one');
repo.write('shared/two.yaml', 'y: 2\n');

describe('openSource', () => {
  it('copies the document and its $refs (transitively, relative to each file) from the revision, then cleans up', () => {
    const src = openSource('main:specs/api.yaml', repo.root);
    if (!src.ok) throw new Error(src.error);
    const dir = src.file.slice(0, -'specs/api.yaml'.length - 1);
    expect(readFileSync(join(dir, 'shared/two.yaml'), 'utf8')).toBe('y: 1\n'); // the revision, not the working tree
    expect(existsSync(join(dir, 'specs/parts/one.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'unrelated.yaml'))).toBe(false);
    expect(src.display(join(dir, 'shared', 'two.yaml'))).toBe('main:shared/two.yaml');
    src.cleanup();
    expect(existsSync(dir)).toBe(false);
  });

  it('an existing path is a file, even with a colon-free name; a missing one is left to the loader', () => {
    const file = openSource(join(repo.root, 'unrelated.yaml'), repo.root);
    expect(file).toMatchObject({ ok: true, file: join(repo.root, 'unrelated.yaml') });
    expect(openSource('nothing.yaml', repo.root)).toMatchObject({ ok: true, file: 'nothing.yaml' });
  });

  it('refuses an unknown revision and a path missing at the revision', () => {
    expect(openSource('nope:specs/api.yaml', repo.root)).toMatchObject({ ok: false, error: expect.stringContaining('neither a file nor a git revision') });
    expect(openSource('main:specs/gone.yaml', repo.root)).toEqual({ ok: false, error: 'main has no file specs/gone.yaml' });
  });
});
