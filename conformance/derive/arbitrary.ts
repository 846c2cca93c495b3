/**
 * fast-check arbitraries from JSON Schema, for derived conformance: valid client messages for the
 * property run, and the frames a robust server must survive (not JSON, a field of the wrong JSON
 * type, a required field missing). Everything is drawn with `fc.sample` from a seed, so a run is
 * reproducible with `--seed`; every "valid" value is re-validated and every "bad" one is checked to
 * be invalid against every message the client may send, so a check never rests on a wrong input.
 */
import fc from 'fast-check';
import type { JsonSchema, MessageModel } from '../../contract/model.js';
import { problemOf } from '../../contract/match-message.js';
import { discriminatorOf } from '../../contract/discriminator.js';

type S = JsonSchema & Record<string, any>;

/** Beyond this depth optional properties are left out and open values are scalars: recursion ends. */
const MAX_DEPTH = 5;

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': () => fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  date: () => fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  time: () => fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}Z`),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
  'uri-reference': () => fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`),
  uuid: () => fc.uuid(),
  hostname: () => fc.domain(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An object schema's own keywords merged with a branch's (Kraken: `type: object` beside `oneOf`). */
function merge(a: S, b: S): S {
  const out: S = { ...a, ...b };
  if (a.properties || b.properties) out.properties = { ...(a.properties ?? {}), ...(b.properties ?? {}) };
  if (a.required || b.required) out.required = [...new Set([...(a.required ?? []), ...(b.required ?? [])])];
  return out;
}

function without(s: S, ...keys: string[]): S {
  const out = { ...s };
  for (const k of keys) delete out[k];
  return out;
}

function numberBounds(s: S, integer: boolean): { min?: number; max?: number } {
  const step = integer ? 1 : Number.EPSILON * 1e6;
  const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + step : s.minimum;
  const max = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - step : s.maximum;
  return { ...(typeof min === 'number' ? { min } : {}), ...(typeof max === 'number' ? { max } : {}) };
}

/** Values the schema describes (mostly valid; callers re-validate against the whole message). */
export function arbitraryOf(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.constant(null);
  const s = schema as S;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.allOf) && s.allOf.length) return arbitraryOf((s.allOf as S[]).reduce(merge, without(s, 'allOf')), depth);
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key]) && s[key].length) return fc.oneof(...(s[key] as S[]).map((b) => arbitraryOf(merge(without(s, key), b), depth)));
  }
  const types: string[] = Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : s.properties || s.required ? ['object'] : s.items ? ['array'] : [];
  if (!types.length) return depth > MAX_DEPTH ? fc.constant(null) : fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
  return fc.oneof(...types.map((t) => ofType(s, t, depth)));
}

function ofType(s: S, type: string, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = (Array.isArray(s.required) ? s.required : []) as string[];
      const keys = Object.keys(props).filter((k) => depth < MAX_DEPTH || required.includes(k));
      const model = Object.fromEntries(keys.map((k) => [k, arbitraryOf(props[k], depth + 1)]));
      // A required property the schema does not describe still has to be there.
      for (const k of required) if (!(k in model)) model[k] = fc.oneof(fc.string({ maxLength: 8 }), fc.integer());
      return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
    }
    case 'array': {
      if (Array.isArray(s.items)) return fc.tuple(...(s.items as unknown[]).map((i) => arbitraryOf(i, depth + 1)));
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? minLength + 3, minLength + 3));
      const item = arbitraryOf(s.items ?? {}, depth + 1);
      return s.uniqueItems ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength });
    }
    case 'string': {
      const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
      if (format) return format();
      if (typeof s.pattern === 'string') {
        try {
          return fc.stringMatching(new RegExp(s.pattern, 'u'));
        } catch {
          return fc.string();
        }
      }
      const minLength = s.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? minLength + 16, minLength + 16)) });
    }
    case 'integer': {
      const step = typeof s.multipleOf === 'number' && Number.isInteger(s.multipleOf) && s.multipleOf > 0 ? s.multipleOf : 1;
      const { min, max } = numberBounds(s, true);
      const lo = Math.ceil((min ?? -1_000_000) / step);
      const hi = Math.floor((max ?? 1_000_000) / step);
      return fc.integer({ min: Math.min(lo, hi), max: Math.max(lo, hi) }).map((n) => n * step);
    }
    case 'number': {
      const { min, max } = numberBounds(s, false);
      if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
        const m = s.multipleOf;
        return fc.integer({ min: Math.ceil((min ?? -1e6) / m), max: Math.floor((max ?? 1e6) / m) }).map((n) => Number((n * m).toFixed(12)));
      }
      return fc.double({ min: min ?? -1e9, max: max ?? 1e9, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.constant(null);
  }
}

/**
 * `count` values valid against the message, drawn from `seed` (up to 10× as many candidates are
 * drawn; invalid ones — a pattern the generator missed, a `not` — are dropped).
 */
export function validValues(message: MessageModel, count: number, seed: number): unknown[] {
  const out: unknown[] = [];
  if (count <= 0) return out;
  const candidates = fc.sample(arbitraryOf(message.payload), { seed, numRuns: count * 10 });
  for (const v of candidates) {
    if (out.length >= count) break;
    if (!problemOf(message, v)) out.push(v);
  }
  return out;
}

/** A bad frame and what makes it bad, for the report and reproduction. */
export interface BadFrame {
  kind: 'not-json' | 'wrong-type' | 'missing-required';
  /** The text sent. */
  text: string;
  /** `ping: /reqid is a string, the schema says integer`. */
  why: string;
  /** The message it was built from (wrong-type, missing-required). */
  message?: MessageModel;
}

/** Text frames that are not JSON. */
export function notJsonFrames(count: number, seed: number): BadFrame[] {
  const arb = fc.oneof(
    fc.string({ minLength: 1, maxLength: 24 }).map((s) => `{"${s}`),
    fc.string({ minLength: 1, maxLength: 24 }).map((s) => `${s} }`),
    fc.constant('{'),
  );
  return fc
    .sample(arb, { seed, numRuns: count * 4 })
    .filter((t) => !parses(t))
    .slice(0, count)
    .map((text) => ({ kind: 'not-json' as const, text, why: 'not JSON' }));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const WRONG: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([])),
  integer: fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.constant({})),
  number: fc.oneof(fc.string({ maxLength: 8 }), fc.boolean(), fc.constant({})),
  boolean: fc.oneof(fc.constantFrom('true', 'false'), fc.integer({ min: 0, max: 1 })),
  object: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant([])),
  array: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant({})),
};

