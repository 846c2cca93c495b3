/**
 * AsyncAPI runtime expressions (`$message.payload#/reqid`, `$message.header#/replyTo`): where a
 * correlation id or a reply address lives in a message, and whether the message's schema has such a
 * field. Lint rules use the second to catch locations that point nowhere.
 */
import type { JsonSchema } from './model.js';
import { pointerTokens } from './json-pointer.js';

export interface RuntimeExpression {
  /** `payload` or `header` (the spec's word: the message's `headers` schema). */
  source: 'payload' | 'header';
  /** JSON pointer segments after `#`, unescaped (`~1` → `/`, `~0` → `~`). */
  segments: string[];
}

/** Parses `$message.payload#/a/b`; undefined when the text is not such an expression. */
export function parseRuntimeExpression(text: string): RuntimeExpression | undefined {
  const match = /^\$message\.(payload|header)#(.*)$/.exec(text.trim());
  if (!match) return undefined;
  const pointer = match[2]!;
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  const segments = pointerTokens(pointer);
  return { source: match[1] as 'payload' | 'header', segments };
}

/**
 * Index of the first segment the schema provably does not declare, or -1 when the whole path may
 * exist. A schema that says nothing about a level (no `properties`, no `items`, an open object)
 * cannot prove anything there, so the answer is -1: a finding must never be a guess.
 */
export function undeclaredSegment(schema: JsonSchema, segments: readonly string[]): number {
  let current: unknown[] = [schema];
  for (let i = 0; i < segments.length; i++) {
    const next: unknown[] = [];
    for (const s of current) {
      const children = childSchemas(s, segments[i]!, 0);
      if (children === 'open') return -1;
      next.push(...children);
    }
    if (!next.length) return i;
    current = next;
  }
  return -1;
}

type Json = Record<string, unknown>;

/** The schemas that may describe `segment` of a value valid against `schema`, or `open` when any value may be there. */
function childSchemas(schema: unknown, segment: string, depth: number): unknown[] | 'open' {
  if (schema === true || schema === undefined || schema === null || typeof schema !== 'object' || depth > 16) return 'open';
  const s = schema as Json;
  const out: unknown[] = [];
  let structured = false;
  const props = s.properties && typeof s.properties === 'object' ? (s.properties as Json) : undefined;
  if (props) {
    structured = true;
    if (Object.hasOwn(props, segment)) out.push(props[segment]);
  }
  if (s.patternProperties && typeof s.patternProperties === 'object') {
    structured = true;
    for (const [pattern, sub] of Object.entries(s.patternProperties as Json)) if (safeTest(pattern, segment)) out.push(sub);
  }
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    // a map (`additionalProperties: {…}`) or an explicitly open object: any key may be there
    if (!props || !Object.hasOwn(props, segment)) out.push(s.additionalProperties);
  }
  if (s.items !== undefined || s.prefixItems !== undefined) {
    structured = true;
    if (/^(0|[1-9]\d*)$/.test(segment)) {
      const tuple = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
      out.push(tuple ? (tuple[Number(segment)] ?? s.additionalItems ?? true) : s.items);
    }
  }
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (!Array.isArray(s[key])) continue;
    structured = true;
    for (const branch of s[key] as unknown[]) {
      const found = childSchemas(branch, segment, depth + 1);
      if (found === 'open') return 'open';
      out.push(...found);
    }
  }
  if (!structured) {
    // a scalar type has no fields; an object or untyped schema without properties may have any
    const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
    const scalar = types.length > 0 && types.every((t) => t !== 'object' && t !== 'array');
    return scalar ? out : 'open';
  }
  return out;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true; // a pattern we cannot read proves nothing
  }
}
