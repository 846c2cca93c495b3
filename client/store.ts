/**
 * A stream as a value an app can render: `streamStore(client, stream)` keeps the latest snapshot,
 * the state events after it, the hint awaiting its state, the connection state and the last error,
 * behind `subscribe(listener)` / `getSnapshot()` — the shape React's `useSyncExternalStore` (and
 * most other frameworks' stores) consume. No framework code here: `specwire/react` is a thin layer.
 *
 * One store per client and stream, shared by everyone who asks for it: the first listener
 * subscribes the client to the stream (unless the app already had), the last one leaving
 * unsubscribes it — a moment later, so a component that remounts at once keeps the subscription.
 */
import type { ClientContract } from './contract.js';
import type { ClientError, ClientState, EventMessage, HintMessage, RealtimeClient, SnapshotInfo, StateOf } from './types.js';

export interface StreamEntry<C extends ClientContract<any>> {
  seq: number;
  message: EventMessage<C>;
}

/** What a stream looks like now. A new object on every change, the same one otherwise. */
export interface StreamView<C extends ClientContract<any>> {
  readonly stream: string | undefined;
  /** The client's connection state (`open`, `reconnecting`, `polling`, …), for a banner. */
  readonly connection: ClientState;
  /** The latest state read from the stream's snapshot endpoint; undefined until one was read. */
  readonly snapshot: SnapshotInfo<C> | undefined;
  /**
   * State events delivered after `snapshot`, in seq order: apply them on top of it (see
   * `stateSelector`). A stream served by a feed has no snapshot: this is its event list (the newest
   * `maxEvents`). Hint events are never here: their payload is not state.
   */
  readonly events: readonly StreamEntry<C>[];
  /** Last seq applied. */
  readonly seq: number | undefined;
  /** A hint whose state is being fetched: show the current state as about to change, not the hint as truth. */
  readonly pendingHint: HintMessage<C> | undefined;
  /** The last error about this stream or the connection (cleared by nothing: compare with `connection`). */
  readonly error: ClientError | undefined;
}

export interface StreamStoreOptions {
  /**
   * Events kept in `events`. When a snapshot-served stream collects more, the store asks for a
   * fresh snapshot (so memory stays bounded and the state correct); a feed drops the oldest.
   * Default 1000. Options count only when the store is created (the first caller's).
   */
  maxEvents?: number;
  /** Read the state once when the first listener arrives (snapshot-served streams). Default true. */
  load?: boolean;
}

export interface StreamStore<C extends ClientContract<any>> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): StreamView<C>;
  /** `client.refresh(stream)`: reads the state now. */
  refresh(): Promise<boolean>;
}

/**
 * Per client: the store of each stream, and who holds the client's subscription to it. Holding is
 * counted per stream, not per store, so a store that restarts after it was released (a component
 * that kept it) and a fresh one never unsubscribe each other's stream.
 */
interface ClientStreams {
  stores: Map<string, StreamStore<any>>;
  holders: Map<string, { count: number; owned: boolean }>;
}

const registry = new WeakMap<object, ClientStreams>();

function streamsOf(client: RealtimeClient<any>): ClientStreams {
  let r = registry.get(client);
  if (!r) registry.set(client, (r = { stores: new Map(), holders: new Map() }));
  return r;
}

/** The shared store of `stream` on `client` (created on first use). */
export function streamStore<C extends ClientContract<any>>(client: RealtimeClient<C>, stream: string, options: StreamStoreOptions = {}): StreamStore<C> {
  const { stores } = streamsOf(client);
  let store = stores.get(stream) as StreamStore<C> | undefined;
  if (!store) stores.set(stream, (store = createStore(client, stream, options)));
  return store;
}

/** Subscribes the client to `stream` for its first holder, unless the app already had. */
function hold(client: RealtimeClient<any>, stream: string): void {
  const { holders } = streamsOf(client);
  let h = holders.get(stream);
  if (!h) holders.set(stream, (h = { count: 0, owned: false }));
  if (h.count++ === 0 && !client.isSubscribed(stream)) {
    h.owned = true;
    client.subscribe(stream);
  }
}

/** Unsubscribes the client from `stream` when its last holder leaves, if a holder subscribed it. */
function release(client: RealtimeClient<any>, stream: string): void {
  const { holders } = streamsOf(client);
  const h = holders.get(stream);
  if (!h || --h.count > 0) return;
  holders.delete(stream);
  if (h.owned && client.state !== 'closed' && client.isSubscribed(stream)) client.unsubscribe(stream);
}

/** Whether the contract serves `stream` from a snapshot endpoint (else a feed, or nothing known). */
function snapshotServed(client: RealtimeClient<any>): boolean {
  const c: ClientContract = client.contract;
  return c.polling.some((p) => p.streamParam === c.stream.key && p.kind === 'snapshot');
}

