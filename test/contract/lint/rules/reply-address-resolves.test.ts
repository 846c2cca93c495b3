import { describe, expect, it } from 'vitest';
import { replyAddressResolves } from '../../../../contract/lint/rules/reply-address-resolves.js';
import { contract, frame, operation } from '../../../support/contract-model.js';

const request = (over: Parameters<typeof frame>[3] = {}) => frame('ping', 'ping', 'client-to-server', over);
const withAddress = (location: string, ping = request()) =>
  contract({ messages: [ping], operations: [operation('receivePing', { action: 'receive', direction: 'client-to-server', messageIds: ['ping'], reply: { addressLocation: location } })] });

describe('reply-address-resolves', () => {
  it('is quiet when a request message declares the field, and for operations without a reply address', () => {
    expect(replyAddressResolves.check(withAddress('$message.header#/replyTo', request({ headers: { type: 'object', properties: { replyTo: { type: 'string' } } } })))).toEqual([]);
    expect(replyAddressResolves.check(withAddress('$message.payload#/type'))).toEqual([]);
    expect(replyAddressResolves.check(contract())).toEqual([]);
  });

  it('fires when no request message declares the field, at the location', () => {
    expect(replyAddressResolves.check(withAddress('$message.payload#/replyTo'))).toEqual([
      { path: ['operations', 'receivePing', 'reply', 'address', 'location'], message: `operation "receivePing": reply address $message.payload#/replyTo is in no request message's payload ("ping")` },
    ]);
    const headers = request({ headers: { type: 'object', properties: { traceId: {} } } });
    expect(replyAddressResolves.check(withAddress('$message.header#/replyTo', headers))).toHaveLength(1);
  });

  it('says nothing about a header when the request declares no headers schema', () => {
    expect(replyAddressResolves.check(withAddress('$message.header#/replyTo'))).toEqual([]);
  });
});
