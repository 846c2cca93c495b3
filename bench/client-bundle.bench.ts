/**
 * Size of the browser build of the typed client: esbuild (bundle, minify, ESM, browser) then gzip
 * level 9, per entry. The baseline in the same run is the generated contract alone (decoders and
 * validators), which an app importing `specwire/contracts/<id>` already ships; the difference is
 * what the client itself adds.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

interface Entry {
  name: string;
  source: string;
  /** Packages left out of the bundle (an app has them anyway). */
  external?: string[];
}

const ENTRIES: Entry[] = [
  { name: 'client core (createClient, no contract)', source: `import { createClient } from './client/index.js'; globalThis.x = createClient;` },
  { name: 'media-timeline contract alone (baseline)', source: `import * as c from './generated/media-timeline/index.js'; globalThis.x = c;` },
  { name: 'client + media-timeline descriptor', source: `import { createClient } from './client/index.js'; import { contract } from './generated/media-timeline/client.js'; globalThis.x = [createClient, contract];` },
  { name: 'taskforge contract alone (baseline)', source: `import * as c from './generated/taskforge/index.js'; globalThis.x = c;` },
  { name: 'client + taskforge descriptor', source: `import { createClient } from './client/index.js'; import { contract } from './generated/taskforge/client.js'; globalThis.x = [createClient, contract];` },
  { name: 'client + stream store (streamStore, stateSelector)', source: `import { createClient, streamStore, stateSelector } from './client/index.js'; globalThis.x = [createClient, streamStore, stateSelector];` },
  { name: 'client + specwire/react (React itself external)', source: `import { createClient } from './client/index.js'; import { useStream } from './react/index.js'; globalThis.x = [createClient, useStream];`, external: ['react'] },
  { name: 'React 19 + react-dom alone (baseline of the pages)', source: `import { createRoot } from 'react-dom/client'; import { useSyncExternalStore } from 'react'; globalThis.x = [createRoot, useSyncExternalStore];` },
  { name: 'example page (examples/media-timeline, React)', source: `import './examples/media-timeline/main.js';` },
  { name: 'example page (examples/phase-events, React)', source: `import './examples/phase-events/main.js';` },
];

export async function measure(source: string, external: string[] = []): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'tsx', sourcefile: 'entry.tsx' },
    external,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const sizes = new Map<string, { min: number; gzip: number }>();
  for (const e of ENTRIES) sizes.set(e.name, await measure(e.source, e.external));
  process.stdout.write('| bundle | minified | min + gzip |\n| --- | ---: | ---: |\n');
  for (const [name, s] of sizes) process.stdout.write(`| ${name} | ${kb(s.min)} | ${kb(s.gzip)} |\n`);
  for (const id of ['media-timeline', 'taskforge']) {
    const base = sizes.get(`${id} contract alone (baseline)`)!;
    const withClient = sizes.get(`client + ${id} descriptor`)!;
    process.stdout.write(
      `${id}: the client adds ${kb(withClient.gzip - base.gzip)} gzip to the contract's ${kb(base.gzip)} (${(withClient.gzip / base.gzip).toFixed(2)}× the baseline)\n`,
    );
  }
}
