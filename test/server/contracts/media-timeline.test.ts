/** Media timeline on the reference server: envelope frames, address-named stream, topics, throttle, timeline polling. */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../protocol/close-codes.js';
import { loadContract } from '../../../contract/load.js';
import { compileSchema } from '../../../contract/schema-validator.js';
import { closeAll, connect, getJson, open_, startServer, token, trigger } from '../helpers.js';

const VIEWER = { sub: 'b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9', events: ['ev-1'] };
const OUTSIDER = { sub: '0a0b0c0d-1111-4222-8333-444455556666', events: ['ev-2'] };
const MT = 'media-timeline';

afterEach(closeAll);

async function viewer(server: { url: string }, query = '', user = VIEWER) {
  const c = await open_(`${server.url}/api/ws/events/ev-1?token=${await token(MT, user)}${query}`);
  return c;
}

describe('media-timeline handshake', () => {
  it('refuses a bad token with 401 and a non-viewer with 403 before the upgrade; greets a viewer with connected', async () => {
    const server = await startServer({ contracts: [MT] });
    expect(await connect(`${server.url}/api/ws/events/ev-1?token=${await token(MT, VIEWER, 'expired')}`)).toEqual({ ok: false, status: 401 });
    expect(await connect(`${server.url}/api/ws/events/ev-1?token=${await token(MT, OUTSIDER)}`)).toEqual({ ok: false, status: 403 });
    const c = await viewer(server);
    expect(await c.next()).toMatchObject({ type: 'connected', payload: { eventId: 'ev-1', lastSeq: 0, status: 'scheduled', topics: ['media', 'status'], replaying: 0 } });
  });

  it('closes ?v=9 with 4406 and serves ?v=1', async () => {
    const server = await startServer({ contracts: [MT] });
    expect((await (await viewer(server, '&v=9')).waitClose()).code).toBe(CloseCode.UnsupportedVersion);
    expect((await (await viewer(server, '&v=1')).next()).type).toBe('connected');
  });
});

describe('media-timeline delivery', () => {
  it('resumes with ?lastSeq=: connected says how many follow, then exactly the missed events', async () => {
    const server = await startServer({ contracts: [MT] });
    await trigger(server, MT, 'media:new', 'ev-1', { count: 2 });
    await trigger(server, MT, 'media:delete', 'ev-1', { count: 3 });
    const c = await viewer(server, '&lastSeq=2');
    expect(await c.next()).toMatchObject({ type: 'connected', payload: { lastSeq: 5, replaying: 3 } });
    for (const seq of [3, 4, 5]) expect(await c.next()).toMatchObject({ type: 'media:delete', seq, payload: { eventId: 'ev-1' } });
  });

  it('answers resync after connected when ?lastSeq= is older than the buffer', async () => {
    const server = await startServer({ contracts: [MT], limits: { replayBuffer: 2 } });
    await trigger(server, MT, 'event:status', 'ev-1', { count: 5 });
    const c = await viewer(server, '&lastSeq=1');
    expect(await c.next()).toMatchObject({ type: 'connected', payload: { lastSeq: 5, replaying: 0 } });
    expect(await c.next()).toEqual({ type: 'resync', payload: { stream: 'ev-1', seq: 5, reason: 'gap_too_old' } });
  });

  it('filters by topic: unsubscribe media keeps status, pause stops all, subscribe with lastSeq replays the pause', async () => {
    const server = await startServer({ contracts: [MT] });
    const c = await viewer(server);
    await c.next();
    c.send({ type: 'unsubscribe', payload: { topics: ['media'] } });
    await c.barrier('b1', true);
    await trigger(server, MT, 'media:new', 'ev-1');
    await trigger(server, MT, 'event:status', 'ev-1');
    expect(await c.next((f) => f.type !== 'pong')).toMatchObject({ type: 'event:status', seq: 2 });
    c.send({ type: 'unsubscribe' });
    await c.barrier('b2', true);
    await trigger(server, MT, 'event:status', 'ev-1');
    await c.barrier('b3', true);
    expect(c.pending().filter((f) => f.type !== 'pong')).toEqual([]);
    c.send({ type: 'subscribe', payload: { lastSeq: 2 } });
    expect(await c.next((f) => f.type !== 'pong')).toMatchObject({ type: 'event:status', seq: 3 });
  });

  it('throttles media:update: the first at once, the rest of the window batched into one frame with each item once', async () => {
    const server = await startServer({ contracts: [MT], limits: { throttleWindowMs: 200 } });
    const c = await viewer(server);
    await c.next();
    const seqs = await trigger(server, MT, 'media:update', 'ev-1', { count: 4 });
    expect(seqs).toEqual([1, 2, 2, 2]);
    const first = await c.next();
    const batch = await c.next();
    expect(first).toMatchObject({ type: 'media:update', seq: 1 });
    expect(batch).toMatchObject({ type: 'media:update', seq: 2 });
    const ids = batch.payload.items.map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(batch.payload.items.every((i: { eventId: string }) => i.eventId === 'ev-1')).toBe(true);
  });

  it('answers malformed frames in the envelope and keeps serving', async () => {
    const server = await startServer({ contracts: [MT] });
    const c = await viewer(server);
    await c.next();
    c.send('{"type": "subscribe", ');
    expect(await c.next()).toEqual({ type: 'error', payload: { code: 'bad_frame', message: 'frame is not valid JSON' } });
    c.send({ type: 'subscribe', payload: { topics: ['gossip'] } });
    expect(await c.next()).toMatchObject({ type: 'error', payload: { code: 'invalid_payload', ref: 'subscribe' } });
    c.send({ type: 'ping', payload: { id: 'still-open' } });
    expect(await c.next()).toMatchObject({ type: 'pong', payload: { id: 'still-open' } });
  });
});

