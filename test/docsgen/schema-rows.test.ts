/** Payload flattening: every nested field gets a row with a path a reader can follow. */
import { describe, expect, it } from 'vitest';
import { mergeAllOf, payloadRows, typeName } from '../../docsgen/schema-rows.js';
import type { JsonSchema } from '../../contract/model.js';

const paths = (s: JsonSchema) => payloadRows(s).map((r) => r.path);
const row = (s: JsonSchema, path: string) => payloadRows(s).find((r) => r.path === path);

describe('payloadRows', () => {
  it('flattens nested objects and arrays of objects with dotted and [] paths, required per parent', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['type', 'task'],
      properties: {
        type: { type: 'string', const: 'task.created' },
        task: {
          type: 'object',
          title: 'Task',
          required: ['id'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            tags: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 5 },
            checklist: { type: 'array', items: { type: 'object', required: ['done'], properties: { done: { type: 'boolean' }, label: { type: 'string' } } } },
          },
        },
      },
    };
    expect(paths(schema)).toEqual(['type', 'task', 'task.id', 'task.tags', 'task.checklist', 'task.checklist[].done', 'task.checklist[].label']);
    expect(row(schema, 'task')).toMatchObject({ type: 'object (Task)', required: true });
    expect(row(schema, 'task.tags')).toMatchObject({ type: 'array of string', required: false, constraints: ['max items 5'] });
    expect(row(schema, 'task.checklist[].done')?.required).toBe(true);
    expect(row(schema, 'task.checklist[].label')?.required).toBe(false);
    expect(row(schema, 'type')?.constraints).toEqual(['const "task.created"']);
    expect(row(schema, 'task.id')?.constraints).toEqual(['format uuid']);
  });

  it('gives each oneOf variant its own labelled paths (title, else discriminating const)', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['phase'],
      properties: {
        phase: {
          oneOf: [
            { title: 'LiePhase', type: 'object', required: ['kind'], properties: { kind: { const: 'lie' }, prompt: { type: 'string' } } },
            { type: 'object', required: ['kind'], properties: { kind: { const: 'guess' }, options: { type: 'array', items: { type: 'string' } } } },
          ],
        },
      },
    };
    expect(paths(schema)).toEqual(['phase', 'phase‹LiePhase›', 'phase‹LiePhase›.kind', 'phase‹LiePhase›.prompt', 'phase‹kind=guess›', 'phase‹kind=guess›.kind', 'phase‹kind=guess›.options']);
    expect(row(schema, 'phase')?.type).toBe('one of: LiePhase, kind=guess');
    expect(row(schema, 'phase‹kind=guess›.options')?.type).toBe('array of string');
  });

  it('merges allOf branches into one object, required from every branch', () => {
    const schema: JsonSchema = {
      allOf: [
        { type: 'object', required: ['seq'], properties: { seq: { type: 'integer', minimum: 1 } } },
        { type: 'object', required: ['track'], properties: { track: { allOf: [{ type: 'object', properties: { id: { type: 'string' } } }, { required: ['id'] }] } } },
      ],
    };
    expect(paths(schema)).toEqual(['seq', 'track', 'track.id']);
    expect(row(schema, 'track.id')?.required).toBe(true);
    expect(mergeAllOf({ allOf: [{ type: 'object' }], description: 'own' })).toMatchObject({ type: 'object', description: 'own' });
  });

  it('handles arrays of unions, maps, nullable types and recursion without looping', () => {
    const node: JsonSchema = { type: 'object', title: 'Node', properties: { name: { type: 'string' } } };
    (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        note: { type: ['string', 'null'] },
        tree: node,
      },
    };
    const p = paths(schema);
    expect(p).toEqual(expect.arrayContaining(['items', 'items[]', 'items[]‹string›', 'items[]‹integer›', 'labels', 'labels.*', 'note', 'tree', 'tree.name', 'tree.children']));
    expect(row(schema, 'note')?.type).toBe('string | null');
    expect(row(schema, 'tree.children[].children')?.constraints).toContain('recursive: same shape as its ancestor');
    expect(p.length).toBeLessThan(20);
  });

  it('names types from const, enum and items when `type` is absent', () => {
    expect(typeName({ const: 3 })).toBe('integer');
    expect(typeName({ enum: ['a', 'b'] })).toBe('string');
    expect(typeName({ items: { type: 'number' } })).toBe('array of number');
    expect(typeName({})).toBe('any');
  });
});
