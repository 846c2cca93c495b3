import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from './package-root.js';

/** Folder of the shipped contracts, relative to the package root. */
export const CONTRACTS_DIR = packagePath('asyncapi');

/**
 * The AsyncAPI documents in a folder: its own `.yaml`/`.yml`/`.json` files, sorted. Subfolders hold
 * shared fragments (`common/`), which are checked through the documents that reference them.
 */
export function discoverContracts(dir = CONTRACTS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}
