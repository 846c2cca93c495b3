/**
 * Before anything connects: resolve the contracts, load and check every scenario, apply `--tag` and
 * `--grep`. Any problem here is a configuration error (exit 2) reported as file:line:col diagnostics.
 */
import { basename, extname, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Diagnostic } from '../contract/diagnostic.js';
import { discoverContracts } from '../contract/discover.js';
import { loadContract } from '../contract/load.js';
import { ContractView } from './contract-view.js';
import { checkScenario } from './scenario/check.js';
import { SCENARIOS_DIR, discoverScenarios, loadScenario } from './scenario/load.js';
import type { Scenario } from './scenario/types.js';

export interface PlanOptions {
  /** Contract ids (`taskforge`) or document paths; empty: every shipped contract. */
  contracts: string[];
  /** Folder of `<contract>/*.yaml` scenarios. Default `conformance/scenarios`. */
  scenariosDir?: string;
  /** Keep scenarios carrying any of these tags. */
  tags?: string[];
  /** Keep scenarios whose name or file matches this regular expression (case-insensitive). */
  grep?: string;
  /** Every scenario must name the contract clauses it enforces (`contract:`), as `--check` demands. Default false. */
  requireContractRefs?: boolean;
}

export interface PlannedContract {
  view: ContractView;
  scenarios: Scenario[];
  /** Scenario files found for the contract before `--tag`/`--grep`: 0 means a derived suite (undefined: some). */
  discovered?: number;
}

export type PlanResult = { ok: true; contracts: PlannedContract[] } | { ok: false; diagnostics: Diagnostic[]; message?: string };

export async function planRun(options: PlanOptions): Promise<PlanResult> {
  const files = resolveContractFiles(options.contracts);
  if (!files.ok) return { ok: false, diagnostics: [], message: files.message };
  let grep: RegExp | undefined;
  try {
    grep = options.grep ? new RegExp(options.grep, 'i') : undefined;
  } catch (err) {
    return { ok: false, diagnostics: [], message: `bad --grep: ${(err as Error).message}` };
  }
  const diagnostics: Diagnostic[] = [];
  const contracts: PlannedContract[] = [];
  for (const file of files.files) {
    const loaded = await loadContract(file);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (!loaded.ok || errors.length) {
      diagnostics.push(...(errors.length ? errors : loaded.diagnostics));
      continue;
    }
    const view = new ContractView(loaded.contract);
    const scenarios: Scenario[] = [];
    const scenarioFiles = discoverScenarios(view.id, options.scenariosDir ?? SCENARIOS_DIR);
    for (const scenarioFile of scenarioFiles) {
      const result = loadScenario(scenarioFile, view.id);
      if (!result.ok) {
        diagnostics.push(...result.diagnostics);
        continue;
      }
      const problems = checkScenario(result.scenario, view, result.positions, { requireContractRefs: options.requireContractRefs });
      diagnostics.push(...problems);
      if (!problems.length) scenarios.push(result.scenario);
    }
    const selected = scenarios.filter(
      (s) => (!options.tags?.length || s.tags.some((t) => options.tags!.includes(t))) && (!grep || grep.test(s.name) || grep.test(s.file)),
    );
    contracts.push({ view, scenarios: selected, discovered: scenarioFiles.length });
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, contracts };
}

function resolveContractFiles(names: string[]): { ok: true; files: string[] } | { ok: false; message: string } {
  const shipped = discoverContracts();
  if (!names.length) return { ok: true, files: shipped };
  const files: string[] = [];
  for (const name of names) {
    if (/\.(ya?ml|json)$/.test(name) && existsSync(name)) {
      files.push(resolve(name));
      continue;
    }
    const hit = shipped.find((f) => basename(f, extname(f)) === name);
    if (!hit) return { ok: false, message: `unknown contract "${name}" (known: ${shipped.map((f) => basename(f, extname(f))).join(', ')})` };
    files.push(hit);
  }
  return { ok: true, files };
}
