import { describe, expect, it } from 'vitest';
import { messageNameMatchesType } from '../../../../contract/lint/rules/message-name-matches-type.js';
import { contract, event } from '../../../support/contract-model.js';

describe('message-name-matches-type', () => {
  it('is quiet when each name equals its type, and for messages without a type', () => {
    expect(messageNameMatchesType.check(contract())).toEqual([]);
    expect(messageNameMatchesType.check(contract({ messages: [event('raw', 'x', { type: undefined, name: 'Raw' })] }))).toEqual([]);
  });

  it('warns at the name when it differs, or is missing', () => {
    const messages = [event('scoreUpdated', 'score.updated', { name: 'scoreUpdated' }), event('roundEnded', 'round.ended', { name: undefined })];
    expect(messageNameMatchesType.check(contract({ messages }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated', 'name'], message: 'message "scoreUpdated": name "scoreUpdated" differs from type "score.updated"' },
      { path: ['channels', 'room', 'messages', 'roundEnded', 'name'], message: 'message "roundEnded": name "" differs from type "round.ended"' },
    ]);
  });
});
