/**
 * A stand-in payload for a message whose document gives no example: the smallest value the schema
 * describes — `const`, `default`, `examples[0]` or the first `enum` value where there is one, required
 * properties only, `minItems` items, the bounds of numbers, a fixed value per string `format`. The
 * caller validates it; a schema it cannot satisfy (a `pattern`, say) yields an invalid sample, which
 * is reported, never sent.
 */
import type { JsonSchema } from '../../contract/model.js';

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

export function sampleOf(schema: unknown, depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null;
  const s = schema as S;
  if ('const' in s) return s.const;
  if ('default' in s) return s.default;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
  if (Array.isArray(s.allOf)) {
    const parts = s.allOf.map((p: unknown) => sampleOf(p, depth + 1));
    if (parts.every((p: unknown) => p && typeof p === 'object' && !Array.isArray(p))) return Object.assign({}, ...parts, sampleOwn(s, depth));
  }
  for (const key of ['oneOf', 'anyOf'] as const) if (Array.isArray(s[key]) && s[key].length) return sampleOf(s[key][0], depth + 1);
  return sampleOwn(s, depth);
}

function sampleOwn(s: S, depth: number): unknown {
  switch (firstType(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > MAX_DEPTH) return out;
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const names = [...(Array.isArray(s.required) ? (s.required as string[]) : [])];
      for (const k of Object.keys(props)) if (names.length < (s.minProperties ?? 0) && !names.includes(k)) names.push(k);
      for (const k of names) out[k] = sampleOf(props[k] ?? {}, depth + 1);
      return out;
    }
    case 'array': {
      if (Array.isArray(s.items)) return s.items.map((i: unknown) => sampleOf(i, depth + 1));
      const n = depth > MAX_DEPTH ? 0 : (s.minItems ?? 0);
      return Array.from({ length: n }, () => sampleOf(s.items ?? {}, depth + 1));
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
