/**
 * The schema walker and the rules together, on in-memory schemas: every schema rule judged in both
 * directions (the fixture pairs exercise one), closed objects, union variants matched by their tag.
 */
import { describe, expect, it } from 'vitest';
import { compareSchema } from '../../../contract/diff/compare-schema.js';
import { classify } from '../../../contract/diff/rules.js';
import type { DetectedChange } from '../../../contract/diff/types.js';
import type { Direction, JsonSchema } from '../../../contract/model.js';

function judge(before: JsonSchema, after: JsonSchema, direction: Direction) {
  const out: DetectedChange[] = [];
  compareSchema(before, after, { path: ['messages', 'm', 'payload'], direction }, (c) => out.push(c));
  return out.map((c) => ({ rule: classify(c).rule, classification: classify(c).classification, path: c.path.join('.') }));
}

const obj = (properties: Record<string, JsonSchema>, required: string[] = [], extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, required, ...extra });
const str = { type: 'string' };

/** [case, before, after, rule, verdict for consumers (server→client), verdict for producers (client→server)] */
const CASES: [string, JsonSchema, JsonSchema, string, string, string][] = [
  ['field removed from an open object', obj({ a: str, b: str }), obj({ a: str }), 'field-removed', 'breaking', 'non-breaking'],
  ['field removed from a closed object', obj({ a: str, b: str }, [], { additionalProperties: false }), obj({ a: str }, [], { additionalProperties: false }), 'field-removed', 'breaking', 'breaking'],
  ['optional field added to an open object', obj({ a: str }), obj({ a: str, b: str }), 'field-added', 'non-breaking', 'non-breaking'],
  ['optional field added to a closed object', obj({ a: str }, [], { additionalProperties: false }), obj({ a: str, b: str }, [], { additionalProperties: false }), 'field-added', 'breaking', 'non-breaking'],
  ['required field added to an open object', obj({ a: str }), obj({ a: str, b: str }, ['b']), 'required-field-added', 'non-breaking', 'breaking'],
  ['field becomes required', obj({ a: str }), obj({ a: str }, ['a']), 'field-required', 'non-breaking', 'breaking'],
  ['field becomes optional', obj({ a: str }, ['a']), obj({ a: str }), 'field-optional', 'breaking', 'non-breaking'],
  ['string → string | null', str, { type: ['string', 'null'] }, 'type-widened', 'breaking', 'non-breaking'],
  ['integer → number', { type: 'integer' }, { type: 'number' }, 'type-widened', 'breaking', 'non-breaking'],
  ['number → integer', { type: 'number' }, { type: 'integer' }, 'type-narrowed', 'non-breaking', 'breaking'],
  ['string → boolean', str, { type: 'boolean' }, 'type-changed', 'breaking', 'breaking'],
  ['enum value added', { enum: ['a', 'b'] }, { enum: ['a', 'b', 'c'] }, 'enum-value-added', 'breaking', 'non-breaking'],
  ['enum value removed', { enum: ['a', 'b'] }, { enum: ['a'] }, 'enum-value-removed', 'non-breaking', 'breaking'],
  ['const changed', { const: 'x' }, { const: 'y' }, 'const-changed', 'breaking', 'breaking'],
  ['maxLength lowered', { ...str, maxLength: 10 }, { ...str, maxLength: 5 }, 'constraint-tightened', 'non-breaking', 'breaking'],
  ['minimum raised', { type: 'integer', minimum: 0 }, { type: 'integer', minimum: 1 }, 'constraint-tightened', 'non-breaking', 'breaking'],
  ['maxItems removed', { type: 'array', maxItems: 3 }, { type: 'array' }, 'constraint-loosened', 'breaking', 'non-breaking'],
  ['object closed', obj({ a: str }), obj({ a: str }, [], { additionalProperties: false }), 'constraint-tightened', 'non-breaking', 'breaking'],
  ['format added', str, { ...str, format: 'uuid' }, 'constraint-tightened', 'non-breaking', 'breaking'],
  ['format replaced', { ...str, format: 'uuid' }, { ...str, format: 'uri' }, 'constraint-changed', 'unclassified', 'unclassified'],
  ['allOf changed', { allOf: [str] }, { allOf: [{ type: 'number' }] }, 'schema-changed', 'unclassified', 'unclassified'],
];

describe('schema rules, both directions', () => {
  for (const [name, before, after, rule, consumers, producers] of CASES) {
    it(`${name}: ${rule}, ${consumers} for consumers, ${producers} for producers`, () => {
      expect(judge(before, after, 'server-to-client').map((c) => [c.rule, c.classification])).toEqual([[rule, consumers]]);
      expect(judge(before, after, 'client-to-server').map((c) => [c.rule, c.classification])).toEqual([[rule, producers]]);
    });
  }

  it('annotations (description, title, examples, x-) are not changes', () => {
    expect(judge({ ...str, description: 'a', title: 'A', examples: ['x'], 'x-foo': 1 }, { ...str, description: 'b', title: 'B', examples: ['y'], 'x-foo': 2 }, 'server-to-client')).toEqual([]);
  });

  it('walks into nested properties and array items, naming the full path', () => {
    const before = obj({ tags: { type: 'array', items: obj({ name: str }, ['name']) } });
    const after = obj({ tags: { type: 'array', items: obj({}, ['name']) } });
    expect(judge(before, after, 'server-to-client')).toEqual([
      { rule: 'field-removed', classification: 'breaking', path: 'messages.m.payload.properties.tags.items.properties.name' },
    ]);
  });
});

describe('union variants', () => {
  const variant = (tag: string, extra: Record<string, JsonSchema> = {}) => obj({ type: { type: 'string', const: tag }, ...extra }, ['type']);

  it('are matched by their `type` const: reordering is not a change, and a changed variant is walked under its own path', () => {
    const before = { oneOf: [variant('a'), variant('b', { n: { type: 'integer' } })] };
    const after = { oneOf: [variant('b', { n: { type: 'string' } }), variant('a')] };
    expect(judge(before, after, 'server-to-client')).toEqual([{ rule: 'type-changed', classification: 'breaking', path: 'messages.m.payload.oneOf.0.properties.n.type' }]);
  });

  it('a new variant breaks consumers, not producers; a removed one the reverse', () => {
    const two = { oneOf: [variant('a'), variant('b')] };
    const three = { oneOf: [variant('a'), variant('b'), variant('c')] };
    expect(judge(two, three, 'server-to-client').map((c) => [c.rule, c.classification])).toEqual([['variant-added', 'breaking']]);
    expect(judge(two, three, 'client-to-server').map((c) => [c.rule, c.classification])).toEqual([['variant-added', 'non-breaking']]);
    expect(judge(three, two, 'server-to-client').map((c) => [c.rule, c.classification])).toEqual([['variant-removed', 'non-breaking']]);
    expect(judge(three, two, 'client-to-server').map((c) => [c.rule, c.classification])).toEqual([['variant-removed', 'breaking']]);
  });
});
