/**
 * The vocabulary of `specwire diff`: a detected change (what moved, where, which way it travels), the
 * classification a rule gives it, and the report with its semver verdict.
 */
import type { Direction } from '../model.js';

export type Classification = 'breaking' | 'non-breaking' | 'unclassified';

/** A JSON path into the contract model: `messages.activity.payload.properties.title`. */
export type ModelPath = readonly (string | number)[];

/**
 * One difference between the old and the new contract, as the walker found it, before any rule
 * judged it. `kind` names the rule that classifies it.
 */
export interface DetectedChange {
  kind: string;
  /** Where in the model the change is (message + schema path for payloads). */
  path: ModelPath;
  /**
   * Which way the affected data travels. `server-to-client` changes are judged for consumers,
   * `client-to-server` for producers; absent for changes about the connection itself.
   */
  direction?: Direction;
  /** One line for humans: `field "title" removed`. */
  summary: string;
  before?: unknown;
  after?: unknown;
  /** The object that lost or gained a field did not allow other fields (`additionalProperties: false`). */
  closed?: boolean;
  /** Where to point a reader: the document path in the old (removals) or new (everything else) file. */
  at?: { side: 'old' | 'new'; path: ModelPath };
}

/** A detected change with the verdict of the rule that classified it. */
export interface Change extends DetectedChange {
  classification: Classification;
  /** Why the rule decided so, for this direction. */
  reason: string;
  /** `file:line:col` of the change in the old or new document, when it can be located. */
  location?: { file: string; line: number; column: number };
}

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface SemverVerdict {
  oldVersion: string;
  newVersion: string;
  /** What the `info.version` edit is; `invalid` when either side is not semver, `downgrade` when it went down. */
  actual: Bump | 'downgrade' | 'invalid';
  /** The least bump the changes need: major for breaking, minor for any other change, none without changes. */
  required: Bump;
  /** The version edit covers the required bump. */
  satisfied: boolean;
}

export interface DiffReport {
  old: { label: string; title: string; version: string; id: string };
  new: { label: string; title: string; version: string; id: string };
  changes: Change[];
  counts: Record<Classification, number>;
  semver: SemverVerdict;
}
