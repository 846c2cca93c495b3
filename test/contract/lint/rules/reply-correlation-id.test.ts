import { describe, expect, it } from 'vitest';
import { replyCorrelationId } from '../../../../contract/lint/rules/reply-correlation-id.js';
import { channel, contract, frame, operation } from '../../../support/contract-model.js';

const correlated = { correlationId: { location: '$message.payload#/reqid' } };
const requestReply = (pongOver = {}, reply: { messageIds?: string[] } = {}) =>
  contract({
    channels: [channel({ messageIds: ['ping', 'pong', 'scoreUpdated'] })],
    messages: [frame('ping', 'ping', 'client-to-server', correlated), frame('pong', 'pong', 'server-to-client', pongOver), frame('scoreUpdated', 'score.updated', 'server-to-client')],
    operations: [operation('receivePing', { action: 'receive', direction: 'client-to-server', messageIds: ['ping'], reply: { messageIds: ['pong'], ...reply } })],
  });

describe('reply-correlation-id', () => {
  it('is quiet when the reply declares a correlationId too, or the request declares none', () => {
    expect(replyCorrelationId.check(requestReply(correlated))).toEqual([]);
    expect(replyCorrelationId.check(contract())).toEqual([]);
  });

  it('warns at a reply message without one, once', () => {
    expect(replyCorrelationId.check(requestReply())).toEqual([
      { path: ['channels', 'room', 'messages', 'pong'], message: 'reply "pong" of operation "receivePing" declares no correlationId, but request "ping" does ($message.payload#/reqid): a client cannot tell which request it answers' },
    ]);
    expect(replyCorrelationId.level).toEqual({ generic: 'warning', specwire: 'warning' });
  });

  it('takes every message of the reply channel when the reply lists none', () => {
    const found = replyCorrelationId.check(requestReply(correlated, { messageIds: undefined }));
    expect(found.map((f) => f.path.at(-1))).toEqual(['scoreUpdated']);
  });
});
