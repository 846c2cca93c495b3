/**
 * Loading documents for a generator (`specwire generate`, `specwire docs`): each one through the
 * contract model, and its id checked before it names output files — a safe file name, not reserved
 * by the generator, and not the id of another document of the same run.
 */
import { relative } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import { loadContract } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface OutputNaming {
  /** What an id names, for the message: "a folder", "a docs page". */
  names: string;
  /** Ids the generator keeps for its own files (docs: `index`). */
  reserved?: readonly string[];
  /** Rule id of the diagnostic for an unusable id. */
  rule: string;
}

export type LoadedContracts = { ok: true; contracts: ContractModel[] } | { ok: false; diagnostics: Diagnostic[] };

/** Loads every file; any load error or unusable id fails the whole run with its diagnostics. */
export async function loadOutputContracts(files: string[], naming: OutputNaming): Promise<LoadedContracts> {
  const reserved = naming.reserved ?? [];
  const rules = `letters, digits, ".", "_", "-"${reserved.length ? `; not ${reserved.map((r) => `"${r}"`).join(', ')}` : ''}`;
  const contracts: ContractModel[] = [];
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<string, string>();
  for (const file of files) {
    const loaded = await loadContract(file);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics.filter((d) => d.severity === 'error'));
      continue;
    }
    const { contract } = loaded;
    const problem = !SAFE_ID.test(contract.id) || reserved.includes(contract.id)
      ? `contract id "${contract.id}" cannot name ${naming.names} (${rules})`
      : ids.has(contract.id)
        ? `contract id "${contract.id}" is also the id of ${relative(process.cwd(), ids.get(contract.id)!)}`
        : undefined;
    if (problem) {
      const at = contract.locate(['info', 'x-specwire', 'id']);
      diagnostics.push({ file: at.file, line: at.line, column: at.column, severity: 'error', rule: naming.rule, message: problem });
      continue;
    }
    ids.set(contract.id, contract.file);
    contracts.push(contract);
  }
  return diagnostics.length ? { ok: false, diagnostics } : { ok: true, contracts };
}
