/**
 * The client honours each event's authority (phase-events: `phase.game_over` is a hint, the rest
 * state) against the real reference server: a hint is followed by the refetched state, never shown
 * alone; bursts of hints share reads; a state older than what the app has is never emitted; the
 * app can ask for the state itself. The state endpoint is read through an injected `fetch` that
 * counts, holds back or answers from a lagging replica — the socket side is the real server.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike, SnapshotInfo } from '../../client/index.js';
import { contract as phaseEvents } from '../../generated/phase-events/client.js';
import type { GameState } from '../../generated/phase-events/index.js';
import { contract as taskforge } from '../../generated/taskforge/client.js';
import type { ReferenceServer } from '../../server/index.js';
import { startServer, token } from '../server/helpers.js';
import { startFaultProxy, type FaultProxy } from '../support/ws-proxy.js';
import { closeClients, makeClient, publish, Recorder, teamToken } from './helpers.js';

let server: ReferenceServer;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  server = await startServer({ contracts: ['phase-events', 'taskforge'] });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  closeClients();
  await proxy?.close();
  proxy = undefined;
});

interface Read {
  url: string;
  authorization: string | undefined;
}

/**
 * The real fetch, recording each read of a game's state endpoint. `hold` (optional) runs after the
 * server answered and before the client sees the answer: a slow network, so the answer reflects
 * the state at the time of the request. `answer` may replace the body (a lagging replica).
 */
function stateFetch(options: { hold?: (read: number) => Promise<void>; answer?: (read: number, body: Record<string, unknown>) => Record<string, unknown> } = {}) {
  const reads: Read[] = [];
  const fetch: FetchLike = async (url, init) => {
    const isState = /\/api\/games\/[^/]+\/state/.test(url);
    const n = isState ? reads.push({ url, authorization: init.headers.authorization }) : 0;
    const res = await globalThis.fetch(url, init);
    const body = (await res.json()) as Record<string, unknown>;
    if (isState) await options.hold?.(n);
    const shown = isState && options.answer ? options.answer(n, body) : body;
    return { status: res.status, json: async () => shown };
  };
  return { reads, fetch };
}

/** Signals `answered()` after the server answered read 1, and holds that answer until `release()`. */
function holdFirstRead() {
  let release!: () => void;
  let answered!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const firstAnswered = new Promise<void>((r) => (answered = r));
  const hold = (n: number) => {
    if (n !== 1) return Promise.resolve();
    answered();
    return released;
  };
  return { hold, firstAnswered, release };
}

/** A `ws` WebSocket that counts the frames reaching the client's socket, before the client handles them. */
function countingSocket() {
  let received = 0;
  const waiters = new Set<() => void>();
  class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', () => {
        received++;
        for (const w of [...waiters]) w();
      });
    }
  }
  const atLeast = (n: number, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (received < n) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the socket received ${received} frames, not ${n}, within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { WebSocket: CountingWebSocket, received: () => received, atLeast };
}

/** Everything the app sees, in order: events and snapshots interleaved. */
type Seen = { kind: 'event'; type: string; seq: number; frame: Record<string, any> } | { kind: 'snapshot'; info: SnapshotInfo<typeof phaseEvents> };

async function game(options: { fetch?: FetchLike; getToken?: (gameId: string) => Promise<string | undefined>; url?: string; WebSocket?: unknown } = {}) {
  const gameId = randomUUID();
  const jwt = await token('phase-events', { sub: randomUUID(), games: [gameId] });
  const client = makeClient(phaseEvents, { url: options.url ?? server.url, httpUrl: server.httpUrl, token: jwt, fetch: options.fetch, getToken: options.getToken && (() => options.getToken!(gameId)), fallbackAfter: 1000, ...(options.WebSocket ? { WebSocket: options.WebSocket as any } : {}) });
  // Before the recorder: its waits check their condition when it records, after these ran.
  const seen: Seen[] = [];
  for (const type of phaseEvents.events) client.on(type, (frame: any, meta: { seq: number }) => seen.push({ kind: 'event', type, seq: meta.seq, frame }));
  client.on('snapshot', (info) => seen.push({ kind: 'snapshot', info }));
  const rec = new Recorder().attach(client);
  client.subscribe(gameId);
  await rec.nextJoin('connected');
  const trigger = (event: string, count = 1) => publish(server, 'phase-events', event, gameId, count);
  return { gameId, jwt, client, rec, seen, trigger };
}

