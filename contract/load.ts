/**
 * The one loader: reads an AsyncAPI 3.x document (with cross-file `$ref`s) into the contract model.
 * Bad input comes back as diagnostics with file:line:col, never as an exception. Models are cached
 * per process and file modification time.
 *
 * The loader does what `@asyncapi/parser` did, without Spectral, which cost ~90% of a lint: YAML and
 * `$ref`s through the source map, the document against the official JSON Schema and the parser's
 * 3.x rules (document-checks.ts, same rule ids and positions), dereferencing (dereference.ts) and
 * traits (traits.ts). Only a document with remote (`http:`) `$ref`s still goes through the parser,
 * loaded for it alone.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic, Severity } from './diagnostic.js';
import { buildModel } from './build-model.js';
import { dereference } from './dereference.js';
import { checkDocument, notAsyncapi, schemaVersionOf, type DocumentFinding } from './document-checks.js';
import type { ContractModel } from './model.js';
import { SourceMap } from './source-map.js';
import { applyTraits } from './traits.js';

export type LoadResult =
  | { ok: true; contract: ContractModel; diagnostics: Diagnostic[] }
  | { ok: false; reason: LoadFailure; diagnostics: Diagnostic[] };

/**
 * Why no model came out. `invalid` is a well-formed, resolvable document that breaks AsyncAPI 3.0
 * (the parser's schema and core rules): a contract defect like a lint error. The others mean the
 * input itself could not be read: the file, its YAML, its `$ref`s, or it is not AsyncAPI 3.x
 * (`version`: 2.x, or no AsyncAPI document at all).
 */
export type LoadFailure = 'unreadable' | 'syntax' | 'version' | 'unresolved' | 'invalid';

let parser: import('@asyncapi/parser').Parser | undefined;
const cache = new Map<string, { mtimeMs: number; result: Promise<LoadResult> }>();

/** Parser rules that only nag about newer spec versions: not a defect of the document. */
const IGNORED_PARSER_RULES = new Set(['asyncapi-latest-version']);

/** Parser findings that mean the input is not a readable AsyncAPI document (exit 2), not a contract defect. */
const FATAL_PARSER_RULES: Record<string, LoadFailure> = { parser: 'syntax', 'invalid-ref': 'unresolved', 'asyncapi-is-asyncapi': 'version' };

const parserSeverity: Record<number, Severity> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'info' };

/** Loads and caches the contract at `file`. Never throws for bad input. */
export function loadContract(file: string): Promise<LoadResult> {
  return cached(file, cache, (path) => parseContract(path, 'specwire'));
}

const parserCache = new Map<string, { mtimeMs: number; result: Promise<LoadResult> }>();

/**
 * `loadContract` with every document through `@asyncapi/parser` (Spectral included), as before the
 * loader did the parser's checks itself: the reference its results are compared with in tests. ~1 s
 * per document.
 */
export function loadContractWithParser(file: string): Promise<LoadResult> {
  return cached(file, parserCache, (path) => parseContract(path, 'asyncapi-parser'));
}

function cached(file: string, cache: Map<string, { mtimeMs: number; result: Promise<LoadResult> }>, load: (path: string) => Promise<LoadResult>): Promise<LoadResult> {
  const path = resolve(file);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch (err) {
    return Promise.resolve(unreadable(path, err));
  }
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === mtimeMs) return hit.result;
  const result = load(path);
  cache.set(path, { mtimeMs, result });
  return result;
}

