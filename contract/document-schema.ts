/**
 * The official AsyncAPI 3.x JSON Schemas (`@asyncapi/specs`) as validators of whole documents,
 * prepared exactly as `@asyncapi/parser` prepares them for its `asyncapi-document-resolved` and
 * `-unresolved` rules and compiled by ajv with Spectral's options, so verdicts and errors match.
 *
 * Compiling one costs ~0.4 s (the schema is ~400 kB, bindings included), more than linting a document
 * otherwise takes. So the build compiles them ahead into standalone code, both kinds of a version in
 * one module (`dist/contract/document-validators/<version>.cjs`, by
 * scripts/build-document-validators.js); sources run from a checkout (tests) compile on first use
 * instead. Same schemas, same options, same ajv: only when the work happens differs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;
const require = createRequire(import.meta.url);

/**
 * The AsyncAPI versions specwire reads: the 3.x schemas of `@asyncapi/specs` (a test keeps this list
 * equal to them). A document declaring any other version is not one the parser accepted either.
 */
export const DOCUMENT_VERSIONS = ['3.0.0', '3.1.0'] as const;
export type DocumentVersion = (typeof DOCUMENT_VERSIONS)[number];

/**
 * `resolved`: the document with every `$ref` replaced (the parser's `asyncapi-document-resolved`);
 * `unresolved`: the root file as written, which only decides where a `$ref` may stand.
 */
export type SchemaKind = 'resolved' | 'unresolved';

export interface DocumentValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Spectral's `schema` function options (@stoplight/spectral-functions, schema/ajv.js), minus its logger. */
const AJV_OPTIONS: Options = {
  allErrors: true,
  meta: true,
  messages: true,
  strict: false,
  allowUnionTypes: true,
  unicodeRegExp: false,
  logger: false,
};

export function isDocumentVersion(version: unknown): version is DocumentVersion {
  return (DOCUMENT_VERSIONS as readonly unknown[]).includes(version);
}

/** File name of a version's precompiled validators, relative to this module's folder. */
export function precompiledName(version: DocumentVersion): string {
  return `document-validators/${version}.cjs`;
}

const validators = new Map<string, DocumentValidator>();

/** The validator for one version and kind: precompiled when the build made it, else compiled now (once per process). */
export function documentValidator(version: DocumentVersion, kind: SchemaKind): DocumentValidator {
  const key = `${version}-${kind}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = precompiled(version)?.[kind] ?? compile(version, kind);
    validators.set(key, validator);
  }
  return validator;
}

/** The build's validators of `version`, or undefined when running from sources. */
export function precompiled(version: DocumentVersion): Record<SchemaKind, DocumentValidator> | undefined {
  const file = new URL(precompiledName(version), import.meta.url);
  return existsSync(file) ? (require(fileURLToPath(file)) as Record<SchemaKind, DocumentValidator>) : undefined;
}

/**
 * Standalone CommonJS source of both validators of `version`, for the build. The two schemas differ
 * only in the few definitions `allowResolvedObjects` changes and those that lead to them; those get
 * their own ids in the resolved one (`channel.json` → `channel-resolved.json`), so everything else
 * (bindings, schema objects: most of the code) is compiled once and shared.
 */
export function standaloneSource(version: DocumentVersion): string {
  const ajv = newAjv({ source: true });
  const unresolved = prepare(version, 'unresolved');
  const resolved = sharingDefinitions(prepare(version, 'resolved'), unresolved);
  ajv.addSchema(unresolved);
  ajv.addSchema(resolved);
  return standaloneCode(ajv, { resolved: String(resolved.$id), unresolved: String(unresolved.$id) });
}

/** `resolved` reduced to the definitions that differ from `base`'s (and all that refer to them), renamed. */
function sharingDefinitions(resolved: Json, base: Json): Json {
  const mine = resolved.definitions as Record<string, Json>;
  const theirs = base.definitions as Record<string, Json>;
  const refsOf = (node: unknown, into = new Set<string>()): Set<string> => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') into.add(v);
        else refsOf(v, into);
      }
    }
    return into;
  };
  const differs = new Set(Object.keys(mine).filter((id) => JSON.stringify(mine[id]) !== JSON.stringify(theirs[id])));
  // whatever refers to a changed definition must change too, up to the root
  let grew = true;
  while (grew) {
    grew = false;
    for (const id of Object.keys(mine)) {
      if (differs.has(id) || ![...refsOf(mine[id])].some((r) => differs.has(r))) continue;
      differs.add(id);
      grew = true;
    }
  }
  const renamed = (id: string) => id.replace(/\.json$/, '-resolved.json');
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, (k === '$ref' || k === '$id') && typeof v === 'string' && differs.has(v) ? renamed(v) : rename(v)]));
  };
  const { definitions: _all, ...root } = resolved;
  return { ...(rename(root) as Json), definitions: Object.fromEntries([...differs].map((id) => [renamed(id), rename(mine[id])])) };
}

function compile(version: DocumentVersion, kind: SchemaKind): DocumentValidator {
  return newAjv().compile(prepare(version, kind));
}

function newAjv(code?: { source: boolean }): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(code ? { code } : {}) });
  addFormats(ajv);
  return ajv;
}

const prepared = new Map<string, Record<string, unknown>>();

/** @asyncapi/parser's `getSerializedSchema` (ruleset/functions/documentStructure.js), step by step. */
function prepare(version: DocumentVersion, kind: SchemaKind): Record<string, unknown> {
  const key = `${version}-${kind}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const schema = JSON.parse(readFileSync(require.resolve(`@asyncapi/specs/schemas/${version}.json`), 'utf8')) as Json;
  const definitions = schema.definitions as Record<string, Json>;
  // ajv has the meta-schemas already and refuses duplicates
  delete definitions['http://json-schema.org/draft-07/schema'];
  delete definitions['http://json-schema.org/draft-04/schema'];
  schema.$id = String(schema.$id).replace('asyncapi.json', `asyncapi-${kind}.json`);
  // `$ref` values with `[` or `]` are valid JSON pointers but not RFC 3986 URIs
  const reference = definitions[`http://asyncapi.com/definitions/${version}/ReferenceObject.json`];
  if (reference?.format === 'uri-reference') delete reference.format;
  if (kind === 'resolved') allowResolvedObjects(definitions, version);
  prepared.set(key, schema);
  return schema;
}

/**
 * Some 3.x fields must be a `$ref` as written (an operation's `channel` and `messages`, a channel's
 * `servers`, a reply's `channel` and `messages`); after dereferencing they hold the objects themselves.
 */
function allowResolvedObjects(definitions: Record<string, Json>, version: string): void {
  const def = (name: string) => `http://asyncapi.com/definitions/${version}/${name}.json`;
  const at = (schema: Json | undefined, ...path: string[]): Json | undefined => {
    let node: unknown = schema;
    for (const segment of path) node = node && typeof node === 'object' ? (node as Json)[segment] : undefined;
    return node && typeof node === 'object' ? (node as Json) : undefined;
  };
  const servers = at(definitions[def('channel')], 'properties', 'servers', 'items');
  if (servers) servers.$ref = def('server');
  for (const name of ['operation', 'operationReply']) {
    const channel = at(definitions[def(name)], 'properties', 'channel');
    if (channel) channel.$ref = def('channel');
    const messages = at(definitions[def(name)], 'properties', 'messages', 'items');
    if (messages) messages.$ref = def('messageObject');
  }
}

type Json = Record<string, unknown>;
