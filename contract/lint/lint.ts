/**
 * `specwire lint` as a library: loads each document, keeps the parser's diagnostics, runs the rule
 * registry (generic rules always, specwire rules for documents that opt in) and places every finding
 * at file:line:col.
 */
import { compareDiagnostics, type Diagnostic } from '../diagnostic.js';
import { loadContract } from '../load.js';
import type { ContractModel } from '../model.js';
import { LINT_RULES } from './registry.js';
import type { LintRule } from './rule.js';

export interface LintReport {
  diagnostics: Diagnostic[];
  /**
   * Files that could not be read, parsed as YAML, resolved or are not AsyncAPI 3 (exit code 2). A
   * document the parser refuses for breaking AsyncAPI 3.0 itself is a contract error (exit code 1).
   */
  unparsed: string[];
  /** 0 clean (warnings allowed), 1 rule errors, 2 unreadable or unparseable input. */
  exitCode: 0 | 1 | 2;
}

export interface LintOptions {
  /** Rules to run; default: the whole registry. */
  rules?: readonly LintRule[];
}

export async function lintFiles(files: string[], options: LintOptions = {}): Promise<LintReport> {
  const diagnostics: Diagnostic[] = [];
  const unparsed: string[] = [];
  for (const file of files) {
    const loaded = await loadContract(file);
    diagnostics.push(...loaded.diagnostics);
    if (loaded.ok) diagnostics.push(...runRules(loaded.contract, options.rules ?? LINT_RULES));
    else if (loaded.reason !== 'invalid') unparsed.push(file);
  }
  const unique = dedupe(diagnostics).sort(compareDiagnostics);
  const exitCode = unparsed.length ? 2 : unique.some((d) => d.severity === 'error') ? 1 : 0;
  return { diagnostics: unique, unparsed, exitCode };
}

export function runRules(contract: ContractModel, rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  return rules
    .filter((rule) => rule.set === 'generic' || contract.specwire)
    .flatMap((rule) =>
      rule.check(contract).map((finding): Diagnostic => {
        const at = contract.locate(finding.path);
        return { file: at.file, line: at.line, column: at.column, severity: rule.severity, rule: rule.id, message: finding.message, path: finding.path };
      }),
    );
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
