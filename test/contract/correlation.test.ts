/** `correlationId.location` runtime expressions and the JSON pointers they hold. */
import { describe, expect, it } from 'vitest';
import { correlationPointer, getAt, setAt } from '../../contract/correlation.js';
import type { MessageModel } from '../../contract/model.js';
import { credentialPlace, credentialPresent } from '../../contract/ws-server.js';

describe('correlation ids', () => {
  it('finds the payload pointer a frame can carry; header and unreadable locations have none', () => {
    const at = (location: string) => correlationPointer({ correlationId: { location } } as MessageModel);
    expect(at('$message.payload#/reqid')).toBe('/reqid');
    expect(at(' $message.payload#/meta/a~1b ')).toBe('/meta/a~1b');
    expect(at('$message.header#/correlation_id')).toBeUndefined();
    expect(at('reqid')).toBeUndefined();
    expect(correlationPointer({} as MessageModel)).toBeUndefined();
  });

  it('reads and writes nested pointers, escaped tokens included, without touching the original', () => {
    const frame = { meta: { 'a/b': 1 } };
    expect(getAt(frame, '/meta/a~1b')).toBe(1);
    expect(getAt(frame, '/meta/missing/deeper')).toBeUndefined();
    const next = setAt(frame, '/meta/x~0y/id', 7);
    expect(next).toEqual({ meta: { 'a/b': 1, 'x~y': { id: 7 } } });
    expect(frame).toEqual({ meta: { 'a/b': 1 } });
  });
});

describe('credentials on a WebSocket upgrade', () => {
  const request = (query: string, headers: Record<string, string> = {}) => ({ query: new URLSearchParams(query), headers });
  it('places each scheme where it travels, and checks presence only', () => {
    const key = { id: 'k', type: 'httpApiKey', in: 'query', name: 'token' };
    expect(credentialPlace(key)).toEqual({ in: 'query', name: 'token' });
    expect(credentialPresent(key, request('token=x'))).toBe(true);
    expect(credentialPresent(key, request('token='))).toBe(false);
    const basic = { id: 'b', type: 'http', scheme: 'basic' };
    expect(credentialPresent(basic, request('', { authorization: 'Basic dTpw' }))).toBe(true);
    expect(credentialPresent(basic, request('', { authorization: 'Bearer x' }))).toBe(false);
    const cookie = { id: 'c', type: 'httpApiKey', in: 'cookie', name: 'sid' };
    expect(credentialPresent(cookie, request('', { cookie: 'a=1; sid=abc' }))).toBe(true);
    expect(credentialPlace({ id: 'x', type: 'X509' })).toBeUndefined();
  });
});
