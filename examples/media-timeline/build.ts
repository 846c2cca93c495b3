/**
 * Bundles the example page (and with it the browser build of the client) with esbuild.
 * `node bin/run-ts.js examples/media-timeline/build.ts [outDir]` writes bundle.js next to index.html.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const EXAMPLE_DIR = import.meta.dirname;

/** Writes `index.html` and a minified `bundle.js` into `outDir`; returns the bundle's path. */
export async function buildExample(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'bundle.js');
  await build({
    entryPoints: [join(EXAMPLE_DIR, 'main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile,
    logLevel: 'warning',
  });
  copyFileSync(join(EXAMPLE_DIR, 'index.html'), join(outDir, 'index.html'));
  return outfile;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const out = await buildExample(process.argv[2] ?? join(EXAMPLE_DIR, 'dist'));
  console.log(`wrote ${out}`);
}
