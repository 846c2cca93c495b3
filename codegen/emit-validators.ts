/**
 * `generated/<id>/validators.js`: one validator per message, compiled by ajv at generation time
 * into standalone ESM (no schema compilation when an application starts) with the options of
 * `contract/schema-validator.ts`, so generated and run-time validation agree.
 *
 * The schemas are re-assembled from the dereferenced model into one bundle: each named schema
 * (catalog.ts) is a definition referenced by `$ref`, so shared types compile once and recursive
 * ones compile at all; annotations (title, description, examples, `x-*`) are dropped, as ajv
 * ignores them. The file is self-contained: ajv's standalone output `require`s ajv-formats and
 * ajv runtime helpers, which are replaced by our own format functions (formats.ts) and copies of
 * the helpers.
 */
import { _, Ajv, Name, type Options } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS } from '../contract/schema-validator.js';
import type { Catalog } from './catalog.js';
import { FORMAT_SOURCES, generationFormats, helperSources } from './formats.js';
import { generatedHeader } from './header.js';

const standaloneCode = standaloneModule as unknown as typeof standaloneModule.default;

const BUNDLE_ID = 'specwire:bundle';
const FORMATS_NAME = 'specwireFormats';

/** Keywords ajv ignores for validation (with AJV_OPTIONS): dropped to keep the output lean. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly', '$id', '$schema']);

export interface ValidatorsOutput {
  code: string;
  warnings: string[];
}

export function emitValidators(catalog: Catalog, source: string): ValidatorsOutput {
  const warnings: string[] = [];
  const bundle = bundleSchema(catalog);
  const ajv = new Ajv({
    ...AJV_OPTIONS,
    formats: generationFormats(),
    // Only set where validity provably does not change (see discriminatorFor); errors then come from
    // the one branch the frame claims to be, which is what a reader needs.
    discriminator: true,
    // Small leaf schemas (ids, timestamps, enums) are inlined: a call costs an options object per
    // value. Larger ones stay one function each, so shared types compile once and output size
    // grows with the contract, not with how often a type is used.
    inlineRefs: 12,
    code: { source: true, esm: true, lines: true, formats: _`${new Name(FORMATS_NAME)}` },
    logger: { log: () => {}, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')), error: (...args: unknown[]) => warnings.push(args.map(String).join(' ')) },
  } satisfies Options);
  ajv.addSchema(bundle);
  const refs: Record<string, string> = {};
  for (const m of catalog.messages) refs[m.validatorName] = `${BUNDLE_ID}#/definitions/${m.typeName}`;
  let code = standaloneCode(ajv, refs);
  code = code.replace(/^"use strict";/, '');
  const { code: patched, prelude } = replaceRequires(inlinePropertyChecks(shortcutLengths(annotateDiscriminatorErrors(code))));
  return {
    code: [generatedHeader(source), VALIDATORS_DOC, '', ...prelude, '', patched.trim(), ''].join('\n'),
    warnings,
  };
}

const VALIDATORS_DOC = `// Standalone validators compiled by ajv at generation time (draft-07, contract/schema-validator.ts options).
// One exported validator per message; each returns true or false and leaves ajv errors in its .errors.`;

/**
 * ajv's error for an unknown discriminator value names the tag but not the values it knows. Each
 * such error follows the `if (tagN === "a") ... else if (tagN === "b")` chain it ends, so the known
 * values are read from there and added as `params.allowed`, for a decode error that lists them.
 */
function annotateDiscriminatorErrors(code: string): string {
  return code.replace(/params:\{error: "mapping", tag: ("[^"]*"), tagValue: (tag\d+)\}/g, (match, tag: string, tagVar: string, offset: number) => {
    const start = code.lastIndexOf(`const ${tagVar} = `, offset);
    const chain = code.slice(start, offset);
    const values = [...chain.matchAll(new RegExp(`${tagVar} === ("(?:[^"\\\\]|\\\\.)*")`, 'g'))].map((m) => m[1]);
    return `params:{error: "mapping", tag: ${tag}, tagValue: ${tagVar}, allowed: [${values.join(', ')}]}`;
  });
}

