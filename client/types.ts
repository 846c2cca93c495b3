/** Public types of the client: options, lifecycle states and the events it emits. */
import type { BackoffOptions } from './backoff.js';
import type { ClientContract, PollingFacts } from './contract.js';
import type { WebSocketConstructor } from './connection.js';
import type { FetchLike } from './poller.js';

export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'polling' | 'closed';

export interface StateChange {
  state: ClientState;
  previous: ClientState;
  /** Connection attempt number (1 = first) for `connecting`. */
  attempt?: number | undefined;
  /** Wait before the next attempt, for `reconnecting` (and `polling` while the socket is retried). */
  delayMs?: number | undefined;
  /** Why the socket closed, when it did. */
  reason?: string | undefined;
}

/** Why the client resynchronised a stream over HTTP. */
export type ResyncReason =
  /** the server said its replay buffer no longer holds the gap */
  | 'gap_too_old'
  /** the server's stream restarted (its seq went back, e.g. after a restart) */
  | 'stream_reset'
  /** the client saw missing seqs the server did not replay (a server that ignores resume) */
  | 'gap';

export interface ResyncInfo {
  stream: string;
  reason: ResyncReason;
  /** How the gap was filled: the events themselves (`feed`), a state snapshot, or not at all. */
  via: 'feed' | 'snapshot' | 'none';
  /** Stream position after the resync. */
  seq: number | undefined;
  /** For `via: 'snapshot'`: the polling endpoint's body (the current state). */
  snapshot?: Record<string, unknown> | undefined;
}

/**
 * What made the client read a snapshot: fallback `poll`ing, a `resync` of a gap, a `hint` event
 * (`x-specwire-authority: hint`), or the app's own `refresh(stream)`.
 */
export type SnapshotCause = 'poll' | 'resync' | 'hint' | 'refresh';

export interface SnapshotInfo<C extends ClientContract<any> = ClientContract<any>> {
  stream: string;
  /** The stream seq the state reflects: events up to it are in it; later ones apply on top. */
  seq: number;
  /** The polling endpoint's body (typed as the contract's state, e.g. `GameState`). */
  state: StateOf<C>;
  cause: SnapshotCause;
  /** The hint event this state answers (the newest one it covers), when a hint caused the read or was pending. */
  hint?: HintMessage<C> | undefined;
}

export type ClientErrorKind =
  /** a frame that is not JSON or fails its schema: dropped, never delivered */
  | 'invalid-frame'
  /** an `error` frame from the server */
  | 'server-error'
  /** an event of a stream this client did not subscribe to: dropped */
  | 'unexpected-stream'
  /** polling (or a resync over HTTP) failed; it is retried */
  | 'poll-failed'
  /** a gap neither the server nor the polling endpoint could fill: these seqs are lost */
  | 'lost'
  /** the state endpoint kept answering state older than the events delivered (or a hint's): it was not shown */
  | 'stale-state'
  /** the contract has no polling endpoint for the stream */
  | 'no-polling-endpoint'
  /** `getToken` threw */
  | 'token'
  /** the options cannot work (a path parameter without a value): the client closes */
  | 'config'
  /** an application handler threw */
  | 'handler';

export interface ClientError {
  kind: ClientErrorKind;
  message: string;
  stream?: string | undefined;
  /** The offending raw frame or value, when there is one. */
  data?: unknown;
}

export interface TokenRequest {
  /** `connect` for the first attempt, `reconnect` before every later one, `poll` for every HTTP read (polling, resync, a hint's refetch, `refresh`). */
  reason: 'connect' | 'reconnect' | 'poll';
  attempt: number;
}

