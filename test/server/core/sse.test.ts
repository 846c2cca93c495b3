/** Server-Sent Events on the reference server: the convention's wire, gates, resume, heartbeat, CORS. */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, getJson, hook, open_, openSse, startServer, token, trigger, until } from '../helpers.js';

const MT = 'media-timeline';
const LB = 'leaderboard';
const VIEWER = { sub: 'b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9', events: ['ev-1'] };
const OUTSIDER = { sub: '0a0b0c0d-1111-4222-8333-444455556666', events: ['ev-2'] };
const PLAYER = { sub: 'p-1', boards: ['spring'] };

afterEach(closeAll);

const timeline = async (server: { httpUrl: string }, query = '', user = VIEWER) => `${server.httpUrl}/api/sse/events/ev-1?token=${await token(MT, user)}${query}`;

describe('SSE stream', () => {
  it('answers text/event-stream without caching or proxy buffering, retry first, then connected without an id', async () => {
    const server = await startServer({ contracts: [MT] });
    const s = await openSse(await timeline(server));
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(s.headers['cache-control']).toBe('no-cache');
    expect(s.headers['x-accel-buffering']).toBe('no');
    const hello = await s.next();
    expect(s.retry).toBe(3000);
    expect(hello).toMatchObject({ event: 'connected', json: { type: 'connected', payload: { eventId: 'ev-1', lastSeq: 0, replaying: 0 } } });
    expect(hello.id).toBeUndefined();
  });

  it('sends each event with id = seq and event = type, the same JSON a WebSocket client gets', async () => {
    const server = await startServer({ contracts: [MT] });
    const s = await openSse(await timeline(server));
    const ws = await open_(`${server.url}/api/ws/events/ev-1?token=${await token(MT, VIEWER)}`);
    await s.next((e) => e.event === 'connected');
    await ws.next((f) => f.type === 'connected');
    await trigger(server, MT, 'media:new', 'ev-1', { count: 2 });
    const [a, b] = [await s.next(), await s.next()];
    expect([a.id, a.event, b.id, b.event]).toEqual(['1', 'media:new', '2', 'media:new']);
    const [wa, wb] = [await ws.next(), await ws.next()];
    expect(a.json).toEqual(wa);
    expect(b.json).toEqual(wb);
  });

  it('replays after the Last-Event-ID header, after ?lastEventId=, and lets the header win over the query', async () => {
    const server = await startServer({ contracts: [MT] });
    await trigger(server, MT, 'media:delete', 'ev-1', { count: 5 });
    const byHeader = await openSse(await timeline(server), { 'last-event-id': '3' });
    expect((await byHeader.next()).json).toMatchObject({ type: 'connected', payload: { lastSeq: 5, replaying: 2 } });
    expect([(await byHeader.next()).id, (await byHeader.next()).id]).toEqual(['4', '5']);
    const byQuery = await openSse(await timeline(server, '&lastEventId=4'));
    expect((await byQuery.next()).json.payload.replaying).toBe(1);
    expect((await byQuery.next()).id).toBe('5');
    // an EventSource keeps its first URL when it reconnects: the header is the newer position
    const both = await openSse(await timeline(server, '&lastEventId=1'), { 'last-event-id': '4' });
    expect((await both.next()).json.payload.replaying).toBe(1);
  });

  it('sends resync (without an id) when the resume point is older than the replay buffer', async () => {
    const server = await startServer({ contracts: [MT], limits: { replayBuffer: 2 } });
    await trigger(server, MT, 'event:status', 'ev-1', { count: 5 });
    const s = await openSse(await timeline(server), { 'last-event-id': '1' });
    await s.next((e) => e.event === 'connected');
    const resync = await s.next();
    expect(resync).toMatchObject({ event: 'resync', json: { type: 'resync', payload: { stream: 'ev-1', seq: 5, reason: 'gap_too_old' } } });
    expect(resync.id).toBeUndefined();
  });

  it('refuses with HTTP statuses before the stream: 401 token, 403 not a viewer, 400 unknown major, 405 not GET', async () => {
    const server = await startServer({ contracts: [MT] });
    expect((await openSse(await timeline(server, '', VIEWER).then((u) => u.replace(/token=[^&]+/, 'token=nope')))).status).toBe(401);
    expect((await openSse(`${server.httpUrl}/api/sse/events/ev-1`)).status).toBe(401);
    expect((await openSse(await timeline(server, '', OUTSIDER))).status).toBe(403);
    expect((await openSse(await timeline(server, '&v=9'))).status).toBe(400);
    expect((await fetch(await timeline(server), { method: 'POST' })).status).toBe(405);
    // a Bearer header works as well as ?token=
    const bearer = await openSse(`${server.httpUrl}/api/sse/events/ev-1`, { authorization: `Bearer ${await token(MT, VIEWER)}` });
    expect(bearer.status).toBe(200);
    // a WebSocket upgrade at the SSE address is not routed there
    await expect(open_(`${server.url}/api/sse/events/ev-1?token=${await token(MT, VIEWER)}`)).rejects.toThrow(/404/);
  });

  it('counts SSE streams and WebSockets against one per-IP budget (HTTP 429)', async () => {
    const server = await startServer({ contracts: [MT], limits: { connectionsPerIp: 2 } });
    await open_(`${server.url}/api/ws/events/ev-1?token=${await token(MT, VIEWER)}`);
    const first = await openSse(await timeline(server));
    expect(first.status).toBe(200);
    expect((await openSse(await timeline(server))).status).toBe(429);
    first.close();
    await until(() => server.metrics().contracts[MT]!.connections === 1, 3000, 'the closed stream released its slot');
    expect((await openSse(await timeline(server))).status).toBe(200);
  });

  it('leaderboard: one board per stream, greeted with subscribed and its position; another board is 403', async () => {
    const server = await startServer({ contracts: [LB] });
    await trigger(server, LB, 'points.updated', 'spring', { count: 2 });
    const url = async (board: string) => `${server.httpUrl}/sse/boards/${board}?token=${await token(LB, PLAYER)}`;
    const s = await openSse(await url('spring'));
    expect((await s.next()).json).toEqual({ type: 'subscribed', boardId: 'spring', seq: 2 });
    await trigger(server, LB, 'points.updated', 'spring');
    expect(await s.next()).toMatchObject({ id: '3', event: 'points.updated', json: { boardId: 'spring', seq: 3 } });
    expect((await openSse(await url('autumn'))).status).toBe(403);
  });

  it('sends `: ping` comments at the interval a test-hooks reset asks for', async () => {
    const server = await startServer({ contracts: [MT] });
    expect((await hook(server, '/reset', { contract: MT, heartbeat: { pingIntervalMs: 100 } })).status).toBe(200);
    const s = await openSse(await timeline(server));
    await s.waitComments(3);
    expect(s.comments.slice(0, 3)).toEqual(['ping', 'ping', 'ping']);
  });

  it('ends the streams on a reset and on shutdown', async () => {
    const server = await startServer({ contracts: [MT] });
    const s = await openSse(await timeline(server));
    await s.next();
    await hook(server, '/reset', { contract: MT });
    await s.waitEnd();
    const t = await openSse(await timeline(server));
    await t.next();
    await server.close();
    await t.waitEnd();
  });
});