/**
 * ajv counts code points for minLength/maxLength by looping over the whole string, twice when a
 * schema has both. A string has at most `length` and at least `length / 2` code points, so the
 * loop can only change the verdict between those bounds: `len(s) > L` becomes
 * `s.length > L && len(s) > L`, and `len(s) < L` becomes `s.length < 2L && len(s) < L`.
 */
export function shortcutLengths(code: string): string {
  const alias = /const (func\d+) = require\("ajv\/dist\/runtime\/ucs2length"\)\.default;/.exec(code)?.[1];
  if (!alias) return code;
  return code.replace(new RegExp(`\\b${alias}\\((data\\d*)\\) ([<>]) (\\d+)\\b`, 'g'), (_match, value: string, op: string, limit: string) =>
    op === '>' ? `(${value}.length > ${limit} && ${alias}(${value}) > ${limit})` : `(${value}.length < ${2 * Number(limit)} && ${alias}(${value}) < ${limit})`,
  );
}

/**
 * With more than 8 declared properties, ajv checks `additionalProperties: false` per key with
 * `hasOwnProperty.call(schemaN.properties, key)`; up to 8 it emits `key === "a" || ...`, which is
 * faster on the interned keys JSON.parse produces. This applies the short form to every size.
 */
export function inlinePropertyChecks(code: string): string {
  const alias = /const (func\d+) = Object\.prototype\.hasOwnProperty;/.exec(code)?.[1];
  if (!alias) return code;
  const constants = new Map<string, unknown>();
  for (const m of code.matchAll(/^const (schema\d+) = (\{.*\});$/gm)) constants.set(m[1]!, JSON.parse(m[2]!));
  const call = new RegExp(`\\b${alias}\\.call\\((schema\\d+)((?:\\.[A-Za-z_$][\\w$]*|\\["[^"]*"\\])*), (key\\d+)\\)`, 'g');
  return code.replace(call, (match, base: string, path: string, key: string) => {
    let node = constants.get(base);
    for (const seg of path.matchAll(/\.([A-Za-z_$][\w$]*)|\["([^"]*)"\]/g)) node = (node as Record<string, unknown> | undefined)?.[seg[1] ?? seg[2]!];
    if (typeof node !== 'object' || node === null) return match;
    const names = Object.keys(node);
    return names.length ? `(${names.map((n) => `${key} === ${JSON.stringify(n)}`).join(' || ')})` : 'false';
  });
}

/**
 * Swaps ajv's `require(...)` calls for code defined in the file itself: our format functions and
 * ajv's two runtime helpers. Anything else left over is a generator bug, not an output to ship.
 */
function replaceRequires(code: string): { code: string; prelude: string[] } {
  const prelude: string[] = [];
  let out = code;
  for (const [request, name, source] of RUNTIME_HELPERS) {
    if (out.includes(request)) {
      out = out.split(request).join(name);
      prelude.push(source);
    }
  }
  const leftover = /require\(([^)]*)\)/.exec(out);
  if (leftover) throw new Error(`ajv standalone output still requires ${leftover[1]}: teach codegen/emit-validators.ts to inline it`);

  const used = new Set<string>();
  for (const match of out.matchAll(new RegExp(`${FORMATS_NAME}(?:\\.([A-Za-z_$][\\w$]*)|\\[("[^"]+")\\])`, 'g'))) {
    used.add(match[1] ?? (JSON.parse(match[2]!) as string));
  }
  if (used.size) {
    const formats = [...used].sort().map((name) => {
      const format = FORMAT_SOURCES[name];
      if (!format) throw new Error(`format "${name}" is referenced by name but has no source in codegen/formats.ts`);
      const fn = indentBody(format.code);
      return format.type === 'number' ? `  ${JSON.stringify(name)}: { type: "number", validate: ${fn} },` : `  ${JSON.stringify(name)}: ${fn},`;
    });
    const helpers = helperSources([...used].flatMap((n) => FORMAT_SOURCES[n]?.uses ?? []));
    prelude.push(...helpers, `const ${FORMATS_NAME} = {\n${formats.join('\n')}\n};`);
  }
  return { code: out, prelude };
}

function indentBody(fn: string): string {
  return fn.replace(/\n/g, '\n  ');
}

