#!/usr/bin/env node
// `npm pack` / `npm publish` (prepack): a build from scratch, so dist/ holds no output of deleted sources.
import { rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
execFileSync(process.execPath, ['scripts/build-document-validators.js'], { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
