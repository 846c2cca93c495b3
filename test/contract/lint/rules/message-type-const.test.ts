import { describe, expect, it } from 'vitest';
import { messageTypeConst } from '../../../../contract/lint/rules/message-type-const.js';
import { contract, event } from '../../../support/contract-model.js';

describe('message-type-const', () => {
  it('is quiet when every payload has a required string `type` const', () => {
    expect(messageTypeConst.check(contract())).toEqual([]);
  });

  it('fires on a payload without a `type` property, at the payload', () => {
    const m = event('scoreUpdated', 'score.updated', { payload: { type: 'object', properties: { seq: { type: 'integer' } } } });
    expect(messageTypeConst.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'payload'], message: 'message "scoreUpdated" has no `type` property' },
    ]);
  });

  it('fires on a `type` that is a plain string or a non-string const, at the property', () => {
    for (const type of [{ type: 'string' }, { const: 7 }, { enum: ['a'] }]) {
      const m = event('scoreUpdated', 'score.updated', { payload: { type: 'object', required: ['type'], properties: { type } } });
      const found = messageTypeConst.check(contract({ messages: [m] }));
      expect(found.map((f) => f.path)).toEqual([['channels', 'room', 'messages', 'scoreUpdated', 'payload', 'properties', 'type']]);
      expect(found[0]!.message).toContain('must be a string `const`');
    }
  });

  it('fires when `type` is not listed in `required`', () => {
    const m = event('scoreUpdated', 'score.updated', { payload: { type: 'object', required: ['seq'], properties: { type: { type: 'string', const: 'score.updated' } } } });
    expect(messageTypeConst.check(contract({ messages: [m] }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'payload'], message: 'message "scoreUpdated": `type` must be listed in `required`' },
    ]);
  });
});