/** ajv runtime helpers the standalone code may require, with faithful copies (MIT, ajv and fast-deep-equal). */
const RUNTIME_HELPERS: [request: string, name: string, source: string][] = [
  [
    'require("ajv/dist/runtime/ucs2length").default',
    'ucs2length',
    `// String length in Unicode code points, as ajv counts it for minLength/maxLength.
function ucs2length(str) {
  const len = str.length;
  let length = 0, pos = 0, value;
  while (pos < len) {
    length++;
    value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      value = str.charCodeAt(pos);
      if ((value & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}`,
  ],
  [
    'require("ajv/dist/runtime/equal").default',
    'equal',
    `// Deep equality of JSON values (fast-deep-equal), for const, enum and uniqueItems.
function equal(a, b) {
  if (a === b) return true;
  if (a && b && typeof a == "object" && typeof b == "object") {
    if (a.constructor !== b.constructor) return false;
    let length, i;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;) if (!equal(a[i], b[i])) return false;
      return true;
    }
    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();
    const keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;
    for (i = length; i-- !== 0;) if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;
    for (i = length; i-- !== 0;) if (!equal(a[keys[i]], b[keys[i]])) return false;
    return true;
  }
  return a !== a && b !== b;
}`,
  ],
];

/** One root schema holding every named schema and message payload as a definition. */
export function bundleSchema(catalog: Catalog): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  for (const { name, schema } of catalog.named) definitions[name] = toBundle(schema, catalog, schema);
  for (const m of catalog.messages) {
    definitions[m.typeName] = m.payloadName ? { $ref: `#/definitions/${m.payloadName}` } : toBundle(m.message.payload, catalog, m.message.payload);
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { $id: BUNDLE_ID, definitions: sorted };
}

/**
 * Copies a schema for the bundle: named children become `$ref`s (the declared node itself is
 * expanded, but a reference back to it from inside is a `$ref` too), annotations go,
 * discriminators are added.
 */
function toBundle(node: unknown, catalog: Catalog, declared?: unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => toBundle(n, catalog));
  if (typeof node !== 'object' || node === null) return node;
  if (node !== declared) {
    const name = catalog.nameOf(node);
    if (name) return { $ref: `#/definitions/${name}` };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    // Values of these keywords are data, not schemas: copy them as they are.
    if (key === 'const' || key === 'enum' || key === 'required') out[key] = value;
    else if (key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === 'dependencies') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toBundle(v, catalog)]));
    } else out[key] = toBundle(value, catalog);
  }
  const tag = discriminatorFor(node as Record<string, unknown>);
  if (tag) {
    out.discriminator = { propertyName: tag };
    // ajv runs the discriminator for objects only; the branches reject everything else, so must the union.
    out.type = 'object';
  }
  return out;
}

/**
 * The property a `oneOf` can be dispatched on without changing what validates: every branch is a
 * `type: object` schema that requires the property and fixes it to a distinct string `const`. Then
 * "exactly one branch valid" and "the branch named by the tag is valid" accept the same objects,
 * and both reject non-objects (the union gets `type: object`, as ajv's discriminator skips them).
 */
export function discriminatorFor(node: Record<string, unknown>): string | undefined {
  const branches = node.oneOf;
  if (!Array.isArray(branches) || branches.length < 2 || 'discriminator' in node) return undefined;
  if (node.type !== undefined && node.type !== 'object') return undefined;
  if (!branches.every((b) => typeof b === 'object' && b !== null && (b as Record<string, unknown>).type === 'object')) return undefined;
  const first = branches[0] as Record<string, unknown>;
  const candidates = Object.keys((first?.properties as Record<string, unknown>) ?? {});
  const ordered = candidates.includes('type') ? ['type', ...candidates.filter((c) => c !== 'type')] : candidates;
  for (const tag of ordered) {
    const values = new Set<string>();
    const ok = branches.every((b) => {
      if (typeof b !== 'object' || b === null) return false;
      const branch = b as Record<string, unknown>;
      const prop = (branch.properties as Record<string, Record<string, unknown>> | undefined)?.[tag];
      const required = Array.isArray(branch.required) && branch.required.includes(tag);
      if (!required || !prop || typeof prop.const !== 'string' || values.has(prop.const)) return false;
      values.add(prop.const);
      return true;
    });
    if (ok) return tag;
  }
  return undefined;
}