export interface ClientOptions {
  /** Server origin for the WebSocket, e.g. `wss://events.example.com` (the contract's channel address is appended). */
  url: string;
  /** Origin of the polling endpoints. Default: `url` with ws→http, wss→https. */
  httpUrl?: string;
  /** A fixed token. */
  token?: string;
  /** Called before every connection attempt and poll: return a fresh token when the old one expired. */
  getToken?: (request: TokenRequest) => string | undefined | Promise<string | undefined>;
  /** Values of other path parameters in the channel address or polling paths. */
  params?: Record<string, string>;
  /** WebSocket constructor. Default `globalThis.WebSocket` (browsers, Node ≥ 22); pass `ws` in Node 20. */
  WebSocket?: WebSocketConstructor;
  /** fetch for the polling endpoints. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Reconnect schedule. Defaults: 500 ms doubling to 30 s with jitter, at most 12 attempts per minute. */
  backoff?: BackoffOptions;
  /** Consecutive failed or short-lived connections before falling back to polling. Default 3. */
  fallbackAfter?: number;
  /** A connection that closes sooner than this after opening counts as a failure. Default 5000 ms. */
  stableAfterMs?: number;
  /** Polling interval. Default: the contract's `intervalMs` for the endpoint. */
  pollIntervalMs?: number;
  /** Heartbeat. Defaults: the contract's `pingIntervalMs`; dead after 10 s (at most the interval) without a frame. */
  heartbeat?: { intervalMs?: number; timeoutMs?: number };
  /** Polling endpoint for a stream the contract cannot map by itself (e.g. juke-world's `profile:<id>`). */
  pollingEndpoint?: (stream: string) => PollingFacts | undefined;
}

export interface SubscribeOptions {
  /** Resume after this seq (e.g. saved from an earlier session): missed events are replayed or fetched. */
  after?: number;
}

type Messages<C> = C extends ClientContract<infer M> ? NonNullable<M> : never;

/** The stream event types of a contract (`media:new`, `activity`, ...). */
export type EventTypeOf<C extends ClientContract<any>> = Extract<C['events'][number], keyof Messages<C>>;

/** Event types whose payload is a refresh hint (`x-specwire-authority: hint`), e.g. `phase.game_over`. */
export type HintTypeOf<C extends ClientContract<any>> = { [K in EventTypeOf<C>]: K extends keyof C['authority'] ? (C['authority'][K] extends 'state' ? never : K) : never }[EventTypeOf<C>];

/** A frame of any stream event of the contract. */
export type EventMessage<C extends ClientContract<any>> = Messages<C>[EventTypeOf<C>];

/** A frame of any hint event of the contract. */
export type HintMessage<C extends ClientContract<any>> = Messages<C>[HintTypeOf<C>];

/** The body of the stream's snapshot endpoint: the contract's named state type, else a plain record. */
export type StateOf<C extends ClientContract<any>> = unknown extends C['state'] ? Record<string, unknown> : NonNullable<C['state']>;

export interface JoinInfo {
  stream: string;
  /** The server's position for the stream when it acknowledged the join. */
  seq: number;
  /** Events the server announced it replays right after (resume). */
  replaying?: number | undefined;
}

export interface LifecycleEvents<C extends ClientContract<any> = ClientContract<any>> {
  state(change: StateChange): void;
  /** The server acknowledged a stream (subscribe ack, or the greeting of a stream-per-URL channel). */
  joined(info: JoinInfo): void;
  resync(info: ResyncInfo): void;
  /** The stream's state from its snapshot endpoint (polling, resync, a hint's refetch, `refresh`): replace your state with it. */
  snapshot(info: SnapshotInfo<C>): void;
  error(error: ClientError): void;
}

/** Handler map: each stream event type gets its generated frame type; plus the lifecycle events. */
export type ClientEvents<C extends ClientContract<any>> = {
  [K in EventTypeOf<C>]: (message: Messages<C>[K], meta: { stream: string; seq: number }) => void;
} & LifecycleEvents<C>;

export interface RealtimeClient<C extends ClientContract<any>> {
  readonly contract: C;
  readonly state: ClientState;
  /** Joins a stream (a team, an event, a board); events arrive in seq order, once each. */
  subscribe(stream: string, options?: SubscribeOptions): void;
  unsubscribe(stream: string): void;
  /** Last seq delivered on a stream. */
  position(stream: string): number | undefined;
  /** Whether `subscribe(stream)` is in force. */
  isSubscribed(stream: string): boolean;
  /**
   * Reads the stream's polling endpoint now: a snapshot is emitted as `snapshot` (cause `refresh`),
   * a feed delivers the events after the cursor. Resolves true when the read was applied; failures
   * are also reported as `error`. Rejects when the stream is not subscribed.
   */
  refresh(stream: string): Promise<boolean>;
  on<K extends keyof ClientEvents<C>>(type: K, handler: ClientEvents<C>[K]): () => void;
  /** Stops everything: socket, timers, polls. Emits `state: closed`. */
  close(): void;
}
