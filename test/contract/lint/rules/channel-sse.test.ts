import { describe, expect, it } from 'vitest';
import { channelSse } from '../../../../contract/lint/rules/channel-sse.js';
import type { ContractModel } from '../../../../contract/model.js';
import { channel, contract, operation } from '../../../support/contract-model.js';

/** The quiz contract plus an SSE mirror of its room channel, on its own https server. */
function withSse(over: { channel?: Parameters<typeof channel>[0]; servers?: ContractModel['servers']; operations?: ContractModel['operations'] } = {}): ContractModel {
  const base = contract();
  return {
    ...base,
    servers: over.servers ?? [...base.servers, { id: 'sse', host: 'quiz.example.com', protocol: 'https', security: [{ scheme: 'jwt', scopes: [] }] }],
    channels: [...base.channels, channel({ id: 'roomSse', address: '/sse/rooms/{roomId}', messageIds: ['scoreUpdated'], servers: ['sse'], sse: { of: 'room', retryMs: 3000, heartbeatIntervalMs: 15000 }, ...over.channel })],
    operations: over.operations ?? [...base.operations, operation('sendRoomSse', { channelId: 'roomSse', messageIds: ['scoreUpdated'] })],
  };
}

describe('channel-sse', () => {
  it('is quiet on documents without SSE channels, and on a well-formed one', () => {
    expect(channelSse.check(contract())).toEqual([]);
    expect(channelSse.check(withSse())).toEqual([]);
  });

  it('fires at retryMs and heartbeatIntervalMs when they are not positive integers', () => {
    const findings = channelSse.check(withSse({ channel: { sse: { of: 'room', retryMs: 0, heartbeatIntervalMs: 1.5 } } }));
    expect(findings.map((f) => f.path)).toEqual([
      ['channels', 'roomSse', 'x-specwire-sse', 'retryMs'],
      ['channels', 'roomSse', 'x-specwire-sse', 'heartbeatIntervalMs'],
    ]);
  });

  it('fires when the channel has no servers, or a server that is not http(s)', () => {
    expect(channelSse.check(withSse({ channel: { servers: [] } }))).toEqual([{ path: ['channels', 'roomSse'], message: expect.stringContaining('list its http(s) servers') }]);
    expect(channelSse.check(withSse({ channel: { servers: ['production'] } }))).toEqual([{ path: ['servers', 'production', 'protocol'], message: expect.stringContaining('its protocol is wss') }]);
  });

  it('fires when the only credential is a header a browser EventSource cannot send', () => {
    const c = withSse({ servers: [...contract().servers, { id: 'sse', host: 'h', protocol: 'https', security: [{ scheme: 'bearer', scopes: [] }] }] });
    c.securitySchemes = [...c.securitySchemes, { id: 'bearer', type: 'http', scheme: 'bearer' }];
    expect(channelSse.check(c)).toEqual([{ path: ['servers', 'sse', 'security'], message: expect.stringContaining('EventSource cannot set headers') }]);
  });

  it('fires at a receive operation and at a client message on the SSE channel', () => {
    const c = withSse({ channel: { messageIds: ['scoreUpdated', 'ping'] }, operations: [...contract().operations, operation('receiveOnSse', { channelId: 'roomSse', action: 'receive', direction: 'client-to-server', messageIds: ['ping'] })] });
    expect(channelSse.check(c).map((f) => f.path)).toEqual([
      ['operations', 'receiveOnSse', 'action'],
      ['channels', 'roomSse', 'messages', 'ping'],
    ]);
  });

  it('fires when the stream is joined with frames or keyed by something outside the address', () => {
    expect(channelSse.check(withSse({ channel: { stream: { key: 'roomId', subscribe: 'subscribe' } } }))).toEqual([{ path: ['channels', 'roomSse', 'x-specwire-stream'], message: expect.stringContaining('named in the address') }]);
    expect(channelSse.check(withSse({ channel: { stream: { key: 'teamId' } } }))).toEqual([{ path: ['channels', 'roomSse', 'x-specwire-stream', 'key'], message: expect.stringContaining('must be an address parameter') }]);
  });

  it('fires when `of` names no WebSocket channel, or the SSE channel carries a message its WebSocket channel does not', () => {
    expect(channelSse.check(withSse({ channel: { sse: { of: 'lobby', retryMs: 3000, heartbeatIntervalMs: 15000 } } }))).toEqual([{ path: ['channels', 'roomSse', 'x-specwire-sse', 'of'], message: expect.stringContaining('names no WebSocket channel ("lobby")') }]);
    const c = withSse({ channel: { messageIds: ['scoreUpdated', 'extra'] } });
    c.messages = [...c.messages, { ...c.messages[0]!, id: 'extra', type: 'extra', name: 'extra', channelIds: ['roomSse'] }];
    expect(channelSse.check(c)).toEqual([{ path: ['channels', 'roomSse', 'messages', 'extra'], message: expect.stringContaining('is not a message of "room"') }]);
  });
});
