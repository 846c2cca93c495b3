/** What a suite derived from a document contains, and what it says it could not derive. */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { deriveSuite, type DerivedCase } from '../../../conformance/derive/suite.js';
import { loadContract } from '../../../contract/load.js';
import { problemOf } from '../../../contract/match-message.js';
import type { ContractModel } from '../../../contract/model.js';

const ROOT = resolve(import.meta.dirname, '../../..');
async function load(file: string): Promise<ContractModel> {
  const r = await loadContract(resolve(ROOT, file));
  if (!r.ok) throw new Error(`${file} does not load`);
  return r.contract;
}
const kinds = (cases: DerivedCase[]) => cases.map((c) => c.kind);

describe('deriveSuite', () => {
  it('makes one endpoint of the channels on one address, with a request per receive operation and the correlation id set', async () => {
    const kraken = await load('test/fixtures/third-party/asyncapi-kraken-websocket.yaml');
    const suite = deriveSuite(kraken, { seed: 5, runs: 6 });
    expect(suite.endpoints).toHaveLength(1);
    const [e] = suite.endpoints;
    expect(e!.endpoint.path).toBe('/');
    expect(kinds(e!.cases)).toEqual(['connect', 'listen', 'request', 'request', 'request', 'robustness', 'property']);
    const requests = e!.cases.flatMap((c) => (c.kind === 'request' ? [c.request] : []));
    // No example: a schema sample with the optional `event` const, and a reqid to tell the reply by.
    expect(requests[0]).toMatchObject({ operation: 'receivePing', source: 'schema sample', frame: { event: 'ping', reqid: 7000 } });
    expect(requests[0]!.correlation).toEqual({ pointer: '/reqid', value: 7000, replyPointers: { pong: '/reqid' } });
    expect(requests[0]!.replies.map((m) => m.id)).toEqual(['pong']);
    for (const r of requests) expect(problemOf(r.message, r.frame)).toBeUndefined();
    const ping = e!.cases.find((c) => c.kind === 'request')!;
    expect(ping.from).toMatchObject({ channels: ['ping', 'pong', 'heartbeat', 'systemStatus', 'currencyInfo', 'subscribe', 'unsubscribe'], operation: 'receivePing', message: 'ping', schemaPath: '#/operations/receivePing/reply' });
    expect(suite.notDerived).toContainEqual({ what: 'correlation id echoed by subscriptionStatus (reply to subscribe)', reason: 'subscriptionStatus declares no correlationId' });
  });

  it('is the same suite for the same seed, and another for another seed', async () => {
    const kraken = await load('test/fixtures/third-party/asyncapi-kraken-websocket.yaml');
    const values = (seed: number) => JSON.stringify(deriveSuite(kraken, { seed, runs: 6 }).endpoints[0]!.cases.filter((c) => c.kind === 'robustness' || c.kind === 'property'));
    expect(values(5)).toBe(values(5));
    expect(values(5)).not.toBe(values(6));
  });

  it('takes address parameters from their enum, the query from the ws binding, and derives no requests where clients send nothing (Gemini)', async () => {
    const suite = deriveSuite(await load('test/fixtures/third-party/asyncapi-gemini-websocket.yaml'));
    const [e] = suite.endpoints;
    expect(e!.params).toEqual({ symbol: 'btcusd' });
    expect(e!.query).toEqual({ heartbeat: 'false', top_of_book: 'false', bids: 'true', offers: 'true', trades: 'true', auctions: 'true' });
    expect(kinds(e!.cases)).toEqual(['connect', 'listen', 'robustness']);
    expect(suite.notDerived.map((n) => n.what)).toContain('requests, typed bad frames and a property run on /v1/marketdata/{symbol}');
  });

  it('asks for a refusal where security is declared, under the server pathname (Slack RTM)', async () => {
    const suite = deriveSuite(await load('test/fixtures/third-party/asyncapi-slack-rtm.yaml'));
    const [e] = suite.endpoints;
    expect(e!.endpoint.path).toBe('/api/rtm.connect/');
    expect(e!.secured).toBe(true);
    expect(e!.cases[0]).toMatchObject({ kind: 'refused', from: { detail: 'declared: token (query parameter "token")' } });
    const request = e!.cases.find((c) => c.kind === 'request');
    expect(request && request.kind === 'request' && request.request.replies).toEqual([]);
    expect(request!.name).toMatch(/no reply declared: nothing expected/);
  });

  it('reports an example that violates its own schema instead of sending it', async () => {
    const loaded = await load('test/fixtures/third-party/asyncapi-kraken-websocket.yaml');
    const bad = [{ name: 'bad pair', payload: { event: 'subscribe', pair: 'XBT/EUR', subscription: { name: 'ticker' } } }];
    const kraken = { ...loaded, messages: loaded.messages.map((m) => (m.id === 'subscribe' ? { ...m, examples: bad } : m)) };
    const suite = deriveSuite(kraken);
    expect(suite.notDerived).toContainEqual({ what: 'subscribe: subscribe example "bad pair"', reason: 'it violates its own schema (/pair must be array)' });
    const names = suite.endpoints[0]!.cases.map((c) => c.name);
    expect(names.some((n) => n.includes('subscribe sends subscribe'))).toBe(false);
  });
});
