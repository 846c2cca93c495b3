/**
 * Where the package's own files are (the shipped contracts, scenarios, generated code, templates).
 * Modules run from `contract/` in a checkout and from `dist/contract/` when built and installed, so
 * asset paths are resolved from the package root — the nearest folder above with specwire's
 * package.json — instead of a fixed number of `..`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'specwire') return dir;
    if (dirname(dir) === dir) throw new Error(`specwire: no package.json of specwire above ${from}`);
  }
}

/** The folder holding specwire's package.json. */
export const PACKAGE_ROOT = findPackageRoot(import.meta.dirname);

/** A path inside the installed package: `packagePath('asyncapi')`. */
export function packagePath(...segments: string[]): string {
  return resolve(PACKAGE_ROOT, ...segments);
}

/** specwire's own version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
