/**
 * The shared ajv gate compiles recursive schemas: the loader dereferences `$ref`s into cyclic
 * objects (a thread of replies), which ajv alone cannot compile.
 */
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../contract/model.js';
import { acyclic, compileSchema, formatAjvError } from '../../contract/schema-validator.js';

function threadSchema(): JsonSchema {
  const node: JsonSchema = { type: 'object', additionalProperties: false, required: ['text', 'replies'], properties: { text: { type: 'string' } } };
  (node.properties as Record<string, unknown>).replies = { type: 'array', items: node };
  return { type: 'object', required: ['type', 'root'], properties: { type: { const: 'thread' }, root: node } };
}

describe('compileSchema', () => {
  it('compiles a cyclic schema and checks every level of the recursion', () => {
    const compiled = compileSchema(threadSchema());
    if (!compiled.ok) throw new Error(compiled.error);
    const deep = { type: 'thread', root: { text: 'a', replies: [{ text: 'b', replies: [{ text: 'c', replies: [] }] }] } };
    expect(compiled.fn(deep)).toBe(true);
    const broken = structuredClone(deep);
    (broken.root.replies[0]!.replies[0] as { text: unknown }).text = 7;
    expect(compiled.fn(broken)).toBe(false);
    expect(formatAjvError(compiled.fn.errors![0]!)).toBe('/root/replies/0/replies/0/text must be string');
  });

  it('compiles a schema whose root is the target of the cycle', () => {
    const tree: JsonSchema = { type: 'object', properties: { name: { type: 'string' } } };
    (tree.properties as Record<string, unknown>).children = { type: 'array', items: tree };
    const compiled = compileSchema(tree);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(compiled.fn({ name: 'a', children: [{ name: 'b', children: [] }] })).toBe(true);
    expect(compiled.fn({ name: 'a', children: [{ name: 1 }] })).toBe(false);
  });

  it('leaves an acyclic schema, shared subschemas included, as it is', () => {
    const shared = { type: 'string' };
    const schema: JsonSchema = { type: 'object', properties: { a: shared, b: shared } };
    expect(acyclic(schema)).toBe(schema);
  });
});
