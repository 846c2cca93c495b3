/**
 * A lint rule: a small named function over the contract model. Rules live one per file in
 * `contract/lint/rules/` and are listed in `contract/lint/registry.ts`; adding one touches one file and one test.
 */
import type { Severity } from '../diagnostic.js';
import type { ContractModel } from '../model.js';

/**
 * Which defaults a document gets. `specwire`: documents that opt in to our conventions with
 * `info.x-specwire` (docs/conventions.md) get every rule. `generic`: every other AsyncAPI 3.x document
 * gets errors for real defects only; good practice is a warning, conventions are off (docs/lint.md).
 */
export type Profile = 'generic' | 'specwire';

/** A rule's level: a severity, or `off` (the rule does not run). */
export type RuleLevel = Severity | 'off';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export interface LintFinding {
  /** JSON path in the document; the engine turns it into file:line:col. */
  path: (string | number)[];
  message: string;
}

export interface LintRule {
  id: string;
  /**
   * Default level per profile. A real defect (a document that contradicts itself or the spec) is an
   * `error` in both; a specwire convention is `off` for generic documents.
   */
  level: Record<Profile, RuleLevel>;
  /** One line, shown by `specwire lint --list-rules`. */
  description: string;
  check(contract: ContractModel): LintFinding[];
}

/** Levels for common kinds of rule, so each rule file says what it is in one word. */
export const DEFECT: Record<Profile, RuleLevel> = { generic: 'error', specwire: 'error' };
export const PRACTICE: Record<Profile, RuleLevel> = { generic: 'warning', specwire: 'warning' };
/** A specwire convention that is an error for documents that opt in. */
export const CONVENTION: Record<Profile, RuleLevel> = { generic: 'off', specwire: 'error' };
/** A specwire convention that is only good style even for documents that opt in. */
export const CONVENTION_STYLE: Record<Profile, RuleLevel> = { generic: 'off', specwire: 'warning' };
