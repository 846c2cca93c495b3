/**
 * The framework-neutral stream store (client/store.ts) against the real reference server: one
 * subscription shared by every listener and released after the last; the state a view shows is a
 * snapshot plus the state events after it, and a hint is pending until its refetched state arrives;
 * memory stays bounded (a fresh snapshot for snapshot streams, the newest events for feeds).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stateSelector, streamStore, type StreamStore, type StreamView } from '../../client/index.js';
import { contract as mediaTimeline } from '../../generated/media-timeline/client.js';
import type { Media, Timeline } from '../../generated/media-timeline/index.js';
import { contract as phaseEvents } from '../../generated/phase-events/client.js';
import { contract as taskforge } from '../../generated/taskforge/client.js';
import type { ReferenceServer } from '../../server/index.js';
import { startServer, token } from '../server/helpers.js';
import { closeClients, makeClient, postMedia, publish, teamToken } from './helpers.js';

let server: ReferenceServer;

beforeAll(async () => {
  server = await startServer({ contracts: ['phase-events', 'media-timeline', 'taskforge'] });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => closeClients());

/** Listens to a store and waits, with a deadline, until its view satisfies a condition. */
function watch<C extends Parameters<typeof streamStore>[0]['contract']>(store: StreamStore<C>) {
  const waiters = new Set<() => void>();
  const views: StreamView<C>[] = [];
  const unsubscribe = store.subscribe(() => {
    views.push(store.getSnapshot());
    for (const w of [...waiters]) w();
  });
  const until = (predicate: (view: StreamView<C>) => boolean, what: string, timeoutMs = 10_000) =>
    new Promise<StreamView<C>>((resolve, reject) => {
      const check = () => {
        if (!predicate(store.getSnapshot())) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(store.getSnapshot());
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${what}: not reached within ${timeoutMs} ms; view ${JSON.stringify(store.getSnapshot()).slice(0, 600)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { views, until, unsubscribe };
}

/** Resolves after pending timers of this turn (the store releases a stream a moment after its last listener). */
const nextTurn = () => new Promise((r) => setTimeout(r, 5));

describe('stream store', () => {
  it('shares one subscription between listeners and releases it after the last one leaves', async () => {
    const client = makeClient(taskforge, { url: server.url, token: await teamToken('s-share') });
    let subscribes = 0;
    const subscribe = client.subscribe.bind(client);
    client.subscribe = (stream, options) => {
      subscribes++;
      subscribe(stream, options);
    };
    const a = watch(streamStore(client, 's-share'));
    const b = watch(streamStore(client, 's-share'));
    expect(streamStore(client, 's-share')).toBe(streamStore(client, 's-share'));
    await a.until((v) => v.connection === 'open' && v.seq !== undefined, 'joined');
    const seqs = await publish(server, 'taskforge', 'activity', 's-share', 2);
    const seen = await b.until((v) => v.events.length === 2, 'two events');
    expect(seen.events.map((e) => e.seq)).toEqual(seqs);
    expect(a.views.at(-1)).toBe(b.views.at(-1)); // one view object, shared
    expect(subscribes).toBe(1);
    a.unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-share')).toBe(true);
    b.unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-share')).toBe(false);
  });

  it('a store restarted after its release and a fresh one of the same stream never end each other’s subscription', async () => {
    const client = makeClient(taskforge, { url: server.url, token: await teamToken('s-restart') });
    const first = streamStore(client, 's-restart');
    watch(first).unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-restart')).toBe(false);
    const fresh = streamStore(client, 's-restart');
    expect(fresh).not.toBe(first);
    const b = watch(fresh);
    const a = watch(first); // a component that kept the released store subscribes again
    b.unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-restart')).toBe(true);
    a.unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-restart')).toBe(false);
  });

  it('leaves a subscription the app made itself in place', async () => {
    const client = makeClient(taskforge, { url: server.url, token: await teamToken('s-own') });
    client.subscribe('s-own');
    const w = watch(streamStore(client, 's-own'));
    await w.until((v) => v.connection === 'open', 'open');
    w.unsubscribe();
    await nextTurn();
    expect(client.isSubscribed('s-own')).toBe(true);
  });

  it('phase-events: loads the state, applies state events, holds a hint as pending until its refetched state', async () => {
    const gameId = randomUUID();
    const client = makeClient(phaseEvents, { url: server.url, httpUrl: server.httpUrl, token: await token('phase-events', { sub: randomUUID(), games: [gameId] }) });
    const w = watch(streamStore(client, gameId));
    const loaded = await w.until((v) => v.snapshot !== undefined, 'initial state');
    expect([loaded.snapshot!.cause, loaded.snapshot!.state.status]).toEqual(['refresh', 'lobby']);
    const [lie] = await publish(server, 'phase-events', 'phase.lie_started', gameId);
    const afterLie = await w.until((v) => v.seq === lie, 'the lie phase');
    expect(afterLie.events.map((e) => e.message.type)).toEqual(['phase.lie_started']);
    const [over] = await publish(server, 'phase-events', 'phase.game_over', gameId);
    const final = await w.until((v) => v.snapshot?.seq === over && v.pendingHint === undefined, 'the state after the hint');
    // The hint was pending in between and never became an event of the view.
    expect(w.views.some((v) => v.pendingHint?.type === 'phase.game_over' && v.snapshot?.seq === loaded.snapshot!.seq)).toBe(true);
    expect(w.views.flatMap((v) => v.events.map((e) => e.message.type))).not.toContain('phase.game_over');
    expect(final.snapshot!.state.status).toBe('finished');
    expect(final.snapshot!.state.result).not.toBeNull();
    expect(final.events).toEqual([]);
    w.unsubscribe();
  });

  it('media-timeline: stateSelector folds the events after the snapshot into its items, incrementally', async () => {
    const eventId = randomUUID();
    await postMedia(server, eventId, 1); // already there when the app starts: comes with the snapshot
    const client = makeClient(mediaTimeline, { url: server.url, httpUrl: server.httpUrl, token: await token('media-timeline', { sub: 'viewer', events: [eventId] }) });
    const store = streamStore(client, eventId);
    let folds = 0;
    const select = stateSelector<typeof mediaTimeline>((state, event) => {
      folds++;
      if (event.type !== 'media:new') return state;
      return { ...state, items: [event.payload as Media, ...state.items] };
    });
    const w = watch(store);
    await w.until((v) => v.snapshot !== undefined && v.connection === 'open', 'loaded and open');
    await postMedia(server, eventId, 2);
    const view = await w.until((v) => v.events.length === 2, 'two live items');
    const state: Timeline | undefined = select(view);
    expect(state!.items.map((m) => m.caption)).toEqual(['item 1', 'item 0', 'item 0']);
    expect(select(view)).toBe(state);
    expect(folds).toBe(2);
    w.unsubscribe();
  });

  it('bounds memory: a snapshot stream asks for a fresh snapshot past maxEvents, a feed keeps the newest', async () => {
    const eventId = randomUUID();
    const media = makeClient(mediaTimeline, { url: server.url, httpUrl: server.httpUrl, token: await token('media-timeline', { sub: 'viewer', events: [eventId] }) });
    const timeline = watch(streamStore(media, eventId, { maxEvents: 3, load: false }));
    await timeline.until((v) => v.connection === 'open' && v.seq !== undefined, 'open');
    const seqs = await postMedia(server, eventId, 5);
    const compacted = await timeline.until((v) => v.snapshot !== undefined && v.seq === seqs.at(-1), 'a fresh snapshot');
    expect(compacted.events.length).toBeLessThanOrEqual(3);

    const tasks = makeClient(taskforge, { url: server.url, token: await teamToken('s-feed') });
    const feed = watch(streamStore(tasks, 's-feed', { maxEvents: 3 }));
    await feed.until((v) => v.connection === 'open' && v.seq !== undefined, 'joined');
    const published = await publish(server, 'taskforge', 'activity', 's-feed', 5);
    const last = await feed.until((v) => v.seq === published.at(-1), 'five events');
    expect(last.events.map((e) => e.seq)).toEqual(published.slice(-3));
    expect(last.snapshot).toBeUndefined();
    timeline.unsubscribe();
    feed.unsubscribe();
  });
});
