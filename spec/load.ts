/**
 * The one loader: reads an AsyncAPI 3.0 document (with cross-file `$ref`s) through `@asyncapi/parser`
 * into the contract model. Bad input comes back as diagnostics with file:line:col, never as an
 * exception. Models are cached per process: parsing costs ~0.5 s per document.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser, fromFile } from '@asyncapi/parser';
import type { Diagnostic, Severity } from './diagnostic.ts';
import { buildModel } from './build-model.ts';
import type { ContractModel } from './model.ts';
import { SourceMap } from './source-map.ts';

export type LoadResult =
  | { ok: true; contract: ContractModel; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

let parser: Parser | undefined;
const cache = new Map<string, { mtimeMs: number; result: Promise<LoadResult> }>();

/** Parser rules that only nag about newer spec versions: not a defect of the document. */
const IGNORED_PARSER_RULES = new Set(['asyncapi-latest-version']);

const parserSeverity: Record<number, Severity> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'info' };

/** Loads and caches the contract at `file`. Never throws for bad input. */
export function loadContract(file: string): Promise<LoadResult> {
  const path = resolve(file);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch (err) {
    return Promise.resolve(unreadable(path, err));
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.result;
  const result = parseContract(path);
  cache.set(path, { mtimeMs, result });
  return result;
}

async function parseContract(path: string): Promise<LoadResult> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return unreadable(path, err);
  }
  const sources = new SourceMap();
  const versionProblem = checkVersion(path, text, sources);
  if (versionProblem) return { ok: false, diagnostics: [versionProblem] };

  parser ??= new Parser();
  const { document, diagnostics: raw } = await fromFile(parser, path).parse();
  const diagnostics: Diagnostic[] = raw
    .filter((d) => !IGNORED_PARSER_RULES.has(String(d.code)))
    .map((d) => ({
      file: d.source ? resolve(d.source) : path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: parserSeverity[d.severity] ?? 'error',
      rule: String(d.code),
      message: d.message,
      path: d.path.map((p) => (typeof p === 'number' ? p : String(p))),
    }));
  if (!document) return { ok: false, diagnostics };
  const contract = buildModel(path, document.json() as Record<string, unknown>, sources);
  return { ok: true, contract, diagnostics };
}

/** specwire reads AsyncAPI 3.x only; the parser would accept 2.x and yield a different model. */
function checkVersion(path: string, text: string, sources: SourceMap): Diagnostic | undefined {
  const match = /^asyncapi:\s*['"]?([0-9][^'"\s]*)/m.exec(text);
  if (!match) return undefined; // not a YAML key we can see (JSON, syntax error): the parser reports it
  if (match[1]!.startsWith('3.')) return undefined;
  const at = sources.locate(path, ['asyncapi']);
  return {
    file: path,
    line: at.line,
    column: at.column,
    severity: 'error',
    rule: 'asyncapi-version',
    message: `AsyncAPI ${match[1]} is not supported: specwire reads AsyncAPI 3.x documents`,
    path: ['asyncapi'],
  };
}

function unreadable(path: string, err: unknown): LoadResult {
  const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
  return {
    ok: false,
    diagnostics: [{ file: path, line: 1, column: 1, severity: 'error', rule: 'file-unreadable', message: `cannot read file: ${reason}` }],
  };
}
