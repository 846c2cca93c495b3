import { describe, expect, it } from 'vitest';
import { eventAuthority } from '../../../../contract/lint/rules/event-authority.js';
import { contract, event, frame } from '../../../support/contract-model.js';

describe('event-authority', () => {
  it('is quiet when every server event says state or hint; control and client frames need neither', () => {
    expect(eventAuthority.check(contract())).toEqual([]);
    const messages = [event('a', 'score.updated', { authority: 'hint' }), frame('pong', 'pong', 'server-to-client'), frame('ping', 'ping', 'client-to-server')];
    expect(eventAuthority.check(contract({ messages }))).toEqual([]);
  });

  it('fires at the message of a server event without authority', () => {
    const messages = [event('scoreUpdated', 'score.updated', { authority: undefined })];
    expect(eventAuthority.check(contract({ messages }))).toEqual([
      { path: ['channels', 'room', 'messages', 'scoreUpdated'], message: 'server event "score.updated" does not declare x-specwire-authority (state or hint)' },
    ]);
  });
});
