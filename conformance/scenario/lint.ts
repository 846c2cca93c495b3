/**
 * `specwire lint` for scenario files: load each one (`load.ts`) and check it against its contract
 * (`check.ts`), with the same diagnostics and exit-code semantics as document linting. A scenario's
 * contract is the folder it sits in (`scenarios/taskforge/x.yaml` → taskforge) unless one is named.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../contract/diagnostic.js';
import { discoverContracts } from '../../contract/discover.js';
import { loadContract } from '../../contract/load.js';
import { ContractView } from '../contract-view.js';
import { checkScenario } from './check.js';
import { loadScenario } from './load.js';

export interface ScenarioLintOptions {
  /**
   * Contract every scenario is checked against, by id or document path. Default: the contract whose
   * id is the scenario's folder name, among `documents` and the shipped contracts.
   */
  contract?: string;
  /** Documents also being linted; a scenario folder name may refer to one of them. Default none. */
  documents?: string[];
}

export interface ScenarioLintReport {
  diagnostics: Diagnostic[];
  /** Scenario files that cannot be read or parsed as YAML, or whose contract cannot be found (exit 2). */
  unparsed: string[];
}

/** Rules whose findings mean the input could not be read at all: exit 2 rather than 1. */
const UNREADABLE_RULES = new Set(['file-unreadable', 'scenario-yaml', 'scenario-unknown-contract']);

/**
 * True when a file looks like a scenario rather than an AsyncAPI document: a top-level `steps:` key
 * and no top-level `asyncapi:` key. Unreadable files are left to the document loader to report.
 */
export function isScenarioFile(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  return /^steps\s*:/m.test(text) && !/^["']?asyncapi["']?\s*:/m.test(text);
}

/** Scenario files under a folder (`<dir>/<contract>/*.yaml`, any depth), sorted. */
export function discoverScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(resolve(dir));
  return out.sort();
}

export async function lintScenarioFiles(files: string[], options: ScenarioLintOptions = {}): Promise<ScenarioLintReport> {
  const diagnostics: Diagnostic[] = [];
  const unparsed: string[] = [];
  const views = new Map<string, ContractView | Diagnostic[]>();
  const candidates = [...(options.documents ?? []).map((f) => resolve(f)), ...discoverContracts()];

  const viewFor = async (key: string, file: string | undefined): Promise<ContractView | Diagnostic[]> => {
    const cached = views.get(key);
    if (cached) return cached;
    let result: ContractView | Diagnostic[];
    if (!file) {
      result = [];
    } else {
      const loaded = await loadContract(file);
      const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
      result = loaded.ok && !errors.length ? new ContractView(loaded.contract) : errors.length ? errors : loaded.diagnostics;
    }
    views.set(key, result);
    return result;
  };

  for (const raw of files) {
    const file = resolve(raw);
    const id = options.contract ? contractIdOf(options.contract) : basename(dirname(file));
    const contractFile = options.contract && /\.(ya?ml|json)$/.test(options.contract)
      ? resolve(options.contract)
      : candidates.find((f) => basename(f, extname(f)) === id);
    const loaded = loadScenario(file, id);
    if (!loaded.ok) {
      diagnostics.push(...loaded.diagnostics);
      if (loaded.diagnostics.some((d) => UNREADABLE_RULES.has(d.rule))) unparsed.push(file);
      continue;
    }
    const view = await viewFor(contractFile ?? `?${id}`, contractFile);
    if (Array.isArray(view)) {
      const known = candidates.map((f) => basename(f, extname(f)));
      const why = contractFile
        ? `its contract ${contractFile} does not load (${view[0]?.rule ?? 'error'}: ${view[0]?.message ?? 'unknown'})`
        : `no contract "${id}" (the folder name) among ${[...new Set(known)].join(', ')}; name one with --contract`;
      diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'scenario-unknown-contract', message: `cannot check this scenario: ${why}` });
      unparsed.push(file);
      continue;
    }
    diagnostics.push(...checkScenario(loaded.scenario, view, loaded.positions));
  }
  return { diagnostics, unparsed };
}

function contractIdOf(nameOrFile: string): string {
  return /\.(ya?ml|json)$/.test(nameOrFile) ? basename(nameOrFile, extname(nameOrFile)) : nameOrFile;
}