async function parseContract(path: string, engine: 'specwire' | 'asyncapi-parser'): Promise<LoadResult> {
  try {
    readFileSync(path, 'utf8'); // a directory or a permission problem: say so, not "invalid YAML"
  } catch (err) {
    return unreadable(path, err);
  }
  // Our own YAML and $ref checks come first: they point at the exact line in whichever file is at
  // fault, where the parser reports cascades (one error per later line) or the wrong place.
  const sources = new SourceMap();
  const syntax = sources.syntaxErrors(path);
  if (syntax.length) return failed('syntax', syntax.map((p) => ({ ...p, severity: 'error', rule: 'yaml-syntax' })));
  const versionProblem = checkVersion(path, sources);
  if (versionProblem) return failed('version', [versionProblem]);
  const broken = sources.brokenRefs(path);
  if (broken.length) return failed('unresolved', broken.map((p) => ({ ...p, severity: 'error', rule: 'invalid-ref' })));

  if (engine === 'asyncapi-parser' || sources.remoteRefs(path).length) return parseWithAsyncapiParser(path, sources);

  const raw = sources.data(path) as Record<string, unknown>;
  const notDocument = notAsyncapi(raw);
  const version = schemaVersionOf(raw);
  const { document, closeCycles } = dereference(path, sources);
  const findings = [...(notDocument ? [notDocument] : []), ...(version ? checkDocument(raw, document, version) : [])];
  const diagnostics = atDistinctPlaces(findings.map((f) => findingDiagnostic(path, sources, f)));
  if (notDocument) return failed('version', diagnostics);
  if (findings.length) return failed('invalid', diagnostics);
  closeCycles();
  applyTraits(document);
  return { ok: true, contract: buildModel(path, document, sources), diagnostics: [] };
}

function findingDiagnostic(path: string, sources: SourceMap, finding: DocumentFinding): Diagnostic {
  const at = sources.locateValue(path, finding.path, { refs: finding.resolved ? 'resolved' : 'as-written' });
  return { file: at.file, line: at.line, column: at.column, severity: 'error', rule: finding.rule, message: finding.message, path: finding.path };
}

/**
 * A fragment used from several places of the dereferenced document breaks the schema once per path
 * to it; Spectral reported it once, at its place in the file that holds it.
 */
function atDistinctPlaces(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.rule}:${d.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * A document with remote `$ref`s: the source map reads local files only, so `@asyncapi/parser`
 * fetches, checks and dereferences it (~1 s, most of it Spectral; loaded only for such documents).
 */
async function parseWithAsyncapiParser(path: string, sources: SourceMap): Promise<LoadResult> {
  const { Parser, fromFile } = await import('@asyncapi/parser');
  parser ??= new Parser();
  const { document, diagnostics: raw } = await fromFile(parser, path).parse();
  const diagnostics: Diagnostic[] = raw
    .filter((d) => !IGNORED_PARSER_RULES.has(String(d.code)))
    .map((d) => ({
      file: d.source ? resolve(d.source) : path,
      // The parser's YAML layer reports some positions as line 0 / character -1.
      line: Math.max(1, d.range.start.line + 1),
      column: Math.max(1, d.range.start.character + 1),
      severity: parserSeverity[d.severity] ?? 'error',
      rule: String(d.code),
      message: d.message,
      path: d.path.map((p) => (typeof p === 'number' ? p : String(p))),
    }));
  if (!document) {
    // Our checks passed, but the parser still could not read or resolve something (a remote ref).
    const fatal = diagnostics.find((d) => d.severity === 'error' && d.rule in FATAL_PARSER_RULES);
    return failed(fatal ? FATAL_PARSER_RULES[fatal.rule]! : 'invalid', diagnostics);
  }
  const contract = buildModel(path, document.json() as Record<string, unknown>, sources);
  return { ok: true, contract, diagnostics };
}

/**
 * specwire reads AsyncAPI 3.x only; the parser would accept 2.x and yield a different model. Read from
 * the parsed file, so JSON documents are checked too.
 */
function checkVersion(path: string, sources: SourceMap): Diagnostic | undefined {
  const version = sources.scalarAt(path, ['asyncapi']);
  if (version === undefined || /^3(\.|$)/.test(String(version))) return undefined; // absent: the parser reports it
  const at = sources.locate(path, ['asyncapi']);
  return {
    file: path,
    line: at.line,
    column: at.column,
    severity: 'error',
    rule: 'asyncapi-version',
    message: `AsyncAPI ${String(version)} is not supported: specwire reads AsyncAPI 3.x documents`,
    path: ['asyncapi'],
  };
}

function failed(reason: LoadFailure, diagnostics: Diagnostic[]): LoadResult {
  return { ok: false, reason, diagnostics };
}

function unreadable(path: string, err: unknown): LoadResult {
  const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
  return failed('unreadable', [{ file: path, line: 1, column: 1, severity: 'error', rule: 'file-unreadable', message: `cannot read file: ${reason}` }]);
}
