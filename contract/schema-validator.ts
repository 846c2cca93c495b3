/**
 * The one place that configures ajv for contract schemas at run time (lint, runner): draft-07, all
 * errors off (first error is what we report), formats from ajv-formats. Generated code compiles
 * its own standalone validators with the same options (codegen/validators.ts).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './model.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Options shared with the generator so run-time and generated validators agree. */
export const AJV_OPTIONS = { strict: false, allErrors: false, validateFormats: true } as const;

let ajv: Ajv | undefined;

/**
 * For the run-time instances: a document's unknown `format` (JSON-LD's `iri-reference`) is not
 * checked, as ajv says on stderr with no file or line; that line helps no one linting or testing.
 */
export const QUIET_LOGGER = { log() {}, warn() {}, error: console.error.bind(console) };

export function createAjv(options: Record<string, unknown> = {}): Ajv {
  const instance = new Ajv({ ...AJV_OPTIONS, ...options });
  addFormats(instance);
  return instance;
}

export type CompileResult = { ok: true; fn: ValidateFunction } | { ok: false; error: string };

const compiled = new WeakMap<JsonSchema, CompileResult>();

/** Compiles (and caches per schema object) a validator; a broken schema is a value, not a throw. */
export function compileSchema(schema: JsonSchema): CompileResult {
  const hit = compiled.get(schema);
  if (hit) return hit;
  ajv ??= createAjv({ logger: QUIET_LOGGER });
  let result: CompileResult;
  try {
    result = { ok: true, fn: ajv.compile(acyclic(schema)) };
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  compiled.set(schema, result);
  return result;
}

let quickAjv: Ajv | undefined;
const compiledByText = new Map<string, CompileResult>();

/**
 * `compileSchema` for validating a few values once (lint's examples): ajv without its code
 * optimisation passes (compiles ~2× faster, validates a little slower), and a schema equal to one
 * compiled before (a fragment shared by several documents) is not compiled again.
 */
export function compileSchemaOnce(schema: JsonSchema): CompileResult {
  const tree = acyclic(schema);
  const text = JSON.stringify(tree);
  const hit = compiledByText.get(text);
  if (hit) return hit;
  quickAjv ??= createAjv({ code: { optimize: false } });
  let result: CompileResult;
  try {
    result = { ok: true, fn: quickAjv.compile(tree) };
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  compiledByText.set(text, result);
  return result;
}

/**
 * The loader dereferences `$ref`s into shared objects, so a recursive schema (a thread of replies)
 * arrives as a cyclic object, which ajv cannot compile (stack overflow). Each back-reference found by
 * a depth-first walk becomes a `$ref` to a definition of its target; an acyclic schema is returned
 * as is.
 */
export function acyclic(schema: JsonSchema): JsonSchema {
  const targets = new Map<object, string>();
  const onPath = new Set<object>();
  const done = new Set<object>();
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (onPath.has(v)) {
      if (!targets.has(v)) targets.set(v, `specwire-cycle-${targets.size}`);
      return;
    }
    if (done.has(v)) return;
    onPath.add(v);
    for (const child of Object.values(v)) walk(child);
    onPath.delete(v);
    done.add(v);
  };
  walk(schema);
  if (!targets.size) return schema;
  const definitions: Record<string, unknown> = {};
  const copies = new Map<object, unknown>();
  const copy = (v: unknown, asDefinition = false): unknown => {
    if (!v || typeof v !== 'object') return v;
    const name = targets.get(v);
    if (name !== undefined && !asDefinition) {
      if (!(name in definitions)) {
        definitions[name] = true; // placeholder: stops the recursion below
        definitions[name] = copy(v, true);
      }
      return { $ref: `#/definitions/${name}` };
    }
    if (!asDefinition && copies.has(v)) return copies.get(v);
    const out: unknown = Array.isArray(v) ? v.map((x) => copy(x)) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
    if (!asDefinition) copies.set(v, out);
    return out;
  };
  const root = copy(schema) as JsonSchema;
  const existing = (root.definitions && typeof root.definitions === 'object' ? root.definitions : {}) as Record<string, unknown>;
  // `allOf` keeps the root's own keywords out of a `$ref`'s siblings.
  return { allOf: [root], definitions: { ...existing, ...definitions } };
}

/** `/activity/data/title must be string` — the instance path and ajv's message, plus allowed values. */
export function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath || '(root)';
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? 'is invalid';
  if (params.allowedValues) detail += ` (${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')})`;
  else if (params.allowedValue !== undefined) detail += ` (${JSON.stringify(params.allowedValue)})`;
  else if (params.additionalProperty) detail += ` ("${String(params.additionalProperty)}")`;
  return `${where} ${detail}`;
}
