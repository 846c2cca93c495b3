/**
 * Builds an example app: `<dir>/main.tsx` (React through `specwire/react`, the client, a contract
 * descriptor) bundled by esbuild into `<outDir>/bundle.js`, next to a copy of `<dir>/index.html`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Writes `index.html` and a minified `bundle.js` into `outDir`; returns the bundle's path. */
export async function bundlePage(dir: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'bundle.js');
  await build({
    entryPoints: [join(dir, 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    // React's production build: no development checks in the page.
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile,
    logLevel: 'warning',
  });
  copyFileSync(join(dir, 'index.html'), join(outDir, 'index.html'));
  return outfile;
}
