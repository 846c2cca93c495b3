import { describe, expect, it } from 'vitest';
import { exampleValid } from '../../../../contract/lint/rules/example-valid.js';
import { contract, event } from '../../../support/contract-model.js';

describe('example-valid', () => {
  it('is quiet when every example matches its payload schema', () => {
    expect(exampleValid.check(contract())).toEqual([]);
  });

  it('fires on an invalid example, at the example, naming the instance path and the reason', () => {
    const m = event('scoreUpdated', 'score.updated', {
      examples: [
        { name: 'good', payload: { type: 'score.updated', seq: 1, ts: '2026-03-01T10:00:00Z' } },
        { name: 'zero seq', payload: { type: 'score.updated', seq: 0, ts: '2026-03-01T10:00:00Z' } },
      ],
    });
    expect(exampleValid.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'examples', 1], message: 'example "zero seq" of "scoreUpdated" is invalid: /seq must be >= 1' },
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