const snapshots = (seen: Seen[]) => seen.flatMap((s) => (s.kind === 'snapshot' ? [s.info] : []));

describe('phase-events: a hint is shown as the refetched state', () => {
  it('phase.game_over is delivered, then the state endpoint is read and emitted with its result and the hint', async () => {
    const tokens: string[] = [];
    const { reads, fetch } = stateFetch();
    const g = await game({
      fetch,
      getToken: async (gameId) => {
        const t = (await token('phase-events', { sub: randomUUID(), games: [gameId] }))!;
        tokens.push(t);
        return t;
      },
    });
    await g.trigger('phase.lie_started');
    await g.trigger('phase.scoreboard');
    const [over] = await g.trigger('phase.game_over');
    await g.rec.waitFor(() => snapshots(g.seen).some((s) => s.cause === 'hint'), 'the hint’s snapshot');

    // The app saw the hint first, then the state that answers it; state events are not refetched.
    expect(g.seen.map((s) => (s.kind === 'event' ? s.type : `snapshot:${s.info.cause}`))).toEqual(['phase.lie_started', 'phase.scoreboard', 'phase.game_over', 'snapshot:hint']);
    const snap = snapshots(g.seen)[0]!;
    const state: GameState = snap.state;
    expect(snap.seq).toBeGreaterThanOrEqual(over!);
    expect(snap.hint).toMatchObject({ type: 'phase.game_over', seq: over });
    expect(state.status).toBe('finished');
    expect(state.result?.reason).toBe(snap.hint!.reason);
    expect(state.result?.roundsPlayed).toBeGreaterThanOrEqual(1);
    // One read, of this game's state endpoint, with a token from the callback.
    expect(reads).toHaveLength(1);
    expect(reads[0]!.url).toBe(`${server.httpUrl}/api/games/${g.gameId}/state`);
    expect(reads[0]!.authorization).toBe(`Bearer ${tokens.at(-1)}`);
  });

  it('a burst of hints during a read costs one read more, whose snapshot covers the newest hint', async () => {
    const held = holdFirstRead();
    const socket = countingSocket();
    const { reads, fetch } = stateFetch({ hold: held.hold });
    const g = await game({ fetch, WebSocket: socket.WebSocket });
    const [first] = await g.trigger('phase.game_over');
    await held.firstAnswered; // the answer reflects the first hint only, and waits
    const framesSoFar = socket.received();
    const rest = await g.trigger('phase.game_over', 4);
    await socket.atLeast(framesSoFar + 4); // the four hints reached the client while its read is held
    expect(g.seen).toHaveLength(1);
    held.release();
    await g.rec.waitFor(() => snapshots(g.seen).some((s) => s.hint?.seq === rest.at(-1)), 'a snapshot covering the newest hint');
    expect(reads).toHaveLength(2);
    // The first snapshot answers the first hint; the held hints follow in order; one snapshot answers them all.
    const order = g.seen.map((s) => (s.kind === 'event' ? s.seq : `snapshot@${s.info.seq}`));
    expect(order).toEqual([first, `snapshot@${first}`, ...rest, `snapshot@${rest.at(-1)}`]);
  });

  it('a state event arriving during the read is applied after the snapshot, never overwritten by it', async () => {
    const held = holdFirstRead();
    const socket = countingSocket();
    const { fetch } = stateFetch({ hold: held.hold });
    const g = await game({ fetch, WebSocket: socket.WebSocket });
    const [over] = await g.trigger('phase.game_over');
    await held.firstAnswered;
    const framesSoFar = socket.received();
    const [next] = await g.trigger('phase.lie_started'); // a rematch round, published while the read is in flight
    await socket.atLeast(framesSoFar + 1);
    held.release();
    await g.rec.waitFor(() => g.seen.some((s) => s.kind === 'event' && s.seq === next), 'the state event');
    expect(g.seen.map((s) => (s.kind === 'event' ? `${s.type}@${s.seq}` : `snapshot@${s.info.seq}`))).toEqual([`phase.game_over@${over}`, `snapshot@${over}`, `phase.lie_started@${next}`]);
  });

  it('a state endpoint behind the socket (a lagging replica) is not shown; the client reads again until it caught up', async () => {
    const g0 = { stale: undefined as Record<string, unknown> | undefined };
    const { reads, fetch } = stateFetch({ answer: (n, body) => (n <= 2 && g0.stale ? g0.stale : body) });
    const g = await game({ fetch });
    await g.trigger('phase.lie_started');
    const r = await globalThis.fetch(`${server.httpUrl}/api/games/${g.gameId}/state`, { headers: { authorization: `Bearer ${g.jwt}` } });
    g0.stale = (await r.json()) as Record<string, unknown>;
    const [over] = await g.trigger('phase.game_over');
    await g.rec.waitFor(() => snapshots(g.seen).length > 0, 'the caught-up snapshot');
    expect(reads).toHaveLength(3);
    expect(snapshots(g.seen).map((s) => [s.seq, s.state.status, s.hint?.seq])).toEqual([[over, 'finished', over]]);
    expect(g.rec.errors).toEqual([]);
  });

  it('a state endpoint that never catches up is reported, and its stale state is never emitted', async () => {
    const { reads, fetch } = stateFetch({ answer: (_n, body) => ({ ...body, seq: 0, status: 'lobby', result: null }) });
    const g = await game({ fetch });
    await g.trigger('phase.game_over');
    await g.rec.waitFor(() => g.rec.errors.some((e) => e.kind === 'stale-state'), 'the stale-state report', 15_000);
    expect(reads).toHaveLength(5);
    expect(snapshots(g.seen)).toEqual([]);
  });

  it('a hint published while the client is reconnecting is replayed, then refetched', async () => {
    proxy = await startFaultProxy(server);
    const g = await game({ url: proxy.url });
    await g.trigger('phase.lie_started');
    await g.rec.waitFor(() => g.seen.length === 1, 'live event');
    proxy.faults.blockUpgrades = true;
    const joins = g.rec.joins.length;
    proxy.killAll();
    await g.rec.waitForState('reconnecting');
    const [over] = await g.trigger('phase.game_over');
    proxy.faults.blockUpgrades = false;
    await g.rec.waitFor(() => g.rec.joins.length > joins, 'rejoined');
    await g.rec.waitFor(() => snapshots(g.seen).some((s) => s.cause === 'hint'), 'the hint’s snapshot');
    const snap = snapshots(g.seen).at(-1)!;
    expect([snap.seq, snap.state.status, snap.hint?.seq]).toEqual([over, 'finished', over]);
    expect(snap.state.result).not.toBeNull();
  });
});

describe('refresh(stream)', () => {
  it('reads the snapshot on demand and emits it with cause refresh', async () => {
    const g = await game();
    const [seq] = await g.trigger('phase.lie_started');
    await g.rec.waitFor(() => g.seen.length === 1, 'live event');
    await expect(g.client.refresh(g.gameId)).resolves.toBe(true);
    expect(snapshots(g.seen).map((s) => [s.cause, s.seq, s.state.status, s.hint])).toEqual([['refresh', seq, 'lie', undefined]]);
    await expect(g.client.refresh('another-game')).rejects.toThrow(/not subscribed/);
  });

  it('on a feed (taskforge) delivers what the cursor has not seen and emits no snapshot', async () => {
    const client = makeClient(taskforge, { url: server.url, token: await teamToken('t-refresh') });
    const rec = new Recorder().attach(client);
    client.subscribe('t-refresh', { after: 0 });
    await rec.nextJoin();
    const published = await publish(server, 'taskforge', 'activity', 't-refresh', 2);
    await rec.waitFor(() => rec.events.length === 2, 'live events');
    await expect(client.refresh('t-refresh')).resolves.toBe(true);
    expect(rec.seqs()).toEqual(published);
    expect(rec.snapshots).toEqual([]);
  });
});