describe('media-timeline polling', () => {
  it('serves the timeline the events describe: new, update, delete and status applied, valid against Timeline', async () => {
    const loaded = await loadContract('asyncapi/media-timeline.yaml');
    if (!loaded.ok) throw new Error('media-timeline does not load');
    const validate = compileSchema(loaded.contract.specwire!.polling![0]!.response!);
    const server = await startServer({ contracts: [MT] });
    const c = await viewer(server);
    await c.next();
    const photo = { id: '11111111-1111-4111-8111-111111111111' };
    const clip = { id: '22222222-2222-4222-8222-222222222222', kind: 'video' };
    await trigger(server, MT, 'media:new', 'ev-1', { payload: { payload: photo } });
    await trigger(server, MT, 'media:new', 'ev-1', { payload: { payload: clip } });
    await trigger(server, MT, 'media:update', 'ev-1', { payload: { payload: { items: [{ ...(await c.next()).payload, caption: 'edited' }] } } });
    await trigger(server, MT, 'event:status', 'ev-1');
    const t = await token(MT, VIEWER);
    let snapshot = await getJson(`${server.httpUrl}/api/events/ev-1/timeline`, t);
    expect(validate.ok && validate.fn(snapshot.json)).toBe(true);
    expect(snapshot.json).toMatchObject({ eventId: 'ev-1', seq: 4, status: 'live', hasMore: false });
    expect(snapshot.json.items.map((m: { id: string; caption: string }) => [m.id, m.caption])).toEqual([
      [clip.id, expect.any(String)],
      [photo.id, 'edited'],
    ]);
    await trigger(server, MT, 'media:delete', 'ev-1', { payload: { payload: { id: photo.id } } });
    snapshot = await getJson(`${server.httpUrl}/api/events/ev-1/timeline?limit=1`, t);
    expect(snapshot.json).toMatchObject({ seq: 5, items: [{ id: clip.id }], hasMore: false });
    expect((await getJson(`${server.httpUrl}/api/events/ev-1/timeline`, await token(MT, OUTSIDER))).status).toBe(403);
  });
});
