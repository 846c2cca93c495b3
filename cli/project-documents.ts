/**
 * What `lint`, `generate` and `docs` work on when no file is named: the documents of the project the
 * command runs in (`./asyncapi/`), not the contracts shipped inside the package. In this repository
 * the two are the same folder.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverContracts } from '../contract/discover.js';
import { UsageError } from './exit.js';

export const PROJECT_DOCUMENTS_DIR = 'asyncapi';

export function projectDocuments(command: string): string[] {
  const dir = resolve(PROJECT_DOCUMENTS_DIR);
  if (!existsSync(dir)) throw new UsageError(`no documents named and ./${PROJECT_DOCUMENTS_DIR}/ does not exist here: specwire ${command} path/to/api.yaml`);
  const files = discoverContracts(dir);
  if (!files.length) throw new UsageError(`no documents named and ./${PROJECT_DOCUMENTS_DIR}/ holds no .yaml, .yml or .json file: specwire ${command} path/to/api.yaml`);
  return files;
}
