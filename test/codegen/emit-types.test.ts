import { describe, expect, it } from 'vitest';
import { declaration, docLines, typeOf, type TypeContext } from '../../codegen/emit-types.js';

const anonymous: TypeContext = { nameOf: () => undefined };
const text = (schema: unknown, ctx = anonymous) => typeOf(schema, ctx).text;

describe('typeOf: one transform per node kind', () => {
  it('primitives, with integer as number and unknown for an empty schema', () => {
    expect(text({ type: 'string', format: 'uuid' })).toBe('string');
    expect(text({ type: 'integer' })).toBe('number');
    expect(text({ type: 'boolean' })).toBe('boolean');
    expect(text({ type: 'null' })).toBe('null');
    expect(text({})).toBe('unknown');
    expect(text(true)).toBe('unknown');
    expect(text(false)).toBe('never');
  });

  it('const and enum become literal types', () => {
    expect(text({ type: 'string', const: 'task.created' })).toBe('"task.created"');
    expect(text({ enum: ['a', 'b', 1, null] })).toBe('"a" | "b" | 1 | null');
  });

  it('nullable as a type list and as oneOf with null', () => {
    expect(text({ type: ['string', 'null'], maxLength: 3 })).toBe('string | null');
    expect(text({ oneOf: [{ type: 'integer' }, { type: 'null' }] })).toBe('number | null');
  });

  it('anyOf/oneOf unions are deduplicated and literals fold into their primitive', () => {
    expect(text({ anyOf: [{ type: 'string', format: 'email' }, { type: 'string', format: 'uri' }] })).toBe('string');
    expect(text({ anyOf: [{ const: 'a' }, { type: 'string' }] })).toBe('string');
  });

  it('objects: required vs optional, quoted keys, closed by default', () => {
    const t = text({
      type: 'object',
      required: ['id', 'x-ref'],
      properties: { id: { type: 'string' }, 'x-ref': { type: 'integer' }, note: { type: 'string', description: 'Free text.' } },
    });
    expect(t).toBe('{\n  id: string;\n  "x-ref": number;\n  /** Free text. */\n  note?: string;\n}');
  });

  it('a required property without a schema is unknown', () => {
    expect(text({ type: 'object', required: ['a'] })).toBe('{\n  a: unknown;\n}');
  });

  it('additionalProperties as a map, alone and next to declared properties', () => {
    expect(text({ type: 'object', additionalProperties: { type: 'integer' } })).toBe('{\n  [key: string]: number;\n}');
    expect(text({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'integer' } })).toBe(
      '{\n  a?: string;\n  [key: string]: number | string | undefined;\n}',
    );
    expect(text({ type: 'object', patternProperties: { '^x': { type: 'boolean' } }, additionalProperties: false })).toBe('{\n  [key: string]: boolean;\n}');
  });

  it('objects without properties: open map or empty', () => {
    expect(text({ type: 'object' })).toBe('{ [key: string]: unknown }');
    expect(text({ type: 'object', additionalProperties: false })).toBe('{ [key: string]: never }');
  });

  it('arrays, tuples and parenthesised element unions', () => {
    expect(text({ type: 'array', items: { type: 'string' } })).toBe('string[]');
    expect(text({ type: 'array', items: { enum: ['a', 'b'] } })).toBe('("a" | "b")[]');
    expect(text({ type: 'array' })).toBe('unknown[]');
    expect(text({ type: 'array', items: [{ type: 'integer' }, { type: 'string' }], additionalItems: false })).toBe('[number, string]');
    expect(text({ type: 'array', items: [{ type: 'integer' }] })).toBe('[number, ...unknown[]]');
  });

  it('allOf is an intersection; constraint-only parts drop out', () => {
    const ctx: TypeContext = { nameOf: (n) => ((n as { title?: string }).title === 'Envelope' ? 'Envelope' : undefined) };
    const t = text({ allOf: [{ title: 'Envelope', type: 'object' }, { type: 'object', properties: { type: { const: 'x' } }, required: ['type'] }, { required: ['type'] }] }, ctx);
    expect(t).toBe('Envelope & {\n  type: "x";\n}');
  });

  it('named nodes are referenced by name, including a recursive reference to the declared node', () => {
    const node: Record<string, unknown> = { type: 'object', required: ['children'], properties: {} };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const ctx: TypeContext = { nameOf: (n) => (n === node ? 'Tree' : undefined) };
    expect(declaration('Tree', node, ctx, [])).toBe('export interface Tree {\n  children: Tree[];\n}');
  });

  it('long unions go one member per line', () => {
    const values = ['bad_frame', 'unknown_type', 'invalid_payload', 'payload_too_large', 'unauthenticated', 'forbidden', 'not_found'];
    expect(declaration('ErrorCode', { type: 'string', enum: values }, anonymous, [])).toBe(
      `export type ErrorCode =\n${values.map((v) => `  | "${v}"`).join('\n')};`,
    );
  });

  it('object branches of a multi-line union are indented past the bar', () => {
    const t = declaration('Value', { oneOf: [{ type: 'null' }, { type: 'object', required: ['lat'], properties: { lat: { type: 'number' } } }] }, anonymous, []);
    expect(t).toBe('export type Value =\n  | null\n  | {\n      lat: number;\n    };');
  });
});

describe('docLines', () => {
  it('one short line stays on one line; */ cannot end the comment', () => {
    expect(docLines(['Ends with */ here'], '  ')).toEqual(['  /** Ends with *\\/ here */']);
  });

  it('wraps long text and keeps paragraphs and tags', () => {
    const lines = docLines(['word '.repeat(40).trim(), '', '@since 1.0.0'], '');
    expect(lines[0]).toBe('/**');
    expect(lines.at(-1)).toBe(' */');
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines).toContain(' *');
    expect(lines).toContain(' * @since 1.0.0');
  });

  it('no text, no comment', () => {
    expect(docLines([], '')).toEqual([]);
  });
});
