/**
 * `specwire mock` in-process on two third-party documents, with real `ws` clients: validation and
 * error frames (the mock's own shape and the document's), request/reply from examples, triggered and
 * timed events reaching the right connections only, upgrade refusals, shutdown.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { silentLogger } from '../../../server/core/log.js';
import { firstProblem } from '../../../server/mock/inbound.js';
import { messageNamed } from '../../../server/mock/plan.js';
import { type MockServer, type MockServerOptions, startMockServer } from '../../../server/mock/server.js';
import { loadContract } from '../../../contract/load.js';
import type { ContractModel } from '../../../contract/model.js';
import { type Client, closeAll, connect, type Frame, open_ } from '../helpers.js';

const ROOT = resolve(import.meta.dirname, '../../..');
let greenhouse: ContractModel;
let chat: ContractModel;
let ticker: ContractModel;

async function load(file: string): Promise<ContractModel> {
  const r = await loadContract(resolve(ROOT, file));
  if (!r.ok) throw new Error(`${file} does not load: ${JSON.stringify(r.diagnostics)}`);
  return r.contract;
}

let kraken: ContractModel;

beforeAll(async () => {
  kraken = await load('test/fixtures/third-party/asyncapi-kraken-websocket.yaml');
  greenhouse = await load('test/fixtures/mock/greenhouse-controller.yaml');
  chat = await load('test/fixtures/codegen/chat-rooms.yaml');
  ticker = await load('test/fixtures/mock/without-examples.yaml');
});

const servers: MockServer[] = [];
afterEach(async () => {
  await closeAll();
  while (servers.length) await servers.pop()!.close();
});

async function start(model: ContractModel, options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(model, { logger: silentLogger, ...options });
  servers.push(server);
  return server;
}

/** Asserts `frame` is valid against the document's message `name` (the mock never sends an invalid frame). */
function expectValid(model: ContractModel, name: string, frame: unknown): void {
  const message = model.messages.find((m) => messageNamed(m, name));
  if (!message) throw new Error(`no message ${name}`);
  expect(firstProblem(message, frame)).toBeUndefined();
}

