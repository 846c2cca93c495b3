/**
 * Why a value fails a schema, told the way a reader fixes it. ajv reports a failed `oneOf`/`anyOf`
 * as "must match a schema", after the errors of every branch, so the first error a caller shows is
 * the first branch's, whichever branch the value meant to be: Kraken's `subscriptionStatus` example
 * is a success status with `pair` as a string, and the first error is the *error* branch's
 * `must have required property 'errorMessage'`. Here each failed union is replaced by the errors of
 * its closest branch, recursively:
 *
 * 1. the branch the value names by a discriminator: a property every branch fixes to a distinct
 *    `const` (found through `allOf`), the way ajv's `discriminator` keyword and the generated
 *    validators (codegen/emit-validators.ts) dispatch;
 * 2. else the branch the value is closest to: not one whose `type` the value does not even have,
 *    then the fewest errors, then the deepest error (a branch that matched further into the value),
 *    then document order.
 *
 * Used only after a validator said no, so the extra validation pass (all errors, verbose) costs
 * nothing on the happy path.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonSchema } from './model.js';
import { QUIET_LOGGER, acyclic, createAjv } from './schema-validator.js';

type Json = Record<string, unknown>;

let explainer: ReturnType<typeof createAjv> | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction | null>();

/**
 * The errors to report for `data`, which fails `schema`, in ajv's order, each failed union replaced
 * by its closest branch's errors. Empty when `data` is valid or the schema does not compile.
 */
export function closestErrors(schema: JsonSchema, data: unknown): ErrorObject[] {
  const validate = explainValidator(schema);
  if (!validate || validate(data)) return [];
  return resolveUnions(validate.errors ?? []);
}

/** The one error to show for `data` failing `schema` (the first of `closestErrors`). */
export function closestError(schema: JsonSchema, data: unknown): ErrorObject | undefined {
  return closestErrors(schema, data)[0];
}

function explainValidator(schema: JsonSchema): ValidateFunction | null {
  if (compiled.has(schema)) return compiled.get(schema)!;
  // allErrors: every branch's complete list, to count; verbose: each union error carries its branches and data.
  explainer ??= createAjv({ allErrors: true, verbose: true, logger: QUIET_LOGGER });
  let fn: ValidateFunction | null;
  try {
    fn = explainer.compile(acyclic(schema));
  } catch {
    fn = null;
  }
  compiled.set(schema, fn);
  return fn;
}

function isUnion(e: ErrorObject): boolean {
  // A oneOf that failed because two branches passed has nothing closer to say than itself.
  return (e.keyword === 'oneOf' || e.keyword === 'anyOf') && !(e.params as Json).passingSchemas;
}

/** Replaces each outermost failed union in `errors` (and its branches' errors) by the chosen branch's. */
export function resolveUnions(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter(isUnion);
  const under = (e: ErrorObject, u: ErrorObject) => e !== u && e.schemaPath.startsWith(`${u.schemaPath}/`);
  const outermost = unions.filter((u) => !unions.some((v) => under(u, v)));
  if (!outermost.length) return errors;
  const replaced = new Map<ErrorObject, ErrorObject[]>();
  const swallowed = new Set<ErrorObject>();
  for (const u of outermost) {
    const members = errors.filter((e) => under(e, u));
    members.forEach((e) => swallowed.add(e));
    const branches = (Array.isArray(u.schema) ? u.schema : []) as unknown[];
    const byBranch = branches.map((_, i) => resolveUnions(members.filter((e) => e.schemaPath.startsWith(`${u.schemaPath}/${i}/`))));
    const chosen = chooseBranch(branches, byBranch, u);
    replaced.set(u, chosen === undefined ? [u] : byBranch[chosen]!);
  }
  return errors.flatMap((e) => replaced.get(e) ?? (swallowed.has(e) ? [] : [e]));
}

/** Index of the branch whose errors to report, or undefined to keep the union's own error. */
function chooseBranch(branches: unknown[], byBranch: ErrorObject[][], union: ErrorObject): number | undefined {
  const failed = byBranch.map((errs, i) => (errs.length ? i : -1)).filter((i) => i >= 0);
  if (!failed.length) return undefined;
  const named = discriminated(branches, union.data);
  if (named !== undefined && byBranch[named]!.length) return named;
  const depth = (e: ErrorObject) => (e.instancePath ? e.instancePath.split('/').length : 0);
  const wrongType = (errs: ErrorObject[]) => errs.some((e) => e.keyword === 'type' && e.instancePath === union.instancePath);
  const score = (i: number): number[] => {
    const errs = byBranch[i]!;
    return [wrongType(errs) ? 1 : 0, errs.length, -Math.max(...errs.map(depth)), i];
  };
  return failed.reduce((best, i) => (compareScores(score(i), score(best)) < 0 ? i : best));
}

function compareScores(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/**
 * The branch `data` names through a discriminator: a property that every branch fixes to one
 * `const` (directly or in an `allOf` member), all distinct, whose value in `data` is one of them.
 */
export function discriminated(branches: unknown[], data: unknown): number | undefined {
  if (branches.length < 2 || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const tags = branches.map((b) => constProperties(b));
  for (const [name] of tags[0]!) {
    const values = tags.map((t) => t.get(name));
    if (values.some((v) => v === undefined) || new Set(values.map((v) => JSON.stringify(v))).size !== values.length) continue;
    const value = JSON.stringify((data as Json)[name]);
    const index = values.findIndex((v) => JSON.stringify(v) === value);
    if (index >= 0) return index;
  }
  return undefined;
}

/** Properties a schema fixes to a `const` (or a one-value `enum`), looking through `allOf`. */
function constProperties(schema: unknown, out = new Map<string, unknown>(), depth = 0): Map<string, unknown> {
  if (!schema || typeof schema !== 'object' || depth > 8) return out;
  const s = schema as Json;
  for (const [name, prop] of Object.entries((s.properties ?? {}) as Json)) {
    const p = (prop ?? {}) as Json;
    if ('const' in p) out.set(name, p.const);
    else if (Array.isArray(p.enum) && p.enum.length === 1) out.set(name, p.enum[0]);
  }
  if (Array.isArray(s.allOf)) for (const member of s.allOf) constProperties(member, out, depth + 1);
  return out;
}
