/**
 * Output formats of `specwire lint`: one small function each from the finished report to text.
 * `pretty` for people, `json` for scripts, `sarif` for code scanning, `github` for workflow
 * annotations, `junit` for CI test reports (docs/lint.md, docs/ci.md).
 */
import { githubFormat } from './github.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { prettyFormat } from './pretty.js';
import { sarifFormat } from './sarif.js';
import type { LintOutput } from './output.js';

export type { LintOutput } from './output.js';

export const LINT_FORMATS = {
  pretty: prettyFormat,
  json: jsonFormat,
  sarif: sarifFormat,
  github: githubFormat,
  junit: junitFormat,
} as const satisfies Record<string, (output: LintOutput) => string>;

export type LintFormat = keyof typeof LINT_FORMATS;

export function isLintFormat(name: string): name is LintFormat {
  return Object.hasOwn(LINT_FORMATS, name);
}