async function post(server: MockServer, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(server.triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** The greenhouse declares an `api_key` query parameter: the mock wants one, whatever its value. */
const KEY = '?api_key=any-value';
const zone = (s: MockServer, site: string, z: string) => open_(`${s.url}/v2/sites/${site}/zones/${z}/live${KEY}`);
const site = (s: MockServer, name: string) => open_(`${s.url}/v2/sites/${name}/events${KEY}`);

describe('routing', () => {
  it('serves channel addresses under the server pathname, parameters as path segments; anything else is refused with 404', async () => {
    const s = await start(greenhouse);
    expect(s.plan.channels.map((c) => c.path)).toEqual(['/v2/sites/{siteId}/zones/{zoneId}/live', '/v2/sites/{siteId}/events']);
    for (const path of ['/sites/north-farm/events', '/v2/sites/north-farm/zones/3', '/v2/sites/a/b/events', '/v3/sites/x/events']) {
      const r = await connect(`${s.url}${path}${KEY}`);
      expect(r.ok ? 'open' : r.status, path).toBe(404);
    }
    expect((await connect(`${s.url}/v2/sites/north-farm/zones/3/live${KEY}`)).ok).toBe(true);
    const plain = await fetch(`${s.httpUrl}/v2/sites/north-farm/events`);
    expect(plain.status).toBe(426);
    await plain.body?.cancel();
  });
});

describe('security', () => {
  it('refuses an upgrade without the declared credential with HTTP 401, accepts any value, and lets everyone in with auth: false', async () => {
    const s = await start(greenhouse);
    const url = `${s.url}/v2/sites/north-farm/events`;
    expect(await connect(url)).toMatchObject({ ok: false, status: 401 });
    expect(await connect(`${url}?api_key=`)).toMatchObject({ ok: false, status: 401 });
    expect((await connect(`${url}?api_key=whatever`)).ok).toBe(true);
    const open = await start(greenhouse, { auth: false });
    expect((await connect(`${open.url}/v2/sites/north-farm/events`)).ok).toBe(true);
  });

  it('reads bearer and header schemes from the upgrade headers', async () => {
    const bearer = { ...greenhouse, securitySchemes: [{ id: 'apiKey', type: 'http', scheme: 'bearer' }] };
    const s = await start(bearer);
    const url = `${s.url}/v2/sites/north-farm/events`;
    expect(await connect(url, { headers: { authorization: 'Basic abc' } })).toMatchObject({ ok: false, status: 401 });
    expect((await connect(url, { headers: { authorization: 'Bearer abc' } })).ok).toBe(true);
    const header = { ...greenhouse, securitySchemes: [{ id: 'apiKey', type: 'httpApiKey', in: 'header', name: 'X-Api-Key' }] };
    const h = await start(header);
    expect(await connect(`${h.url}/v2/sites/north-farm/events`)).toMatchObject({ ok: false, status: 401 });
    expect((await connect(`${h.url}/v2/sites/north-farm/events`, { headers: { 'x-api-key': 'k' } })).ok).toBe(true);
  });
});

describe('inbound frames', () => {
  it('accepts a valid frame silently: the next frame the client gets answers its following, invalid one', async () => {
    const s = await start(greenhouse);
    const c = await site(s, 'north-farm');
    c.send({ op: 'ack', serial: 'FAN-0042' });
    c.send({ op: 'ack', serial: 42 });
    const next = await c.next();
    expect(next).toEqual({ type: 'error', error: { code: 'invalid_message', message: 'invalid ack: /serial must be string', path: '/serial' } });
  });

  it('answers an invalid frame with the mock error frame naming the failing path: missing, extra and unknown', async () => {
    const s = await start(greenhouse);
    const c = await site(s, 'north-farm');
    c.send({ op: 'ack' });
    expect((await c.next()).error).toMatchObject({ code: 'invalid_message', path: '/serial' });
    c.send({ op: 'ack', serial: 'A', extra: true });
    expect((await c.next()).error).toMatchObject({ code: 'invalid_message', path: '/extra' });
    c.send({ op: 'acknowledge', serial: 'A' });
    expect((await c.next()).error).toEqual({
      code: 'unknown_message',
      message: 'unknown message: "op" is "acknowledge" (clients may send ack)',
      path: '/op',
      expected: ['ack'],
    });
  });

  it('answers with the document\'s own error message where it has one, still valid, carrying path and request id', async () => {
    const s = await start(greenhouse);
    const c = await zone(s, 'north-farm', '3');
    c.send({ op: 'set_setpoint', request_id: 'req-9', target_c: 99 });
    const err = await c.next();
    expectValid(greenhouse, 'command_error', err);
    expect(err).toEqual({ op: 'command_error', request_id: 'req-9', reason: 'malformed', detail: 'invalid set_setpoint: /target_c must be <= 35 (at /target_c)' });
  });

  it('uses a nested text field of the document\'s error message (chat: error.detail)', async () => {
    const s = await start(chat);
    expect(s.plan.basePath).toBe('');
    const c = await open_(`${s.url}/rooms/general`);
    c.send({ type: 'react', messageId: 'seventeen', emoji: '🎉' });
    const err = await c.next();
    expectValid(chat, 'server-error', err);
    expect(err.type).toBe('server-error');
    expect(err.error.detail).toBe('invalid react: /messageId must be integer (at /messageId)');
  });

  it('answers a non-JSON frame with an error and carries on, on that connection and the others', async () => {
    const s = await start(greenhouse);
    const a = await site(s, 'north-farm');
    const b = await zone(s, 'north-farm', '3');
    a.send('{"op": "ack", serial');
    expect(await a.next()).toEqual({ type: 'error', error: { code: 'not_json', message: 'frame is not valid JSON', path: '', expected: ['ack'] } });
    b.send('not json at all');
    const bErr = await b.next();
    expectValid(greenhouse, 'command_error', bErr);
    expect(bErr).toEqual({ op: 'command_error', reason: 'malformed', detail: 'frame is not valid JSON' });
    b.send({ op: 'get_state', request_id: 'after-garbage' });
    expect(await b.next()).toMatchObject({ op: 'zone_state', request_id: 'after-garbage' });
    a.send({ op: 'ack', serial: 1 });
    expect((await a.next()).error.path).toBe('/serial');
    expect(a.closed).toBeUndefined();
    expect(s.connections.size).toBe(2);
  });
});

describe('request/reply', () => {
  it('answers with the reply example, echoing the request fields the reply declares', async () => {
    const s = await start(greenhouse);
    const c = await zone(s, 'north-farm', '3');
    c.send({ op: 'get_state', request_id: 'q-1' });
    const reply = await c.next();
    expectValid(greenhouse, 'zone_state', reply);
    expect(reply).toEqual({ op: 'zone_state', request_id: 'q-1', zone_id: '3', mode: 'auto', setpoint_c: 21, latest: { temperature_c: 22.4, humidity_pct: 61 } });
  });

  it('chooses the reply example that matches the request, else the first, and never the error message', async () => {
    const s = await start(greenhouse);
    const c = await zone(s, 'north-farm', '3');
    c.send({ op: 'set_setpoint', request_id: 'r-3', target_c: 18 }); // equal to the request example "cooling"
    expect(await c.next()).toEqual({ op: 'setpoint_accepted', request_id: 'r-3', target_c: 18, direction: 'cooling', eta_s: 1500 });
    c.send({ op: 'set_setpoint', request_id: 'mine', target_c: 24 }); // agrees with "heating" on target_c
    expect(await c.next()).toEqual({ op: 'setpoint_accepted', request_id: 'mine', target_c: 24, direction: 'heating', eta_s: 900 });
    c.send({ op: 'set_setpoint', request_id: 'other', target_c: 30 }); // matches neither: the first, with the request's values
    const first = await c.next();
    expectValid(greenhouse, 'setpoint_accepted', first);
    expect(first).toEqual({ op: 'setpoint_accepted', request_id: 'other', target_c: 30, direction: 'heating', eta_s: 900 });
  });
});

describe('trigger hook', () => {
  it('sends a valid event to the connections of the right channel and parameters only', async () => {
    const s = await start(greenhouse);
    const z3 = await zone(s, 'north-farm', '3');
    const z4 = await zone(s, 'north-farm', '4');
    const other = await zone(s, 'south-farm', '3');
    const events = await site(s, 'north-farm');

    const r = await post(s, { message: 'reading', params: { siteId: 'north-farm', zoneId: '3' }, example: 'humidity' });
    expect(r).toEqual({ status: 200, json: { message: 'reading', delivered: 1 } });
    const got = await z3.next();
    expectValid(greenhouse, 'reading', got);
    expect(got).toMatchObject({ op: 'reading', sensor: 'humidity', zone_id: '3', site_id: 'north-farm' });

    // Without params: every connection of the channel, each with its own parameters adopted.
    const all = await post(s, { message: 'alarm_raised' });
    expect(all.json.delivered).toBe(3);
    expect(await z4.next()).toMatchObject({ op: 'alarm_raised', zone_id: '4' }); // not the reading before it
    expect(await other.next()).toMatchObject({ op: 'alarm_raised', zone_id: '3' });
    expect(await z3.next()).toMatchObject({ op: 'alarm_raised' });

    // An explicit payload field wins over the connection's parameter.
    expect((await post(s, { message: 'reading', params: { zoneId: '4' }, payload: { zone_id: 'override' } })).json.delivered).toBe(1);
    expect(await z4.next()).toMatchObject({ op: 'reading', zone_id: 'override' });

    const d = await post(s, { message: 'device_offline', params: { siteId: 'north-farm' }, payload: { serial: 'VALVE-7' } });
    expect(d.json.delivered).toBe(1);
    const ev = await events.next(); // the site channel saw none of the zone events before this one
    expectValid(greenhouse, 'device_offline', ev);
    expect(ev).toMatchObject({ op: 'device_offline', site_id: 'north-farm', serial: 'VALVE-7' });
  });

  it('refuses unknown messages, unknown parameters, bad examples and payloads that break the schema with 400', async () => {
    const s = await start(greenhouse);
    const c = await zone(s, 'north-farm', '3');
    expect((await post(s, { message: 'nope' })).json.error).toBe(
      'no server message "nope" (messages: reading, alarm_raised, command_error, zone_state, setpoint_accepted, device_online, device_offline)',
    );
    expect((await post(s, { message: 'reading', params: { zone: '3' } })).json.error).toContain('"params.zone"');
    expect((await post(s, { message: 'reading', example: 'pressure' })).json.error).toContain('no example "pressure" (examples: "temperature", "humidity")');
    const bad = await post(s, { message: 'reading', payload: { value: 'hot' } });
    expect(bad).toEqual({ status: 400, json: { error: 'reading with the given payload is invalid: /value must be number' } });
    expect((await post(s, { message: 'reading', count: 0 })).status).toBe(400);
    expect((await fetch(s.triggerUrl, { method: 'POST', body: '{' })).status).toBe(400);
    // None of those reached the client: the next frame is the one triggered now.
    expect((await post(s, { message: 'reading', count: 2 })).json.delivered).toBe(2);
    expect(await c.next()).toMatchObject({ op: 'reading', sensor: 'temperature' });
    expect(await c.next()).toMatchObject({ op: 'reading', sensor: 'temperature' });
  });
});

describe('documents without our conventions', () => {
  it('sends a message with a recursive schema and one without a discriminator (chat)', async () => {
    const s = await start(chat);
    const c = await open_(`${s.url}/rooms/general`);
    expect((await post(s, { message: 'thread-snapshot', params: { roomId: 'general' } })).json.delivered).toBe(1);
    const thread = await c.next();
    expectValid(chat, 'thread-snapshot', thread);
    expect(thread.root.replies[0].message.author).toBe('bob');
    expect((await post(s, { message: 'heartbeat' })).json.delivered).toBe(1);
    expect(await c.next()).toEqual({ at: '2025-01-02T03:04:05.678+01:00' });
  });
});

describe('a document without examples', () => {
  it('replies and emits samples built from the schemas, valid; client frames are still checked', async () => {
    const s = await start(ticker, { emitEveryMs: 15 });
    const c = await open_(`${s.url}/stream`);
    const quote = await c.next((f) => f.event === 'quote');
    expectValid(ticker, 'quote', quote);
    expect(Object.keys(quote).sort()).toEqual(['ask', 'at', 'bid', 'event', 'symbol', 'venue']);
    c.send({ action: 'subscribe', symbols: [] });
    const err = await c.next((f) => f.type === 'error');
    expect(err.error).toEqual({ code: 'invalid_message', message: 'invalid subscribe: /symbols must NOT have fewer than 1 items', path: '/symbols' });
    c.send({ action: 'subscribe', symbols: ['ACME'] });
    const reply = await c.next((f) => f.event === 'subscribed');
    expectValid(ticker, 'subscribed', reply);
  });

  it('says so, rather than sending something invalid, when the schema cannot be sampled', async () => {
    const withPattern = (payload: any) => ({ ...payload, properties: { ...payload.properties, symbol: { type: 'string', pattern: '^[A-Z]{4}$' } } });
    const unsatisfiable = { ...ticker, messages: ticker.messages.map((m) => (m.id === 'quote' ? { ...m, payload: withPattern(m.payload) } : m)) };
    const s = await start(unsatisfiable);
    const r = await post(s, { message: 'quote' });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('quote has no example, and the sample built from its schema is invalid (/symbol must match pattern "^[A-Z]{4}$"): add an example');
  });
});

describe('channels that share an address (Kraken: ping, subscribe, heartbeat… all on /)', () => {
  it('are one endpoint accepting every client message of those channels, dispatched by message', async () => {
    const s = await start(kraken);
    expect(s.plan.channels.map((c) => [c.path, c.channelIds])).toEqual([['/', ['ping', 'pong', 'heartbeat', 'systemStatus', 'currencyInfo', 'subscribe', 'unsubscribe']]]);
    const c = await open_(`${s.url}/`);
    c.send({ event: 'ping', reqid: 7 });
    // The reply's schema has no example: the sample keeps its optional `const` discriminator, and the correlation id comes back.
    expect(await c.next()).toEqual({ event: 'pong', reqid: 7 });
    c.send({ event: 'unsubscribe', reqid: 8, subscription: { name: 'ticker' } });
    const status = await c.next();
    expectValid(kraken, 'subscriptionStatus', status);
    expect(status).toMatchObject({ event: 'subscriptionStatus', reqid: 8 });
    c.send({ event: 'pong' });
    expect((await c.next()).error).toMatchObject({ code: 'unknown_message', path: '/event' });
  });

  it("never sends an example that violates its own schema (Kraken's subscriptionStatus examples): the sample instead", async () => {
    const s = await start(kraken);
    const c = await open_(`${s.url}/`);
    c.send({ event: 'subscribe', reqid: 9, subscription: { name: 'ohlc' } });
    const reply = await c.next();
    expect(reply.event).toBe('subscriptionStatus');
    expectValid(kraken, 'subscriptionStatus', reply);
    expect(reply.reqid).toBe(9);
  });

  it('--emit-every sends frames that carry their discriminator, never a bare {}', async () => {
    const s = await start(kraken, { emitEveryMs: 15 });
    const c = await open_(`${s.url}/`);
    const frames = [await c.next(), await c.next(), await c.next()];
    expect(new Set(frames.map((f) => f.event))).toEqual(new Set(['heartbeat', 'systemStatus']));
    for (const f of frames) expectValid(kraken, f.event, f);
  });
});

describe('--emit-every', () => {
  it('cycles through the channel\'s event examples in document order, each valid', async () => {
    const s = await start(greenhouse, { emitEveryMs: 15 });
    const c = await zone(s, 'north-farm', '7');
    const order = ['reading/temperature', 'reading/humidity', 'alarm_raised/undefined'];
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const f: Frame = await c.next();
      expectValid(greenhouse, f.op, f);
      expect(f.zone_id).toBe('7');
      seen.push(`${f.op}/${f.sensor}`);
    }
    const start0 = order.indexOf(seen[0]!);
    expect(start0).toBeGreaterThanOrEqual(0);
    expect(seen).toEqual([0, 1, 2, 3].map((i) => order[(start0 + i) % order.length]));
  });
});

describe('shutdown', () => {
  it('closes every client with 1001 and refuses new upgrades', async () => {
    const s = await start(greenhouse);
    const clients: Client[] = [await zone(s, 'a', '1'), await site(s, 'a')];
    const url = s.url;
    await s.close();
    for (const c of clients) expect((await c.waitClose()).code).toBe(1001);
    await expect(connect(`${url}/v2/sites/a/events`)).rejects.toThrow();
  });
});
