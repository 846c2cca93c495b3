/**
 * The fallback chain against the real reference server behind a proxy that can block each
 * transport: WebSocket → Server-Sent Events → polling, and back up, with the sequence the app sees
 * strictly increasing (nothing twice) and every published event either delivered or covered by a
 * snapshot the client read (nothing lost). Node's EventSource is the `eventsource` package.
 */
import { EventSource } from 'eventsource';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract as leaderboard } from '../../generated/leaderboard/client.js';
import { contract as mediaTimeline } from '../../generated/media-timeline/client.js';
import type { ReferenceServer } from '../../server/index.js';
import { startServer, token } from '../server/helpers.js';
import { startFaultProxy, type FaultProxy } from '../support/ws-proxy.js';
import { closeClients, makeClient, publish, range, Recorder } from './helpers.js';

let server: ReferenceServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startServer({ contracts: ['media-timeline', 'leaderboard'], heartbeat: { idleTimeoutMs: 60_000 } });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  closeClients();
  await proxy?.close();
});

describe('client fallback chain over the reference server', () => {
  it('moves to SSE when the WebSocket path is blocked, and back up to the WebSocket when it opens again, losing and doubling nothing', async () => {
    proxy = await startFaultProxy(server, { blockUpgrades: true });
    const client = makeClient(mediaTimeline, { url: proxy.url, token: await token('media-timeline', { sub: 'u-1', events: ['ev-sse'] }), EventSource: EventSource as never, fallbackAfter: 2, upgradeProbeMs: 300 });
    const rec = new Recorder().attach(client);
    client.subscribe('ev-sse');
    await rec.waitFor(() => client.transport === 'sse', 'on SSE after the refused upgrades');
    expect(proxy.refused).toBeGreaterThanOrEqual(2);
    expect(rec.states.find((s) => s.state === 'open')).toMatchObject({ transport: 'sse' });
    const published = await publish(server, 'media-timeline', 'media:delete', 'ev-sse', 3);
    await rec.waitFor(() => rec.seqs().length === 3, 'three events over SSE');
    // The WebSocket path opens again: the probe takes over, resuming after the cursor.
    proxy.faults.blockUpgrades = false;
    published.push(...(await publish(server, 'media-timeline', 'media:delete', 'ev-sse', 2)));
    await rec.waitFor(() => client.transport === 'websocket', 'back on the WebSocket');
    published.push(...(await publish(server, 'media-timeline', 'media:delete', 'ev-sse', 3)));
    await rec.waitFor(() => rec.seqs().length === published.length, 'every event once');
    expect(rec.seqs()).toEqual(published);
    expect(rec.seqs()).toEqual(range(1, 8));
    expect(rec.errors.filter((e) => e.kind !== 'handler')).toEqual([]);
  });

  it('on SSE, a dropped stream resumes from its last event id: the gap is replayed once', async () => {
    proxy = await startFaultProxy(server, { blockUpgrades: true });
    const client = makeClient(mediaTimeline, { url: proxy.url, token: await token('media-timeline', { sub: 'u-1', events: ['ev-drop'] }), EventSource: EventSource as never, fallbackAfter: 3, upgradeProbeMs: 60_000 });
    const rec = new Recorder().attach(client);
    client.subscribe('ev-drop');
    await rec.waitFor(() => client.transport === 'sse', 'on SSE');
    await publish(server, 'media-timeline', 'media:delete', 'ev-drop', 2);
    await rec.waitFor(() => rec.seqs().length === 2, 'two events');
    const streams = proxy.eventStreams;
    proxy.killAll();
    await publish(server, 'media-timeline', 'media:delete', 'ev-drop', 3);
    await rec.waitFor(() => proxy.eventStreams > streams && rec.seqs().length === 5, 'the gap replayed after the new stream');
    expect(rec.seqs()).toEqual(range(1, 5));
    expect(rec.snapshots).toEqual([]); // replayed by the server, not refetched
  });

  it('falls to polling when SSE is blocked too, and climbs back to SSE: snapshots and events never go backwards', async () => {
    proxy = await startFaultProxy(server, { blockUpgrades: true, blockEventStreams: true });
    const client = makeClient(mediaTimeline, { url: proxy.url, token: await token('media-timeline', { sub: 'u-1', events: ['ev-poll'] }), EventSource: EventSource as never, fallbackAfter: 1, upgradeProbeMs: 60_000 });
    const rec = new Recorder().attach(client);
    client.subscribe('ev-poll');
    await rec.waitFor(() => client.transport === 'polling', 'polling with both transports blocked');
    await publish(server, 'media-timeline', 'media:delete', 'ev-poll', 2);
    await rec.waitFor(() => rec.snapshots.some((s) => s.seq === 2), 'a snapshot at seq 2');
    proxy.faults.blockEventStreams = false;
    await rec.waitFor(() => client.transport === 'sse', 'back up to SSE');
    await publish(server, 'media-timeline', 'media:delete', 'ev-poll', 2);
    await rec.waitFor(() => rec.seqs().includes(4), 'live events over SSE');
    // 1 and 2 came as the snapshot the polling read; SSE resumed after it: 3 and 4, once each.
    expect(rec.seqs()).toEqual([3, 4]);
  });

  it('leaderboard: one EventSource per board, each resuming on its own', async () => {
    proxy = await startFaultProxy(server, { blockUpgrades: true });
    const client = makeClient(leaderboard, { url: proxy.url, token: await token('leaderboard', { sub: 'p-1', boards: ['b-1', 'b-2'] }), EventSource: EventSource as never, fallbackAfter: 1, upgradeProbeMs: 60_000 });
    const rec = new Recorder().attach(client);
    client.subscribe('b-1');
    await rec.waitFor(() => client.transport === 'sse', 'on SSE');
    client.subscribe('b-2');
    await rec.waitFor(() => rec.joins.filter((j) => j.stream === 'b-2').length === 1, 'b-2 joined over its own stream');
    await publish(server, 'leaderboard', 'points.updated', 'b-1', 2);
    await publish(server, 'leaderboard', 'points.updated', 'b-2', 3);
    await rec.waitFor(() => rec.seqs('b-1').length === 2 && rec.seqs('b-2').length === 3, 'both boards');
    expect(rec.seqs('b-1')).toEqual([1, 2]);
    expect(rec.seqs('b-2')).toEqual([1, 2, 3]);
    expect(proxy.eventStreams).toBe(2);
  });
});
