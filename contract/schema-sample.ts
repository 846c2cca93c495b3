/**
 * A stand-in value for a schema without examples: `const`, `default`, `examples[0]` or the first
 * `enum` value where there is one, required properties (plus, by default, the optional ones whose
 * schema names a value: `const`, `enum`, `default`, `examples` — a discriminator such as
 * `event: { const: pong }` is often optional), `minItems` items, the bounds of numbers, a fixed
 * value per string `format`, the first `oneOf`/`anyOf` branch whose sample is valid, `allOf`
 * merged. `validSample` tries the variants and returns the first valid one; a schema none of them
 * satisfies (a `pattern`, say) yields an invalid sample, which callers report, never send.
 * Shared by `specwire mock` (replies, events) and derived conformance (requests).
 */
import type { JsonSchema } from './model.js';
import { compileSchema } from './schema-validator.js';

/** Deeper than this, a recursive schema gets `{}`/`[]`: required recursion cannot be sampled anyway. */
const MAX_DEPTH = 12;

const FORMATS: Record<string, () => string> = {
  'date-time': () => new Date().toISOString(),
  date: () => new Date().toISOString().slice(0, 10),
  time: () => '12:00:00Z',
  email: () => 'user@example.com',
  uri: () => 'https://example.com/',
  url: () => 'https://example.com/',
  'uri-reference': () => '/example',
  uuid: () => '00000000-0000-4000-8000-000000000000',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.1',
  ipv6: () => '2001:db8::1',
};

export interface SampleOptions {
  /**
   * Optional object properties to fill: `hinted` (those whose schema has `const`, `enum`, `default`
   * or `examples`), `none`, or `all`. Default `hinted`.
   */
  optional?: 'hinted' | 'none' | 'all';
}

type S = JsonSchema & Record<string, any>;

function firstType(s: S): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t: string) => t !== 'null') ?? s.type[0];
  if (typeof s.type === 'string') return s.type;
  if (s.properties || s.required) return 'object';
  if (s.items) return 'array';
  return undefined;
}

function number(s: S, integer: boolean): number {
  let n = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : 0;
  if (typeof s.maximum === 'number' && n > s.maximum) n = s.maximum;
  return integer ? Math.ceil(n) : n;
}

function isValid(schema: unknown, value: unknown): boolean {
  if (!schema || typeof schema !== 'object') return true;
  const compiled = compileSchema(schema as JsonSchema);
  return compiled.ok && compiled.fn(value) === true;
}

/** Does the schema name a value of its own (the properties `hinted` fills)? */
export function namesAValue(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as S;
  return 'const' in s || 'default' in s || (Array.isArray(s.enum) && s.enum.length > 0) || (Array.isArray(s.examples) && s.examples.length > 0);
}

export function sampleOf(schema: unknown, options: SampleOptions = {}, depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as S;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p: unknown) => sampleOf(p, options, depth + 1));
    if (parts.every((p: unknown) => p && typeof p === 'object' && !Array.isArray(p))) return Object.assign({}, ...parts, sampleOwn(s, options, depth));
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (!Array.isArray(s[key]) || !s[key].length) continue;
    // The first branch whose sample the whole node accepts (a `oneOf` sample must match one branch only).
    const samples = (s[key] as unknown[]).map((b) => mergeOwn(s, sampleOf(b, options, depth + 1), options, depth));
    return samples.find((v) => isValid(s, v)) ?? samples[0];
  }
  return sampleOwn(s, options, depth);
}

/** A branch's sample plus the properties the node itself declares beside its `oneOf`. */
function mergeOwn(s: S, branch: unknown, options: SampleOptions, depth: number): unknown {
  if (!s.properties || !branch || typeof branch !== 'object' || Array.isArray(branch)) return branch;
  return { ...(sampleOwn(s, options, depth) as object), ...branch };
}

function sampleOwn(s: S, options: SampleOptions, depth: number): unknown {
  switch (firstType(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > MAX_DEPTH) return out;
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const names = [...(Array.isArray(s.required) ? (s.required as string[]) : [])];
      const optional = options.optional ?? 'hinted';
      for (const [k, p] of Object.entries(props)) {
        if (names.includes(k)) continue;
        if (optional === 'all' || (optional === 'hinted' && namesAValue(p)) || names.length < (s.minProperties ?? 0)) names.push(k);
      }
      for (const k of names) out[k] = sampleOf(props[k] ?? {}, options, depth + 1);
      return out;
    }
    case 'array': {
      if (Array.isArray(s.items)) return s.items.map((i: unknown) => sampleOf(i, options, depth + 1));
      const n = depth > MAX_DEPTH ? 0 : (s.minItems ?? 0);
      return Array.from({ length: n }, () => sampleOf(s.items ?? {}, options, depth + 1));
    }
    case 'string': {
      const base = (typeof s.format === 'string' && FORMATS[s.format]?.()) || 'string';
      const min = s.minLength ?? 0;
      return base.length >= min ? base : base.padEnd(min, 'x');
    }
    case 'integer':
      return number(s, true);
    case 'number':
      return number(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

function isEmptyObject(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
}

/**
 * The first valid sample among: hinted optional properties, required only, every property — and
 * never a bare `{}` while a fuller sample is valid. `undefined` when none of them is valid.
 */
export function validSample(schema: JsonSchema): unknown {
  const tries = (['hinted', 'none', 'all'] as const).map((optional) => sampleOf(schema, { optional }));
  const valid = tries.filter((v) => isValid(schema, v));
  return valid.find((v) => !isEmptyObject(v)) ?? valid[0];
}
