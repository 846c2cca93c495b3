import { describe, expect, it } from 'vitest';
import { exampleValid } from '../../../../contract/lint/rules/example-valid.js';
import { contract, event } from '../../../support/contract-model.js';

describe('example-valid', () => {
  it('is quiet when every example matches its payload schema', () => {
    expect(exampleValid.check(contract())).toEqual([]);
  });

  it('fires on an invalid example, at the failing value, naming the instance path and the reason', () => {
    const m = event('scoreUpdated', 'score.updated', {
      examples: [
        { name: 'good', payload: { type: 'score.updated', seq: 1, ts: '2026-03-01T10:00:00Z' } },
        { name: 'zero seq', payload: { type: 'score.updated', seq: 0, ts: '2026-03-01T10:00:00Z' } },
      ],
    });
    expect(exampleValid.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'examples', 1, 'payload', 'seq'], message: 'example "zero seq" of "scoreUpdated" is invalid: /seq must be >= 1' },
    ]);
  });

  it('points an extra property at itself and a missing one at its object', () => {
    const strict = { type: 'object', additionalProperties: false, required: ['type', 'n'], properties: { type: { const: 'a' }, n: { type: 'integer' } } };
    const m = event('a', 'a', { payload: strict, examples: [{ payload: { type: 'a', n: 1, extra: true } }, { payload: { type: 'a' } }] });
    expect(exampleValid.check(contract({ messages: [m] })).map((f) => f.path.slice(4))).toEqual([
      ['examples', 0, 'payload', 'extra'],
      ['examples', 1, 'payload'],
    ]);
  });

  it('checks example headers against the headers schema, and skips a part the example does not show', () => {
    const m = event('scoreUpdated', 'score.updated', {
      headers: { type: 'object', properties: { traceId: { type: 'string' } } },
      examples: [{ headers: { traceId: 7 }, payload: undefined }, { headers: { traceId: 'ok' }, payload: { type: 'score.updated', seq: 1, ts: '2026-03-01T10:00:00Z' } }],
    });
    expect(exampleValid.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'examples', 0, 'headers', 'traceId'], message: 'example of "scoreUpdated" has invalid headers: /traceId must be string' },
    ]);
  });

  it('for a oneOf payload, names the failure of the branch the example is closest to', () => {
    const payload = {
      type: 'object',
      oneOf: [
        { required: ['event', 'errorMessage'], properties: { event: { const: 'status' }, errorMessage: { type: 'string' } } },
        { required: ['event', 'channelId'], properties: { event: { const: 'status' }, channelId: { type: 'integer' }, pair: { type: 'array' } } },
      ],
    };
    const m = event('status', 'status', { payload, examples: [{ payload: { event: 'status', channelId: 1, pair: 'XBT/EUR' } }] });
    expect(exampleValid.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'status', 'examples', 0, 'payload', 'pair'], message: 'example of "status" is invalid: /pair must be array' },
    ]);
  });

  it('checks formats (a ts that is not a date-time fails)', () => {
    const m = event('scoreUpdated', 'score.updated', { examples: [{ payload: { type: 'score.updated', seq: 1, ts: 'yesterday' } }] });
    const found = exampleValid.check(contract({ messages: [m] }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/^example of "scoreUpdated" is invalid: \/ts must match format "date-time"/);
  });

  it('fires once, at the payload, when the payload schema does not compile', () => {
    const m = event('scoreUpdated', 'score.updated', { payload: { type: 'object', properties: { seq: { type: 'integr' } } } });
    const found = exampleValid.check(contract({ messages: [m] }));
    expect(found.map((f) => f.path)).toEqual([['channels', 'room', 'messages', 'scoreUpdated', 'payload']]);
    expect(found[0]!.message).toContain('payload schema does not compile');
  });
});
