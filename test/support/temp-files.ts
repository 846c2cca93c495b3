/**
 * Ephemeral folders of generated files for tests: `const dir = tempFiles({ 'a.yaml': '...' })`, then
 * `dir.path('a.yaml')`; `dir.remove()` in `afterAll`/`afterEach` deletes everything it wrote.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempFiles {
  root: string;
  path(name: string): string;
  write(name: string, text: string): string;
  remove(): void;
}

export function tempFiles(files: Record<string, string> = {}): TempFiles {
  const root = mkdtempSync(join(tmpdir(), 'specwire-test-'));
  const dir: TempFiles = {
    root,
    path: (name) => join(root, name),
    write(name, text) {
      const file = join(root, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [name, text] of Object.entries(files)) dir.write(name, text);
  return dir;
}
