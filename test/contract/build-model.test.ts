/**
 * What the model reads from third-party documents that ours do not exercise: operations and replies
 * without `messages` (every message of their channel), reply directions, `correlationId`, and the
 * channel's `bindings.ws`. The fixtures are the AsyncAPI project's own examples, unmodified.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadContract } from '../../contract/load.js';
import type { ContractModel } from '../../contract/model.js';

const THIRD_PARTY = resolve(import.meta.dirname, '../fixtures/third-party');

async function load(name: string): Promise<ContractModel> {
  const loaded = await loadContract(resolve(THIRD_PARTY, name));
  if (!loaded.ok) throw new Error(`${name} does not load: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  return loaded.contract;
}

describe('buildModel on third-party documents', () => {
  it('gives an operation without `messages` every message of its channel, and a reply without them every message of the reply channel (Kraken, one message per channel)', async () => {
    const kraken = await load('asyncapi-kraken-websocket.yaml');
    const op = (id: string) => kraken.operations.find((o) => o.id === id)!;
    expect(op('receivePing').messageIds).toEqual(['ping']);
    expect(op('receivePing').replyMessageIds).toEqual(['pong']);
    expect(op('subscribe').replyMessageIds).toEqual(['subscriptionStatus', 'dummyCurrencyInfo']);
    // An explicit reply list still wins over the channel's messages.
    expect(op('unsubscribe').replyMessageIds).toEqual(['subscriptionStatus']);
    expect(op('heartbeat').messageIds).toEqual(['heartbeat']);
  });

  it('marks reply messages as travelling the other way than the request', async () => {
    const kraken = await load('asyncapi-kraken-websocket.yaml');
    const message = (id: string) => kraken.messages.find((m) => m.id === id)!;
    expect(message('pong').directions).toEqual(['server-to-client']);
    expect(message('subscriptionStatus').directions).toEqual(['server-to-client']);
    expect(message('ping').directions).toEqual(['client-to-server']);
  });

  it('reads correlationId locations, quoted or not', async () => {
    for (const file of ['asyncapi-kraken-websocket.yaml', 'asyncapi-kraken-websocket-reply-filter.yaml']) {
      const kraken = await load(file);
      expect(kraken.messages.find((m) => m.id === 'ping')!.correlationId).toEqual({ location: '$message.payload#/reqid' });
      expect(kraken.messages.find((m) => m.id === 'heartbeat')!.correlationId).toBeUndefined();
    }
  });

  it("reads a channel's ws binding (Gemini's query parameters)", async () => {
    const gemini = await load('asyncapi-gemini-websocket.yaml');
    const binding = gemini.channels[0]!.wsBinding!;
    expect(Object.keys((binding.query as { properties: object }).properties)).toEqual(['heartbeat', 'top_of_book', 'bids', 'offers', 'trades', 'auctions']);
    expect(binding.headers).toBeUndefined();
    const kraken = await load('asyncapi-kraken-websocket.yaml');
    expect(kraken.channels.every((c) => c.wsBinding === undefined)).toBe(true);
  });
});
