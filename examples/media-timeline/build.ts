/**
 * Bundles the media-timeline example (React, the client, the contract) with esbuild.
 * `node bin/run-ts.js examples/media-timeline/build.ts [outDir]` writes bundle.js next to index.html.
 */
import { join } from 'node:path';
import { bundlePage } from '../bundle-page.js';

export const EXAMPLE_DIR = import.meta.dirname;

/** Writes `index.html` and a minified `bundle.js` into `outDir`; returns the bundle's path. */
export function buildExample(outDir: string): Promise<string> {
  return bundlePage(EXAMPLE_DIR, outDir);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const out = await buildExample(process.argv[2] ?? join(EXAMPLE_DIR, 'dist'));
  console.log(`wrote ${out}`);
}
