import { relative, sep } from 'node:path';
import type { Diagnostic } from '../../diagnostic.js';

/** What every format gets: the findings to show and the run they came from. */
export interface LintOutput {
  /** Findings to show (already filtered by `--quiet`), sorted. */
  diagnostics: Diagnostic[];
  /** Every file linted, absolute. */
  files: string[];
  exitCode: 0 | 1 | 2;
  /** Paths are shown relative to this folder (the working directory). */
  cwd: string;
  /** specwire's version, for tool metadata. */
  version: string;
}

/** A path as users and CI see it: relative to the working directory, with `/`, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (!rel) return file;
  return rel.split(sep).join('/');
}

/** For CI annotations: relative to the working directory (the checkout) when inside it, else absolute. */
export function checkoutPath(file: string, cwd: string): string {
  const shown = displayPath(file, cwd);
  return shown === '..' || shown.startsWith('../') ? file : shown;
}
