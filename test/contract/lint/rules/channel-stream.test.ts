import { describe, expect, it } from 'vitest';
import { channelStream } from '../../../../contract/lint/rules/channel-stream.js';
import { channel, contract, event, frame } from '../../../support/contract-model.js';

const withTeamId = (id: string, type: string) => {
  const m = event(id, type);
  return { ...m, payload: { ...m.payload, properties: { ...(m.payload.properties as object), teamId: { type: 'string' } } } };
};

describe('channel-stream', () => {
  it('is quiet when the key is a channel parameter', () => {
    expect(channelStream.check(contract())).toEqual([]);
  });

  it('is quiet when the key is a field of every event, with known subscribe/unsubscribe types', () => {
    const c = contract({
      channels: [channel({ address: '/realtime', parameters: [], messageIds: ['a', 'sub', 'unsub'], stream: { key: 'teamId', subscribe: 'subscribe', unsubscribe: 'unsubscribe' } })],
      messages: [withTeamId('a', 'activity'), frame('sub', 'subscribe', 'client-to-server'), frame('unsub', 'unsubscribe', 'client-to-server')],
    });
    expect(channelStream.check(c)).toEqual([]);
  });

  it('fires at the channel when no stream key is named', () => {
    expect(channelStream.check(contract({ channels: [channel({ stream: undefined })] }))).toEqual([
      { path: ['channels', 'room'], message: 'channel "room" does not name its stream key (x-specwire-stream.key)' },
    ]);
  });

  it('fires at the key when it is neither a parameter nor a field of every event', () => {
    const c = contract({
      channels: [channel({ address: '/realtime', parameters: [], messageIds: ['a', 'b'], stream: { key: 'teamId' } })],
      messages: [withTeamId('a', 'activity'), event('b', 'presence')],
    });
    expect(channelStream.check(c)).toEqual([
      { path: ['channels', 'room', 'x-specwire-stream', 'key'], message: 'stream key "teamId" is neither a channel parameter nor a field of every event' },
    ]);
  });

  it('fires at subscribe/unsubscribe when they name no message type', () => {
    const c = contract({ channels: [channel({ stream: { key: 'roomId', subscribe: 'room.join', unsubscribe: 'room.leave' } })] });
    expect(channelStream.check(c)).toEqual([
      { path: ['channels', 'room', 'x-specwire-stream', 'subscribe'], message: 'subscribe type "room.join" is not a message of the contract' },
      { path: ['channels', 'room', 'x-specwire-stream', 'unsubscribe'], message: 'unsubscribe type "room.leave" is not a message of the contract' },
    ]);
  });
});
