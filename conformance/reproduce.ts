/**
 * The "reproduce:" command of a failed scenario: every target flag of the run (each `--url`, `--http`,
 * `--hooks` or `--driver`, `--token-hook`, `--origin`, `--scenarios`, `--contract` as a path when it is
 * not a shipped contract) plus a `--grep` for exactly that scenario, shell-quoted, so that pasting it
 * into a shell reruns that scenario against the same server. The secret is never printed: it is
 * `"$SPECWIRE_JWT_SECRET"`, expanded by the shell that runs the line.
 */
import { relative, resolve } from 'node:path';
import type { ScenarioResult } from './result.js';

/** What a rerun needs to hit the same target with the same scenarios. */
export interface ReproduceTarget {
  /** WebSocket base URLs of the run (`--url`, once per instance); empty: the built-in reference server. */
  urls: string[];
  /** `--http`, when it was given (once, or once per instance). */
  http?: string | string[];
  /** `--hooks`, when it was given. */
  hooks?: string;
  /** `--driver` module path, when the driver was given as a module. */
  driver?: string;
  /** `--token-hook`. */
  tokenHook?: boolean;
  /** Tokens were minted from a secret the rerun must get too (as `"$SPECWIRE_JWT_SECRET"`). */
  jwtSecret?: boolean;
  /** `--origin`, when it was given. */
  origin?: string;
  /** `--scenarios` folder, when it was given. */
  scenarios?: string;
  /** Contract id → the document's path, for contracts that are not shipped ones (a shipped one is found by its id). */
  contracts?: Record<string, string>;
}

/** The environment variable the printed line reads the secret from (docs/ci.md). */
export const SECRET_ENV = 'SPECWIRE_JWT_SECRET';

/** `--url 'ws://…' --hooks '…' --jwt-secret "$SPECWIRE_JWT_SECRET"`: the flags that aim a rerun at the same target. */
export function targetFlags(t: ReproduceTarget): string[] {
  const flags: string[] = [];
  for (const url of t.urls) flags.push('--url', shellQuote(url));
  for (const http of [t.http ?? []].flat()) flags.push('--http', shellQuote(http));
  if (t.hooks) flags.push('--hooks', shellQuote(t.hooks));
  if (t.driver) flags.push('--driver', shellQuote(cwdPath(t.driver)));
  if (t.tokenHook) flags.push('--token-hook');
  else if (t.jwtSecret && t.urls.length) flags.push('--jwt-secret', `"$${SECRET_ENV}"`);
  if (t.origin) flags.push('--origin', shellQuote(t.origin));
  if (t.scenarios) flags.push('--scenarios', shellQuote(cwdPath(t.scenarios)));
  return flags;
}

/** `specwire test --contract … <target flags> [derived flags] --grep '^name$'`. */
export function reproduceCommand(s: ScenarioResult, t?: ReproduceTarget): string {
  const document = s.derivedFrom ? s.file : t?.contracts?.[s.contract];
  const parts = ['specwire test', '--contract', document ? shellQuote(cwdPath(document)) : s.contract, ...(t ? targetFlags(t) : [])];
  if (s.reproduce) parts.push(s.reproduce);
  parts.push('--grep', shellQuote(`^${escapeRegExp(s.name)}$`));
  return parts.join(' ');
}

/** A path as the user would type it from the current folder. */
function cwdPath(path: string): string {
  return relative(process.cwd(), resolve(path)) || '.';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** POSIX single quotes: nothing inside is expanded by the shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
