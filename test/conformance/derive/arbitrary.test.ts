/** fast-check arbitraries from JSON Schema: generated values are valid, bad frames are bad, all reproducible by seed. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { arbitraryOf, brokenFrames, notJsonFrames, validValues } from '../../../conformance/derive/arbitrary.js';
import type { MessageModel } from '../../../contract/model.js';
import { problemOf } from '../../../contract/match-message.js';

const message = (id: string, payload: Record<string, unknown>): MessageModel => ({ id, directions: ['client-to-server'], channelIds: ['c'], payload, examples: [], control: false, extensions: {} });

const order = message('order', {
  type: 'object',
  additionalProperties: false,
  required: ['op', 'id', 'qty', 'at'],
  properties: {
    op: { const: 'order' },
    id: { type: 'string', format: 'uuid' },
    qty: { type: 'integer', minimum: 1, maximum: 10 },
    price: { type: 'number', multipleOf: 0.01, exclusiveMinimum: 0 },
    at: { type: 'string', format: 'date-time' },
    pair: { type: 'string', pattern: '^[A-Z]{3}/[A-Z]{3}$' },
    tags: { type: 'array', items: { type: 'string', maxLength: 4 }, maxItems: 3, uniqueItems: true },
    side: { enum: ['buy', 'sell'] },
    kind: { oneOf: [{ type: 'object', required: ['limit'], properties: { limit: { type: 'number' } } }, { type: 'null' }] },
  },
});

describe('derived inputs', () => {
  it('validValues: every value is valid, drawn the same way from the same seed', () => {
    const values = validValues(order, 30, 7);
    expect(values).toHaveLength(30);
    for (const v of values) expect(problemOf(order, v)).toBeUndefined();
    expect(validValues(order, 30, 7)).toEqual(values);
    expect(validValues(order, 30, 8)).not.toEqual(values);
  });

  it('arbitraryOf: fills optional properties sometimes, never an undeclared one', () => {
    const values = fc.sample(arbitraryOf(order.payload), { seed: 3, numRuns: 200 });
    expect(values.some((v) => 'pair' in (v as object))).toBe(true);
    expect(values.some((v) => !('pair' in (v as object)))).toBe(true);
    for (const v of values) for (const k of Object.keys(v as object)) expect(Object.keys(order.payload.properties as object)).toContain(k);
  });

  it('notJsonFrames: text JSON.parse refuses', () => {
    const frames = notJsonFrames(5, 1);
    expect(frames).toHaveLength(5);
    for (const f of frames) expect(() => JSON.parse(f.text)).toThrow();
    expect(notJsonFrames(5, 1)).toEqual(frames);
  });

  it('brokenFrames: a wrong-type field or a missing required field, rejected by every client message, the discriminator kept', () => {
    const base = validValues(order, 1, 1)[0]!;
    const cancel = message('cancel', { type: 'object', required: ['op'], properties: { op: { const: 'cancel' }, id: { type: 'string' } } });
    const clients = [order, cancel];
    for (const kind of ['wrong-type', 'missing-required'] as const) {
      const [frame] = brokenFrames(kind, [{ message: order, value: base }], clients, 3, 11);
      expect(frame, kind).toBeDefined();
      const json = JSON.parse(frame!.text) as Record<string, unknown>;
      expect(json.op).toBe('order');
      for (const m of clients) expect(problemOf(m, json)).toBeDefined();
      expect(frame!.why).toMatch(kind === 'wrong-type' ? /^order with "\w+" .* where the schema says / : /^order without its required "(id|qty|at)"$/);
    }
  });

  it('brokenFrames: nothing where every client message accepts the result (an open schema)', () => {
    const open = message('note', { type: 'object', properties: { text: { type: 'string' } } });
    expect(brokenFrames('missing-required', [{ message: open, value: { text: 'x' } }], [open], 3, 1)).toEqual([]);
    const anything = message('any', { type: 'object' });
    expect(brokenFrames('wrong-type', [{ message: open, value: { text: 'x' } }], [open, anything], 3, 1)).toEqual([]);
  });
});
