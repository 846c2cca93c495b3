/**
 * vitest global setup: compile the kit into dist/ before any test runs. Tests that spawn
 * `bin/specwire.js` run the compiled CLI — what users install — so it must match the sources even
 * when a developer runs one test file right after an edit. Incremental: a no-op build takes ~1 s.
 * `npm run build`'s second step, the precompiled document validators, is skipped when up to date.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export default function buildDist(): void {
  const root = resolve(import.meta.dirname, '../..');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-document-validators.js'], { cwd: root, stdio: 'inherit' });
}
