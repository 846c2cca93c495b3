import { describe, expect, it } from 'vitest';
import { messageTypeUnique } from '../../../../contract/lint/rules/message-type-unique.js';
import { contract, event, frame } from '../../../support/contract-model.js';

describe('message-type-unique', () => {
  it('is quiet when each type names one message per direction', () => {
    expect(messageTypeUnique.check(contract())).toEqual([]);
  });

  it('is quiet when one type is used once in each direction (a request and its echo)', () => {
    const messages = [frame('pingIn', 'ping', 'client-to-server'), frame('pingOut', 'ping', 'server-to-client')];
    expect(messageTypeUnique.check(contract({ messages }))).toEqual([]);
  });

  it('fires on the second message that reuses a type in the same direction', () => {
    const messages = [event('scoreUpdated', 'score.updated'), event('scoreCorrected', 'score.updated')];
    expect(messageTypeUnique.check(contract({ messages }))).toEqual([
      {
        path: ['channels', 'room', 'messages', 'scoreCorrected', 'payload', 'properties', 'type'],
        message: 'type "score.updated" (server-to-client) is used by both "scoreUpdated" and "scoreCorrected"',
      },
    ]);
  });
});
