/**
 * Generated standalone validators against ajv compiling the same payload schema at run time
 * (contract/schema-validator.ts, ajv-formats): same verdict on examples, systematic mutations and
 * random edits of examples. Also: the output needs nothing but itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../codegen/catalog.js';
import { discriminatorFor, emitValidators, inlinePropertyChecks, shortcutLengths } from '../../codegen/emit-validators.js';
import type { ContractModel, JsonSchema } from '../../contract/model.js';
import { compileSchema } from '../../contract/schema-validator.js';
import { mutationsOf } from '../support/frame-mutations.js';
import { GENERATED_CASES, loadCase, type Validator } from '../support/generated-contracts.js';
import { pascalCase } from '../../codegen/names.js';

describe.each(GENERATED_CASES)('$name', (c) => {
  let contract: ContractModel;
  let validators: Record<string, Validator>;

  beforeAll(async () => {
    ({ contract, validators } = await loadCase(c));
  });

  it('validators.js imports and requires nothing', () => {
    const code = readFileSync(join(c.outDir, contract.id, 'validators.js'), 'utf8');
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/^import /m);
  });

  it('agrees with run-time ajv on examples, mutations and random edits', () => {
    let compared = 0;
    for (const m of contract.messages) {
      const generated = validators[`validate${pascalCase(m.name ?? m.id)}Message`];
      expect(generated, `validator of ${m.id}`).toBeTypeOf('function');
      const runtime = compileSchema(m.payload);
      // A recursive payload cannot be compiled from its dereferenced (cyclic) form; the bundle can.
      if (!runtime.ok) {
        expect(runtime.error).toMatch(/call stack|circular|cyclic/i);
        continue;
      }
      const inputs: unknown[] = m.examples.flatMap((e) => [e.payload, ...mutationsOf(m.payload, e.payload).map((x) => x.frame)]);
      for (const input of inputs) {
        compared++;
        expect(generated!(input), `${m.id}: ${JSON.stringify(input)}`).toBe(runtime.fn(input));
      }
      const bases = m.examples.map((e) => e.payload);
      if (!bases.length) continue;
      fc.assert(
        fc.property(randomEdit(bases), (input) => {
          compared++;
          return generated!(input) === runtime.fn(input);
        }),
        { numRuns: 150 },
      );
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('rewrites of ajv output', () => {
  const payload: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'name'],
    properties: {
      type: { const: 'named' },
      name: { type: 'string', minLength: 2, maxLength: 3 },
      ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, { type: 'integer' }])),
    },
  };
  let generated: Validator;
  let dir: string;

  beforeAll(async () => {
    const contract = {
      id: 'mem', file: '/mem.yaml', asyncapi: '3.0.0', title: 'mem', version: '1', servers: [], channels: [], operations: [], securitySchemes: [],
      components: {}, references: new Set<string>(), locate: () => ({ file: '/mem.yaml', line: 1, column: 1 }), schemas: {},
      messages: [{ id: 'named', name: 'named', directions: ['server-to-client'], channelIds: [], payload, examples: [], control: false, extensions: {} }],
    } as unknown as ContractModel;
    const { code } = emitValidators(buildCatalog(contract), 'mem.yaml');
    expect(code).toContain('.length > 3 && ');
    expect(code).toContain('key0 === "p9"');
    dir = mkdtempSync(join(tmpdir(), 'specwire-validators-'));
    writeFileSync(join(dir, 'validators.js'), code);
    generated = ((await import(pathToFileURL(join(dir, 'validators.js')).href)) as Record<string, Validator>).validateNamedMessage!;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('length shortcuts count code points exactly as ajv does, surrogate pairs included', () => {
    const runtime = compileSchema(payload);
    if (!runtime.ok) throw new Error(runtime.error);
    for (const name of ['ab', 'abc', 'abcd', 'a', '😀', '😀😀', '😀😀😀', '😀😀😀😀', 'a😀', '\ud83d', '\ud83d\ud83d\ud83d\ud83d\ud83d\ud83d']) {
      expect(generated({ type: 'named', name }), JSON.stringify(name)).toBe(runtime.fn({ type: 'named', name }));
    }
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 8 }), (name) => generated({ type: 'named', name }) === runtime.fn({ type: 'named', name })));
  });

  it('inlined property checks accept declared keys only', () => {
    expect(generated({ type: 'named', name: 'ab', p9: 1 })).toBe(true);
    expect(generated({ type: 'named', name: 'ab', p10: 1 })).toBe(false);
    expect(generated(JSON.parse('{"type":"named","name":"ab","__proto__":1}'))).toBe(false);
  });

  it('leave code without the patterns they look for untouched', () => {
    expect(shortcutLengths('if(func2(data) > 3){}')).toBe('if(func2(data) > 3){}');
    expect(inlinePropertyChecks('func1.call(schema3.properties, key0)')).toBe('func1.call(schema3.properties, key0)');
  });
});

describe('discriminatorFor', () => {
  const branch = (type: string, required = ['type']): JsonSchema => ({ type: 'object', required, properties: { type: { const: type } } });
  const object = (schema: JsonSchema): JsonSchema => ({ type: 'object', ...schema });

  it('finds the property every branch requires with a distinct string const', () => {
    expect(discriminatorFor({ oneOf: [branch('a'), branch('b')] })).toBe('type');
    const byKind = { oneOf: [object({ required: ['kind'], properties: { kind: { const: 'x' } } }), object({ required: ['kind'], properties: { kind: { const: 'y' } } })] };
    expect(discriminatorFor(byKind)).toBe('kind');
  });

  it('declines whenever dispatching could change what validates', () => {
    expect(discriminatorFor({ oneOf: [branch('a'), branch('a')] })).toBeUndefined();
    expect(discriminatorFor({ oneOf: [branch('a'), branch('b', [])] })).toBeUndefined();
    expect(discriminatorFor({ oneOf: [branch('a'), { type: 'null' }] })).toBeUndefined();
    expect(discriminatorFor({ anyOf: [branch('a'), branch('b')] })).toBeUndefined();
    expect(discriminatorFor({ oneOf: [branch('a')] })).toBeUndefined();
    expect(discriminatorFor({ oneOf: [object({ required: ['type'], properties: { type: { enum: ['a'] } } }), branch('b')] })).toBeUndefined();
    // A branch that is not `type: object` accepts non-objects, which a discriminator would not.
    expect(discriminatorFor({ oneOf: [{ required: ['type'], properties: { type: { const: 'a' } } }, branch('b')] })).toBeUndefined();
    expect(discriminatorFor({ type: ['object', 'null'], oneOf: [branch('a'), branch('b')] })).toBeUndefined();
  });
});

/** An example with one value somewhere replaced, removed or added. */
function randomEdit(bases: unknown[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.nat(), fc.constantFrom('replace', 'delete', 'add'), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('type', 'id', 'x', 'seq', 'ts'))
    .map(([base, pick, op, value, key]) => {
      const copy = structuredClone(base);
      const containers: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (node: unknown) => {
        if (Array.isArray(node)) node.forEach((v, i) => (containers.push([node, i]), walk(v)));
        else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) (containers.push([node as Record<string, unknown>, k]), walk(v));
      };
      walk(copy);
      if (!containers.length) return value;
      const [parent, at] = containers[pick % containers.length]!;
      if (op === 'replace') (parent as Record<string | number, unknown>)[at] = value;
      else if (op === 'delete' && !Array.isArray(parent)) delete parent[at as string];
      else if (!Array.isArray(parent)) parent[key] = value;
      return copy;
    });
}
