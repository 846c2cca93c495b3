/**
 * `specwire/react`: a contract's stream as one React hook, over the framework-neutral store of
 * `specwire/client` (client/store.ts). React is an optional peer dependency of specwire: only this
 * entry point imports it, the client itself never does.
 *
 * ```tsx
 * const game = useStream(client, gameId);
 * if (game.snapshot?.state.status === 'finished') return <Results result={game.snapshot.state.result} />;
 * ```
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { type ClientContract, type EventMessage, type RealtimeClient, type StateOf, type StreamStoreOptions, type StreamView, stateSelector, streamStore } from '../client/index.js';

export type { StreamEntry, StreamStoreOptions, StreamView } from '../client/index.js';

export interface UseStreamOptions<C extends ClientContract<any>, S> extends StreamStoreOptions {
  /**
   * Folds each state event after the snapshot into the state, so `state` is current (e.g. prepend
   * a `media:new` item to the timeline). Must not mutate. Without it, `state` is the latest
   * snapshot's state. Keep it stable (module level or `useCallback`): a new function refolds.
   */
  reduce?: (state: S, event: EventMessage<C>, seq: number) => S;
  /** The state before the first snapshot (and for streams served by a feed, which have none). */
  initial?: S;
}

export interface UseStreamResult<C extends ClientContract<any>, S> extends StreamView<C> {
  /** The snapshot's state with the events after it folded in by `reduce` (else the snapshot's state). */
  state: S | undefined;
  /** Reads the stream's state now (`client.refresh`). */
  refresh(): Promise<boolean>;
}

const IDLE = new Map<ClientContract<any>, StreamView<any>>();
const noop = () => () => undefined;

/** The view of no stream (`useStream(client, undefined)`): one object per contract, so React sees no change. */
function idleView<C extends ClientContract<any>>(client: RealtimeClient<C>): StreamView<C> {
  let view = IDLE.get(client.contract);
  if (!view) IDLE.set(client.contract, (view = Object.freeze({ stream: undefined, connection: 'idle', snapshot: undefined, events: [], seq: undefined, pendingHint: undefined, error: undefined })));
  return view;
}

/**
 * The live state of `stream` on `client`: the latest snapshot and the state events after it (or
 * the event list of a feed), a hint awaiting its refetched state, the connection state for a banner
 * and the last error. Components that use the same client and stream share one subscription; the
 * last one to unmount ends it (unless the app subscribed the client itself). `stream` undefined:
 * nothing is subscribed.
 */
export function useStream<C extends ClientContract<any>, S = StateOf<C>>(client: RealtimeClient<C>, stream: string | undefined, options: UseStreamOptions<C, S> = {}): UseStreamResult<C, S> {
  const { reduce, initial, maxEvents, load } = options;
  const store = useMemo(() => (stream === undefined ? undefined : streamStore(client, stream, { maxEvents, load })), [client, stream]); // options count when the store is created
  const view = useSyncExternalStore(store ? store.subscribe : noop, store ? store.getSnapshot : () => idleView(client), () => (store ? store.getSnapshot() : idleView(client)));
  const select = useMemo(() => (reduce ? stateSelector<C, S>(reduce, initial) : undefined), [reduce, initial]);
  const state = select ? select(view) : ((view.snapshot?.state as S | undefined) ?? initial);
  const refresh = useCallback(() => (store ? store.refresh() : Promise.resolve(false)), [store]);
  return useMemo(() => ({ ...view, state, refresh }), [view, state, refresh]);
}
