import { describe, expect, it } from 'vitest';
import { parseRuntimeExpression, undeclaredSegment } from '../../contract/runtime-expression.js';

describe('parseRuntimeExpression', () => {
  it('reads payload and header locations with escaped pointer segments', () => {
    expect(parseRuntimeExpression('$message.payload#/reqid')).toEqual({ source: 'payload', segments: ['reqid'] });
    expect(parseRuntimeExpression('$message.header#/a~1b/c~0d')).toEqual({ source: 'header', segments: ['a/b', 'c~d'] });
    expect(parseRuntimeExpression('$message.payload#')).toEqual({ source: 'payload', segments: [] });
  });

  it('refuses anything else', () => {
    for (const text of ['reqid', '$message.body#/x', '$message.payload#x', '$request.payload#/x']) expect(parseRuntimeExpression(text)).toBeUndefined();
  });
});

describe('undeclaredSegment', () => {
  const schema = {
    type: 'object',
    properties: { meta: { type: 'object', properties: { id: { type: 'string' } } }, list: { type: 'array', items: { type: 'object', properties: { n: {} } } }, name: { type: 'string' } },
    patternProperties: { '^x-': {} },
  };

  it('is -1 for declared paths: properties, array items, pattern properties', () => {
    expect(undeclaredSegment(schema, ['meta', 'id'])).toBe(-1);
    expect(undeclaredSegment(schema, ['list', '0', 'n'])).toBe(-1);
    expect(undeclaredSegment(schema, ['x-trace'])).toBe(-1);
  });

  it('names the first segment no schema declares', () => {
    expect(undeclaredSegment(schema, ['meta', 'requestId'])).toBe(1);
    expect(undeclaredSegment(schema, ['id'])).toBe(0);
    expect(undeclaredSegment(schema, ['name', 'first'])).toBe(1); // a string has no fields
    expect(undeclaredSegment(schema, ['list', 'first'])).toBe(1);
  });

  it('looks through allOf, oneOf and anyOf', () => {
    const union = { oneOf: [{ properties: { a: {} } }, { allOf: [{ properties: { b: {} } }] }] };
    expect(undeclaredSegment(union, ['b'])).toBe(-1);
    expect(undeclaredSegment(union, ['c'])).toBe(0);
  });

  it('cannot prove anything under an open object or a map', () => {
    expect(undeclaredSegment({ type: 'object' }, ['anything'])).toBe(-1);
    expect(undeclaredSegment({}, ['anything', 'deeper'])).toBe(-1);
    expect(undeclaredSegment({ type: 'object', properties: { a: {} }, additionalProperties: { type: 'string' } }, ['b'])).toBe(-1);
    expect(undeclaredSegment({ type: 'object', properties: { a: {} }, additionalProperties: false }, ['b'])).toBe(0);
  });
});