function createStore<C extends ClientContract<any>>(client: RealtimeClient<C>, stream: string, options: StreamStoreOptions): StreamStore<C> {
  const maxEvents = options.maxEvents ?? 1000;
  const snapshots = snapshotServed(client);
  const listeners = new Set<() => void>();
  let view: StreamView<C> = Object.freeze({ stream, connection: client.state, snapshot: undefined, events: [], seq: client.position(stream), pendingHint: undefined, error: undefined });
  let detach: (() => void)[] = [];
  let releaseTimer: ReturnType<typeof setTimeout> | undefined;
  let compacting = false;
  /** Seq of `view.pendingHint`. */
  let hintSeq = Infinity;

  const set = (change: Partial<StreamView<C>>) => {
    view = Object.freeze({ ...view, ...change });
    for (const l of [...listeners]) l();
  };

  const compact = () => {
    if (compacting) return;
    compacting = true;
    void client.refresh(stream).catch(() => false).finally(() => (compacting = false));
  };

  const onEvent = (message: EventMessage<C>, meta: { stream: string; seq: number }) => {
    if (meta.stream !== stream) return;
    const type = (message as { type: string }).type;
    if (client.contract.authority?.[type] === 'hint') {
      hintSeq = meta.seq;
      return set({ seq: meta.seq, pendingHint: message as unknown as HintMessage<C> });
    }
    let events = [...view.events, { seq: meta.seq, message }];
    if (events.length > maxEvents) {
      if (snapshots) compact();
      else events = events.slice(events.length - maxEvents);
    }
    set({ events, seq: meta.seq });
  };

  const start = () => {
    const on = client.on.bind(client) as (type: string, handler: (...args: any[]) => void) => () => void;
    detach = [
      ...(client.contract.events as readonly string[]).map((type) => on(type, onEvent)),
      on('snapshot', (info: SnapshotInfo<C>) => {
        if (info.stream !== stream) return;
        const covered = info.seq >= hintSeq;
        if (covered) hintSeq = Infinity;
        set({ snapshot: info, events: [], seq: info.seq, ...(covered ? { pendingHint: undefined } : {}) });
      }),
      on('state', ({ state }: { state: ClientState }) => set({ connection: state })),
      on('joined', (info: { stream: string }) => {
        if (info.stream === stream) set({ seq: client.position(stream) });
      }),
      on('error', (error: ClientError) => {
        if (error.stream !== undefined && error.stream !== stream) return;
        // The hint's refetch gave up: stop announcing a state that is not coming.
        const gaveUp = error.kind === 'stale-state' || error.kind === 'no-polling-endpoint';
        if (gaveUp) hintSeq = Infinity;
        set({ error, ...(gaveUp ? { pendingHint: undefined } : {}) });
      }),
    ];
    const { stores } = streamsOf(client);
    if (!stores.has(stream)) stores.set(stream, store); // restarted after a release: shared again
    hold(client, stream);
    set({ connection: client.state, seq: client.position(stream) });
    if (snapshots && options.load !== false) compact();
  };

  const stop = () => {
    for (const off of detach) off();
    detach = [];
    release(client, stream);
    const { stores } = streamsOf(client);
    if (stores.get(stream) === store) stores.delete(stream);
  };

  const store: StreamStore<C> = {
    subscribe(listener) {
      clearTimeout(releaseTimer);
      listeners.add(listener);
      if (detach.length === 0) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(releaseTimer);
        releaseTimer = setTimeout(() => {
          if (listeners.size === 0) stop();
        }, 0);
      };
    },
    getSnapshot: () => view,
    refresh: () => client.refresh(stream),
  };
  return store;
}

/**
 * `view → state`: the snapshot's state with every later event folded in by `reduce`, computed
 * incrementally (events only ever append between snapshots). `initial` stands in before the first
 * snapshot (and for feed-served streams, which have none). `reduce` must not mutate its input.
 */
export function stateSelector<C extends ClientContract<any>, S = StateOf<C>>(reduce: (state: S, event: EventMessage<C>, seq: number) => S, initial?: S): (view: StreamView<C>) => S | undefined {
  let base: unknown;
  let folded = 0;
  let events: readonly StreamEntry<C>[] | undefined;
  let state: S | undefined;
  return (view) => {
    const start = view.snapshot ? view.snapshot : initial;
    if (start !== base || !events || view.events.length < folded || view.events[folded - 1] !== events[folded - 1]) {
      base = start;
      folded = 0;
      state = view.snapshot ? (view.snapshot.state as unknown as S) : initial;
    }
    for (; folded < view.events.length; folded++) {
      const e = view.events[folded]!;
      state = state === undefined ? state : reduce(state, e.message, e.seq);
    }
    events = view.events;
    return state;
  };
}
