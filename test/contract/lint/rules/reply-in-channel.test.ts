import { describe, expect, it } from 'vitest';
import { replyInChannel } from '../../../../contract/lint/rules/reply-in-channel.js';
import { channel, contract, operation } from '../../../support/contract-model.js';

const replies = channel({ id: 'replies', address: '/', parameters: [], messageIds: ['pong'] });
const withReply = (reply: NonNullable<Parameters<typeof operation>[1]>['reply']) =>
  contract({ channels: [channel(), replies], operations: [operation('receivePing', { action: 'receive', direction: 'client-to-server', messageIds: ['ping'], reply })] });

describe('reply-in-channel', () => {
  it('is quiet when the reply lists messages of its reply channel, or lists none', () => {
    expect(replyInChannel.check(withReply({ channelId: 'replies', messageIds: ['pong'] }))).toEqual([]);
    expect(replyInChannel.check(withReply({ channelId: 'replies' }))).toEqual([]);
    expect(replyInChannel.check(contract())).toEqual([]);
  });

  it("checks against the operation's channel when the reply names none", () => {
    expect(replyInChannel.check(withReply({ messageIds: ['pong'] }))).toEqual([]);
  });

  it('fires on a listed reply message of another channel, at that list entry', () => {
    expect(replyInChannel.check(withReply({ channelId: 'replies', messageIds: ['pong', 'scoreUpdated'] }))).toEqual([
      { path: ['operations', 'receivePing', 'reply', 'messages', 1], message: 'operation "receivePing": reply message "scoreUpdated" is not a message of reply channel "replies"' },
    ]);
  });
});
