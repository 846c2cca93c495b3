/**
 * The generator's entry: contract documents → files under `<out>/<contract id>/`, written or
 * compared with what is on disk (`--check`). Emitting is pure (model in, text out); only
 * `loadOutputs`, `writeOutputs` and `checkOutputs` touch the file system.
 *
 * Per contract: `index.d.ts` (types, declarations), `index.js` (runtime), `validators.js`
 * (standalone ajv validators), and for contracts with a stream channel `client.js` + `client.d.ts`
 * (the typed client's descriptor). The package exports each folder as `specwire/contracts/<id>`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import type { ContractModel } from '../contract/model.js';
import { buildCatalog, compare } from './catalog.js';
import { clientFacts, emitClientDts, emitClientJs, stateTypeName } from './emit-client.js';
import { emitDts } from './emit-dts.js';
import { emitRuntime } from './emit-runtime.js';
import { applyDrift, carriesMark, compareFiles, type Drift } from './drift.js';
import { emitValidators } from './emit-validators.js';
import { loadOutputContracts } from './load-contracts.js';
import { GENERATED_MARK } from './header.js';

export interface ContractOutput {
  /** Absolute path of the source document. */
  file: string;
  id: string;
  /** File contents by path relative to the output folder, e.g. `taskforge/index.js`. */
  files: Map<string, string>;
  warnings: string[];
}

export type { Drift };

export type GenerateResult = { ok: true; outputs: ContractOutput[] } | { ok: false; diagnostics: Diagnostic[] };

/** Emits one contract. `source` is the document path written into the headers. */
export function emitContract(contract: ContractModel, source: string): ContractOutput {
  const catalog = buildCatalog(contract);
  const validators = emitValidators(catalog, source);
  const files = new Map<string, string>([
    [`${contract.id}/index.d.ts`, emitDts(catalog, source)],
    [`${contract.id}/index.js`, emitRuntime(catalog, source)],
    [`${contract.id}/validators.js`, validators.code],
  ]);
  const facts = clientFacts(contract);
  if (facts) {
    files.set(`${contract.id}/client.js`, emitClientJs(facts, source));
    files.set(`${contract.id}/client.d.ts`, emitClientDts(facts, source, { state: stateTypeName(contract, facts, catalog) }));
  }
  return { file: contract.file, id: contract.id, files, warnings: [...catalog.warnings, ...validators.warnings] };
}

/**
 * Loads and emits every document. Headers name each document relative to the output folder's
 * parent (`asyncapi/taskforge.yaml` for `generated/`), so output does not depend on the cwd.
 */
export async function generateContracts(files: string[], outDir: string): Promise<GenerateResult> {
  const base = dirname(resolve(outDir));
  const loaded = await loadOutputContracts(files, { names: 'a folder', rule: 'codegen-contract-id' });
  if (!loaded.ok) return loaded;
  const outputs = loaded.contracts.map((contract) => emitContract(contract, relative(base, contract.file).split(sep).join('/')));
  return { ok: true, outputs: outputs.sort((a, b) => compare(a.id, b.id)) };
}

/**
 * Compares expected output with `outDir`. `whole`: the outputs are every contract, so generated
 * folders of other ids are leftovers (a renamed or deleted contract) and count as extra.
 */
export function checkOutputs(outDir: string, outputs: ContractOutput[], whole: boolean): Drift {
  const expected = new Map(outputs.flatMap((o) => [...o.files]));
  const folders = whole ? generatedFolders(outDir) : outputs.map((o) => o.id);
  const owned = folders.flatMap((folder) => {
    const dir = join(outDir, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((name) => isGenerated(join(dir, name))).map((name) => `${folder}/${name}`);
  });
  return compareFiles(outDir, expected, owned);
}

/** Writes what differs and removes generated leftovers (only files that carry our header). */
export function writeOutputs(outDir: string, outputs: ContractOutput[], whole: boolean): Drift {
  const drift = checkOutputs(outDir, outputs, whole);
  applyDrift(outDir, new Map(outputs.flatMap((o) => [...o.files])), drift);
  return drift;
}

/** Folders of `outDir` that hold at least one generated file. */
function generatedFolders(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((name) => statSync(join(outDir, name)).isDirectory())
    .filter((name) => readdirSync(join(outDir, name)).some((f) => isGenerated(join(outDir, name, f))))
    .sort(compare);
}

function isGenerated(path: string): boolean {
  return carriesMark(path, GENERATED_MARK);
}
