/**
 * `specwire lint` as a library: loads each document, keeps the parser's diagnostics, runs the rule
 * registry at the levels of the document's profile (generic, or specwire for documents that opt in),
 * its config file and the command line, and places every finding at file:line:col.
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import { loadContract } from '../load.js';
import type { ContractModel } from '../model.js';
import { configLevels, findConfigFile, loadConfig, type ConfigResult } from './config.js';
import { LINT_RULES } from './registry.js';
import type { LintRule, Profile, RuleLevel } from './rule.js';

export interface LintReport {
  diagnostics: Diagnostic[];
  /**
   * Files that could not be read, parsed as YAML, resolved or are not AsyncAPI 3 (exit code 2), and
   * config files that are broken. A document the parser refuses for breaking AsyncAPI 3.0 itself is
   * a contract error (exit code 1).
   */
  unparsed: string[];
  /** 0 clean (warnings allowed), 1 rule errors, 2 unreadable or unparseable input or config. */
  exitCode: 0 | 1 | 2;
}

export interface LintOptions {
  /** Rules to run; default: the whole registry. */
  rules?: readonly LintRule[];
  /**
   * Config file: a path uses that file for every document; `false` uses none; default: the nearest
   * `specwire.config.yaml` (`.yml`, `.json`) at or above each document's folder.
   */
  config?: string | false;
  /** Levels from the command line (`--rule id=level`), applied over the profile and the config. */
  ruleLevels?: Record<string, RuleLevel>;
}

export async function lintFiles(files: string[], options: LintOptions = {}): Promise<LintReport> {
  const diagnostics: Diagnostic[] = [];
  const unparsed = new Set<string>();
  const configs = new Map<string, ConfigResult>();
  const configFor = (file: string): { path: string; result: ConfigResult } | undefined => {
    const path = options.config === false ? undefined : (options.config ?? findConfigFile(file));
    if (path === undefined) return undefined;
    if (!configs.has(path)) configs.set(path, loadConfig(path));
    return { path, result: configs.get(path)! };
  };
  for (const file of files) {
    const config = configFor(file);
    if (config && !config.result.ok) {
      // What the user wanted for this document is unknown: report the config, not the document.
      diagnostics.push(...config.result.diagnostics);
      unparsed.add(config.path);
      continue;
    }
    const loaded = await loadContract(file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.ok) {
      const configured = config?.result.ok ? configLevels(config.result.config, file) : {};
      const levels = { ...configured, ...options.ruleLevels };
      diagnostics.push(...runRules(loaded.contract, options.rules ?? LINT_RULES, levels));
    } else if (loaded.reason !== 'invalid') unparsed.add(file);
  }
  const unique = dedupe(diagnostics).sort(compareDiagnostics);
  const exitCode = unparsed.size ? 2 : unique.some((d) => d.severity === 'error') ? 1 : 0;
  return { diagnostics: unique, unparsed: [...unparsed], exitCode };
}

/** `specwire` for documents that opt in with `info.x-specwire`, `generic` for every other. */
export function profileOf(contract: ContractModel): Profile {
  return contract.specwire ? 'specwire' : 'generic';
}

/**
 * Runs `rules` on one contract. Each rule's level is `levels[rule.id]` when given (config, command
 * line), else its default for the contract's profile; `off` rules do not run.
 */
export function runRules(contract: ContractModel, rules: readonly LintRule[] = LINT_RULES, levels: Record<string, RuleLevel> = {}): Diagnostic[] {
  const profile = profileOf(contract);
  return rules.flatMap((rule) => {
    const level = levels[rule.id] ?? rule.level[profile];
    if (level === 'off') return [];
    return rule.check(contract).map((finding): Diagnostic => {
      const at = contract.locate(finding.path);
      return { file: at.file, line: at.line, column: at.column, severity: level, rule: rule.id, message: finding.message, path: finding.path };
    });
  });
}

/** A shared fragment used by several documents would otherwise be reported once per document. */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
