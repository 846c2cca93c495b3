/** Samples built from schemas for messages without examples: the smallest valid value that still names its kind. */
import { describe, expect, it } from 'vitest';
import { sampleOf, validSample } from '../../contract/schema-sample.js';
import { compileSchema } from '../../contract/schema-validator.js';

function valid(schema: Record<string, unknown>, value: unknown): boolean {
  const c = compileSchema(schema);
  if (!c.ok) throw new Error(c.error);
  return c.fn(value) as boolean;
}

describe('sampleOf', () => {
  const cases: [string, Record<string, unknown>, unknown][] = [
    ['const, default, examples and enum win', { type: 'object', required: ['a', 'b', 'c', 'd'], properties: { a: { const: 'x' }, b: { type: 'integer', default: 7 }, c: { type: 'string', examples: ['eg'] }, d: { enum: [3, 4] } } }, { a: 'x', b: 7, c: 'eg', d: 3 }],
    ['required properties only, minProperties filled from the rest', { type: 'object', minProperties: 2, required: ['a'], properties: { a: { type: 'boolean' }, b: { type: 'null' }, c: { type: 'string' } } }, { a: false, b: null }],
    ['bounds of numbers', { type: 'object', required: ['i', 'n', 'm'], properties: { i: { type: 'integer', exclusiveMinimum: 0 }, n: { type: 'number', minimum: 2.5 }, m: { type: 'integer', maximum: -3 } } }, { i: 1, n: 2.5, m: -3 }],
    ['minItems and tuples', { type: 'object', required: ['list', 'pair'], properties: { list: { type: 'array', minItems: 2, items: { type: 'string', minLength: 8 } }, pair: { type: 'array', items: [{ type: 'integer' }, { type: 'string' }] } } }, { list: ['stringxx', 'stringxx'], pair: [0, 'string'] }],
    ['nullable type lists and the first oneOf/anyOf branch', { type: 'object', required: ['a', 'b'], properties: { a: { type: ['null', 'string'] }, b: { anyOf: [{ type: 'integer' }, { type: 'string' }] } } }, { a: 'string', b: 0 }],
    ['allOf merges objects', { allOf: [{ type: 'object', required: ['a'], properties: { a: { const: 1 } } }, { type: 'object', required: ['b'], properties: { b: { const: 2 } } }] }, { a: 1, b: 2 }],
  ];
  for (const [name, schema, expected] of cases) {
    it(name, () => {
      const sample = sampleOf(schema);
      expect(sample).toEqual(expected);
      expect(valid(schema, sample)).toBe(true);
    });
  }

  it('uses a valid value for each string format ajv checks', () => {
    for (const format of ['date-time', 'date', 'time', 'email', 'uri', 'uri-reference', 'uuid', 'hostname', 'ipv4', 'ipv6']) {
      const schema = { type: 'string', format };
      expect(valid(schema, sampleOf(schema)), format).toBe(true);
    }
  });

  it('fills optional properties whose schema names a value: an optional discriminator is never left out (Kraken pong)', () => {
    const pong = { type: 'object', properties: { event: { type: 'string', const: 'pong' }, reqid: { type: 'integer' }, status: { enum: ['online', 'maintenance'] }, note: { type: 'string', default: 'n/a' } } };
    expect(sampleOf(pong)).toEqual({ event: 'pong', status: 'online', note: 'n/a' });
    expect(sampleOf(pong, { optional: 'none' })).toEqual({});
    expect(sampleOf(pong, { optional: 'all' })).toEqual({ event: 'pong', reqid: 0, status: 'online', note: 'n/a' });
  });

  it('takes the first oneOf branch whose sample matches exactly one branch', () => {
    // The first branch's sample ({}) also matches the second: the sample must come from the second.
    const schema = { type: 'object', oneOf: [{ type: 'object', properties: { kind: { not: { const: 'b' } } } }, { type: 'object', properties: { kind: { const: 'b' } } }] };
    const sample = sampleOf(schema);
    expect(sample).toEqual({ kind: 'b' });
    expect(valid(schema, sample)).toBe(true);
  });

  it('validSample: never a bare {} while a fuller sample is valid, undefined when nothing is', () => {
    const open = { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } };
    expect(validSample(open)).toEqual({ id: 0, name: 'string' });
    expect(validSample({ type: 'object' })).toEqual({});
    // A default that violates its own schema: fall back to the sample without optional properties.
    expect(validSample({ type: 'object', properties: { n: { type: 'integer', default: 'x' } } })).toEqual({});
    expect(validSample({ type: 'string', pattern: '^[A-Z]{4}$' })).toBeUndefined();
  });

  it('stops at a recursive required property instead of recursing forever', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['child'], properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    let depth = 0;
    for (let v = sampleOf(node) as Record<string, unknown> | undefined; v && 'child' in v; v = v.child as Record<string, unknown>) depth++;
    expect(depth).toBeGreaterThan(5);
    expect(depth).toBeLessThan(20);
  });
});
