import { describe, expect, it } from 'vitest';
import { messageDocumented } from '../../../../contract/lint/rules/message-documented.js';
import { contract, event } from '../../../support/contract-model.js';

describe('message-documented', () => {
  it('is quiet when every message has a title and a description', () => {
    expect(messageDocumented.check(contract())).toEqual([]);
  });

  it('names what is missing, once per message', () => {
    const messages = [
      event('noTitle', 'a.one', { title: undefined }),
      event('noDescription', 'a.two', { description: undefined }),
      event('neither', 'a.three', { title: undefined, description: undefined }),
    ];
    expect(messageDocumented.check(contract({ messages })).map((f) => f.message)).toEqual([
      'message "noTitle" has no title',
      'message "noDescription" has no description',
      'message "neither" has no title or description',
    ]);
  });
});
