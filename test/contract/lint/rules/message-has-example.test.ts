import { describe, expect, it } from 'vitest';
import { messageHasExample } from '../../../../contract/lint/rules/message-has-example.js';
import { contract, event } from '../../../support/contract-model.js';

describe('message-has-example', () => {
  it('is quiet when every message has an example', () => {
    expect(messageHasExample.check(contract())).toEqual([]);
  });

  it('warns about a message without examples, at the message', () => {
    const found = messageHasExample.check(contract({ messages: [event('scoreUpdated', 'score.updated', { examples: [] })] }));
    expect(found).toEqual([{ path: ['channels', 'room', 'messages', 'scoreUpdated'], message: 'message "scoreUpdated" has no example' }]);
    expect(messageHasExample.level).toEqual({ generic: 'warning', specwire: 'warning' });
  });
});
