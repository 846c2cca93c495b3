import { describe, expect, it } from 'vitest';
import { correlationIdResolves } from '../../../../contract/lint/rules/correlation-id-resolves.js';
import { contract, frame } from '../../../support/contract-model.js';

const pong = (over: Parameters<typeof frame>[3]) => contract({ messages: [frame('pong', 'pong', 'server-to-client', over)] });
const payload = { type: 'object', properties: { type: { const: 'pong' }, meta: { type: 'object', properties: { reqid: { type: 'integer' } } } } };

describe('correlation-id-resolves', () => {
  it('is quiet for a location the payload or headers declare, and without a correlationId', () => {
    expect(correlationIdResolves.check(pong({ payload, correlationId: { location: '$message.payload#/meta/reqid' } }))).toEqual([]);
    expect(correlationIdResolves.check(pong({ headers: { type: 'object', properties: { 'x-id': {} } }, correlationId: { location: '$message.header#/x-id' } }))).toEqual([]);
    expect(correlationIdResolves.check(contract())).toEqual([]);
  });

  it('fires on a payload field the schema does not declare, naming the first missing segment', () => {
    expect(correlationIdResolves.check(pong({ payload, correlationId: { location: '$message.payload#/meta/requestId/x' } }))).toEqual([
      { path: ['channels', 'room', 'messages', 'pong', 'correlationId', 'location'], message: 'message "pong": correlationId $message.payload#/meta/requestId/x points at /meta/requestId, which its payload schema does not declare' },
    ]);
  });

  it('fires on a header the declared headers schema lacks', () => {
    const found = correlationIdResolves.check(pong({ headers: { type: 'object', properties: { traceId: {} } }, correlationId: { location: '$message.header#/correlationId' } }));
    expect(found.map((f) => f.message)).toEqual(['message "pong": correlationId $message.header#/correlationId points at /correlationId, which its headers schema does not declare']);
  });

  it('says nothing about a header when no headers schema is declared (a protocol header, e.g. AMQP correlation_id)', () => {
    expect(correlationIdResolves.check(pong({ correlationId: { location: '$message.header#/correlation_id' } }))).toEqual([]);
  });

  it('leaves a location that is not a runtime expression to the parser', () => {
    expect(correlationIdResolves.check(pong({ payload, correlationId: { location: 'reqid' } }))).toEqual([]);
  });
});