function declaredType(schema: unknown): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const t = (schema as S).type;
  return typeof t === 'string' && t in WRONG ? t : undefined;
}

/**
 * Frames built from a valid value of each message with one top-level field set to a value of
 * another JSON type (`wrong-type`) or one required field removed (`missing-required`); the
 * discriminator keeps its value where another field can carry the fault, so the frame still names
 * the message it breaks. Only frames no client message accepts are kept.
 */
export function brokenFrames(kind: 'wrong-type' | 'missing-required', bases: { message: MessageModel; value: unknown }[], clientMessages: readonly MessageModel[], count: number, seed: number): BadFrame[] {
  const out: BadFrame[] = [];
  const rejectedByAll = (v: unknown) => clientMessages.every((m) => problemOf(m, v) !== undefined);
  bases.forEach(({ message, value }, i) => {
    if (out.length >= count || !value || typeof value !== 'object' || Array.isArray(value)) return;
    const obj = value as Record<string, unknown>;
    const props = (message.payload.properties ?? {}) as Record<string, unknown>;
    const disc = discriminatorOf(message)?.key;
    if (kind === 'missing-required') {
      const required = ((message.payload.required ?? []) as string[]).filter((k) => k in obj);
      const order = [...required.filter((k) => k !== disc), ...required.filter((k) => k === disc)];
      for (const key of order) {
        const { [key]: _, ...rest } = obj;
        if (rejectedByAll(rest)) {
          out.push({ kind, text: JSON.stringify(rest), why: `${label(message)} without its required "${key}"`, message });
          return;
        }
      }
      return;
    }
    const typed = Object.keys(props).filter((k) => k !== disc && declaredType(props[k]));
    if (!typed.length) return;
    for (const key of fc.sample(fc.constantFrom(...typed), { seed: seed + i, numRuns: 4 })) {
      const t = declaredType(props[key])!;
      const [wrong] = fc.sample(WRONG[t]!, { seed: seed + i, numRuns: 1 });
      const next = { ...obj, [key]: wrong };
      if (rejectedByAll(next)) {
        out.push({ kind, text: JSON.stringify(next), why: `${label(message)} with "${key}" ${describeValue(wrong)} where the schema says ${t}`, message });
        return;
      }
    }
  });
  return out;
}

function label(m: MessageModel): string {
  return m.name ?? m.key ?? m.id;
}

function describeValue(v: unknown): string {
  return `${Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`} (${JSON.stringify(v)})`;
}