describe('CORS for polling and SSE', () => {
  it('lets pages of allowed origins read both and preflight Authorization and Last-Event-ID; other origins get no CORS header', async () => {
    const server = await startServer({ contracts: [MT], allowedOrigins: ['https://app.example.com'] });
    const bearer = await token(MT, VIEWER);
    const poll = await fetch(`${server.httpUrl}/api/events/ev-1/timeline`, { headers: { origin: 'https://app.example.com', authorization: `Bearer ${bearer}` } });
    expect(poll.status).toBe(200);
    expect(poll.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const foreign = await fetch(`${server.httpUrl}/api/events/ev-1/timeline`, { headers: { origin: 'https://evil.example.net', authorization: `Bearer ${bearer}` } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const sse = await openSse(await timeline(server), { origin: 'https://app.example.com' });
    expect(sse.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const preflight = await fetch(`${server.httpUrl}/api/sse/events/ev-1`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'last-event-id' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('last-event-id');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreignPreflight = await fetch(`${server.httpUrl}/api/events/ev-1/timeline`, { method: 'OPTIONS', headers: { origin: 'https://evil.example.net', 'access-control-request-method': 'GET' } });
    expect(foreignPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('defaults to the contract\'s own allowedOrigins, and allows any origin where neither contract nor server names any', async () => {
    const server = await startServer({ contracts: [MT, LB] });
    const mtToken = await token(MT, VIEWER);
    const mtPoll = (origin: string) => fetch(`${server.httpUrl}/api/events/ev-1/timeline`, { headers: { origin, authorization: `Bearer ${mtToken}` } });
    // media-timeline declares allowedOrigins: the same list governs its handshakes and its CORS.
    expect((await mtPoll('https://events.example.com')).headers.get('access-control-allow-origin')).toBe('https://events.example.com');
    expect((await mtPoll('https://anywhere.example.org')).headers.get('access-control-allow-origin')).toBeNull();
    // leaderboard declares none: any origin may read its polling endpoint.
    const lbPoll = await fetch(`${server.httpUrl}/api/boards/spring/standings`, { headers: { origin: 'https://anywhere.example.org', authorization: `Bearer ${await token(LB, PLAYER)}` } });
    expect(lbPoll.headers.get('access-control-allow-origin')).toBe('https://anywhere.example.org');
  });
});
