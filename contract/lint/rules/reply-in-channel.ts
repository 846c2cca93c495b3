import { DEFECT, type LintRule } from '../rule.js';

/**
 * AsyncAPI 3: a reply's `messages` "MUST contain a subset of the messages defined in the channel
 * referenced in this operation reply". The parser checks an operation's own messages against its
 * channel (asyncapi3-operation-messages-from-referred-channel) but not the reply's.
 */
export const replyInChannel: LintRule = {
  id: 'reply-in-channel',
  level: DEFECT,
  description: "A reply's messages are messages of its reply channel (or of the operation's channel when the reply names none).",
  check(contract) {
    return contract.operations.flatMap((op) => {
      const listed = op.reply?.messageIds;
      if (!listed) return [];
      const channelId = op.reply?.channelId ?? op.channelId;
      const channel = contract.channels.find((c) => c.id === channelId);
      if (!channel) return []; // a reply channel outside the root channels: the parser's document schema says so
      return listed.flatMap((id, i) =>
        channel.messageIds.includes(id)
          ? []
          : [{ path: ['operations', op.id, 'reply', 'messages', i], message: `operation "${op.id}": reply message ${id ? `"${id}" ` : ''}is not a message of reply channel "${channel.id}"` }],
      );
    });
  },
};
