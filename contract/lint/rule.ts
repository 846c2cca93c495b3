/**
 * A lint rule: a small named function over the contract model. Rules live one per file in
 * `contract/lint/rules/` and are listed in `contract/lint/registry.ts`; adding one touches one file and one test.
 */
import type { Severity } from '../diagnostic.js';
import type { ContractModel } from '../model.js';

/**
 * `generic` rules hold any AsyncAPI 3.0 document to good practice; `specwire` rules check our
 * conventions (docs/conventions.md) and run only for documents with `info.x-specwire`.
 */
export type RuleSet = 'generic' | 'specwire';

export interface LintFinding {
  /** JSON path in the document; the engine turns it into file:line:col. */
  path: (string | number)[];
  message: string;
}

export interface LintRule {
  id: string;
  set: RuleSet;
  severity: Severity;
  /** One line, shown by `specwire lint --list-rules`. */
  description: string;
  check(contract: ContractModel): LintFinding[];
}
