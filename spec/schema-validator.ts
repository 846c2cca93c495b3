/**
 * The one place that configures ajv for contract schemas at run time (lint, runner): draft-07, all
 * errors off (first error is what we report), formats from ajv-formats. Generated code compiles
 * its own standalone validators with the same options (codegen/validators.ts).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { JsonSchema } from './model.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** Options shared with the generator so run-time and generated validators agree. */
export const AJV_OPTIONS = { strict: false, allErrors: false, validateFormats: true } as const;

let ajv: Ajv | undefined;

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
  ajv ??= createAjv();
  let result: CompileResult;
  try {
    result = { ok: true, fn: ajv.compile(schema) };
  } catch (err) {
    result = { ok: false, error: (err as Error).message };
  }
  compiled.set(schema, result);
  return result;
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
