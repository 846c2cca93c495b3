/**
 * Properties of the schema walker on random schemas: a schema never differs from itself (nor from a
 * deep copy with reordered keys), and adding a field then removing it are mirror images.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSchema } from '../../../contract/diff/compare-schema.js';
import type { DetectedChange } from '../../../contract/diff/types.js';
import type { Direction, JsonSchema } from '../../../contract/model.js';

const names = fc.constantFrom('id', 'name', 'status', 'count', 'tags', 'owner', 'ts');

const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean') }),
  fc.record({ type: fc.constant('string'), maxLength: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ type: fc.constant(['string', 'null']) }),
  fc.record({ enum: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 }) }),
  fc.record({ const: fc.constantFrom('x', 'y') }),
);

const schema: fc.Arbitrary<JsonSchema> = fc.letrec<{ node: JsonSchema; object: JsonSchema }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthIdentifier: 'schema' }, leaf, tie('object'), fc.record({ type: fc.constant('array'), items: tie('node') })),
  object: fc
    .record({
      properties: fc.dictionary(names, tie('node'), { maxKeys: 4 }),
      closed: fc.boolean(),
      requiredMask: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    })
    .map(({ properties, closed, requiredMask }) => ({
      type: 'object',
      properties,
      required: Object.keys(properties).filter((_, i) => requiredMask[i]),
      ...(closed ? { additionalProperties: false } : {}),
    })),
})).node;

const direction = fc.constantFrom<Direction>('server-to-client', 'client-to-server');

function changes(a: JsonSchema, b: JsonSchema, d: Direction): DetectedChange[] {
  const out: DetectedChange[] = [];
  compareSchema(a, b, { path: ['m'], direction: d }, (c) => out.push(c));
  return out;
}

/** Same schema, keys in reverse order at every level. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)]));
  return v;
}

describe('diff properties', () => {
  it('diff(a, a) is empty, also against a copy with keys in another order', () => {
    fc.assert(
      fc.property(schema, direction, (s, d) => {
        expect(changes(s, s, d)).toEqual([]);
        expect(changes(s, reordered(s) as JsonSchema, d)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('adding a field and removing it are mirror images: one change each, same path', () => {
    const object = schema.filter((s) => s.type === 'object');
    fc.assert(
      fc.property(object, fc.constantFrom('extra', 'added'), leaf, fc.boolean(), direction, (s, name, field, required, dir) => {
        const grown: JsonSchema = {
          ...s,
          properties: { ...(s.properties as Record<string, JsonSchema>), [name]: field },
          required: [...(s.required as string[]), ...(required ? [name] : [])],
        };
        const added = changes(s, grown, dir);
        const removed = changes(grown, s, dir);
        expect(added.map((c) => c.kind)).toEqual([required ? 'required-field-added' : 'field-added']);
        expect(removed.map((c) => c.kind)).toEqual(['field-removed']);
        expect(removed[0]!.path).toEqual(added[0]!.path);
      }),
      { numRuns: 300 },
    );
  });
});
