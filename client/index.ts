/**
 * The typed realtime client: `createClient(contract, options)` with the descriptor that
 * `specwire generate` writes per contract (`specwire/contracts/<id>/client`). One socket, streams
 * joined over it (or named in its URL), lossless resume by `seq`, resync and fallback over the
 * contract's polling endpoints. No Node-only imports: the same module runs in browsers.
 */
import { Backoff } from './backoff.js';
import { type ClientContract, connectionUrl, fieldOf, shapeFrame } from './contract.js';
import { Connection, type WebSocketConstructor } from './connection.js';
import { StreamCursor } from './cursor.js';
import { Emitter } from './emitter.js';
import { HttpSync } from './http-sync.js';
import type { FetchLike } from './poller.js';
import type { ClientError, ClientEvents, ClientOptions, ClientState, RealtimeClient, ResyncInfo, SnapshotInfo, SubscribeOptions } from './types.js';

export type * from './types.js';
export type { ClientContract, PollingFacts } from './contract.js';
export type { WebSocketConstructor, WebSocketLike } from './connection.js';
export type { FetchLike } from './poller.js';
export type { BackoffOptions } from './backoff.js';
export { stateSelector, streamStore } from './store.js';
export type { StreamEntry, StreamStore, StreamStoreOptions, StreamView } from './store.js';

type Frame = Record<string, unknown>;

/** How long a join ack that promises too short a replay waits for the server's own `resync`. */
const SHORTFALL_GRACE_MS = 150;

export function createClient<C extends ClientContract<any>>(contract: C, options: ClientOptions): RealtimeClient<C> {
  return new Client(contract, options);
}

class Client<C extends ClientContract<any>> implements RealtimeClient<C> {
  private readonly emitter = new Emitter<ClientEvents<C>>();
  private readonly streams = new Map<string, StreamCursor>();
  /** Streams left on this connection: their in-flight events are dropped quietly, not reported. */
  private readonly left = new Set<string>();
  private readonly backoff: Backoff;
  private readonly WebSocketCtor: WebSocketConstructor | undefined;
  private readonly fetch: FetchLike | undefined;
  private readonly httpUrl: string;
  private readonly events: ReadonlySet<string>;
  private readonly http: HttpSync;
  private current: ClientState = 'idle';
  private connection: Connection | undefined;
  private openedAt = 0;
  private attempts = 0;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly aborter = new AbortController();

  constructor(readonly contract: C, private readonly options: ClientOptions) {
    if (!options || typeof options.url !== 'string' || !/^wss?:\/\//.test(options.url)) throw new Error('createClient: options.url must be a ws:// or wss:// origin');
    this.backoff = new Backoff(options.backoff);
    this.WebSocketCtor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    const f = options.fetch ?? (globalThis.fetch ? (globalThis.fetch.bind(globalThis) as unknown as FetchLike) : undefined);
    this.fetch = f;
    this.httpUrl = options.httpUrl ?? options.url.replace(/^ws/, 'http');
    this.events = new Set(contract.events);
    const client = this;
    this.http = new HttpSync({
      contract,
      options,
      fetch: f,
      httpUrl: this.httpUrl,
      signal: this.aborter.signal,
      get state() {
        return client.current;
      },
      cursor: (stream) => this.streams.get(stream),
      streams: () => this.streams.keys(),
      token: (reason) => this.token(reason),
      offer: (frame) => this.onEvent(frame, 'poll'),
      deliverAll: (events) => this.deliverAll(events),
      resync: (info: ResyncInfo) => this.emitter.emit('resync', info, (e) => this.handlerThrew(e)),
      snapshot: (info: SnapshotInfo) => this.emitter.emit('snapshot', info as never, (e) => this.handlerThrew(e)),
      report: (error) => this.report(error),
    });
  }

  get state(): ClientState {
    return this.current;
  }

  on<K extends keyof ClientEvents<C>>(type: K, handler: ClientEvents<C>[K]): () => void {
    return this.emitter.on(type, handler);
  }

  position(stream: string): number | undefined {
    return this.streams.get(stream)?.seq;
  }

  isSubscribed(stream: string): boolean {
    return this.streams.has(stream);
  }

  async refresh(stream: string): Promise<boolean> {
    const cursor = this.streams.get(stream);
    if (!cursor) throw new Error(`refresh: not subscribed to "${stream}"`);
    if (this.current === 'closed') return false;
    return this.http.refresh(cursor, 'refresh');
  }

  subscribe(stream: string, options: SubscribeOptions = {}): void {
    if (this.current === 'closed') throw new Error('subscribe: the client is closed');
    if (this.streams.has(stream)) return;
    if (this.contract.stream.mode === 'address' && this.streams.size > 0) {
      throw new Error(`subscribe: ${this.contract.id} names its stream in the connection URL; create one client per ${this.contract.stream.key}`);
    }
    this.streams.set(stream, new StreamCursor(stream, options.after));
    this.left.delete(stream);
    if (this.current === 'idle') return void this.connect();
    if (this.connection?.isOpen) this.sendSubscribe(stream);
    if (this.current === 'polling') this.http.schedulePoll(stream, 0);
  }

  unsubscribe(stream: string): void {
    if (!this.streams.delete(stream)) return;
    this.left.add(stream);
    this.http.forget(stream);
    const unsub = this.contract.stream.unsubscribe;
    if (unsub && this.connection?.isOpen) this.sendFrame(shapeFrame(unsub.type, { [this.contract.stream.key]: { value: stream, place: unsub.key } }));
    if (this.contract.stream.mode === 'address') {
      // The connection was the stream: end it without a reconnect.
      const connection = this.connection;
      this.connection = undefined;
      clearTimeout(this.retryTimer);
      connection?.close(1000, 'unsubscribed');
      this.setState('idle');
    }
  }

  close(): void {
    if (this.current === 'closed') return;
    clearTimeout(this.retryTimer);
    this.http.stop();
    this.aborter.abort();
    const connection = this.connection;
    this.connection = undefined;
    connection?.close(1000, 'client closed');
    this.setState('closed');
    this.emitter.clear();
  }

  // ── connecting ─────────────────────────────────────────────────────────────

  private async connect(): Promise<void> {
    if (this.current === 'closed') return;
    if (!this.WebSocketCtor) {
      this.report({ kind: 'poll-failed', message: 'no WebSocket constructor (pass options.WebSocket): polling only' });
      return this.enterPolling();
    }
    this.attempts++;
    this.backoff.attempt(Date.now());
    if (this.current !== 'polling') this.setState('connecting', { attempt: this.attempts });
    const token = await this.token(this.attempts === 1 ? 'connect' : 'reconnect');
    if ((this.current as ClientState) === 'closed') return;
    const c = this.contract;
    const stream = c.stream.mode === 'address' ? [...this.streams.keys()][0] : undefined;
    if (c.stream.mode === 'address' && stream === undefined) return this.setState('idle'); // unsubscribed: nothing to connect to
    let url: string;
    try {
      url = connectionUrl(c, { origin: this.options.url, params: this.options.params, stream, resumeAt: stream === undefined ? undefined : this.streams.get(stream)!.seq, token });
    } catch (err) {
      this.report({ kind: 'config', message: (err as Error).message });
      return this.close();
    }
    const intervalMs = this.options.heartbeat?.intervalMs ?? c.heartbeat.pingIntervalMs;
    const ping = c.heartbeat.ping ? JSON.stringify({ type: c.heartbeat.ping }) : undefined;
    const connection = new Connection(
      this.WebSocketCtor,
      { intervalMs, timeoutMs: this.options.heartbeat?.timeoutMs ?? Math.min(10_000, intervalMs), ping },
      {
        open: () => this.onOpen(connection),
        frame: (data) => this.onFrame(connection, data),
        closed: (info) => this.onClosed(connection, info),
      },
    );
    this.connection = connection;
    connection.open(url, c.versioning.subprotocol ? [c.versioning.subprotocol] : undefined);
  }

  private onOpen(connection: Connection): void {
    if (connection !== this.connection) return;
    this.left.clear(); // a new connection carries nothing of the streams left on the old one
    this.openedAt = Date.now();
    for (const stream of this.streams.keys()) this.sendSubscribe(stream);
    this.http.stopPolling();
    this.setState('open');
  }

  private onClosed(connection: Connection, info: { code: number; reason: string; opened: boolean }): void {
    if (connection !== this.connection || this.current === 'closed') return;
    this.connection = undefined;
    const stable = info.opened && Date.now() - this.openedAt >= (this.options.stableAfterMs ?? 5000);
    if (stable) {
      this.failures = 0;
      this.backoff.succeeded();
    } else {
      this.failures++;
      this.backoff.failed();
    }
    const reason = `${info.code}${info.reason ? ` ${info.reason}` : ''}`;
    const delayMs = this.backoff.nextDelay(Date.now());
    if (this.failures >= (this.options.fallbackAfter ?? 3) && this.current !== 'polling') this.enterPolling(reason, delayMs);
    else if (this.current !== 'polling') this.setState('reconnecting', { delayMs, reason });
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
  }

  private sendSubscribe(stream: string): void {
    const sub = this.contract.stream.subscribe;
    if (this.contract.stream.mode !== 'subscribe' || !sub) return;
    const seq = this.streams.get(stream)?.seq;
    this.sendFrame(shapeFrame(sub.type, { [this.contract.stream.key]: { value: stream, place: sub.key }, lastSeq: { value: seq, place: sub.lastSeq } }));
  }

  private sendFrame(frame: Frame): void {
    const encoded = this.contract.encode(frame as never);
    if (!encoded.ok) return this.report({ kind: 'invalid-frame', message: `refusing to send an invalid ${String(frame.type)} frame: ${encoded.error.message}`, data: frame });
    this.connection?.send(encoded.data);
  }

  // ── receiving ──────────────────────────────────────────────────────────────

  /** The one gate for inbound frames: decoded with the generated decoder or reported, never delivered. */
  private onFrame(connection: Connection, data: string): void {
    if (connection !== this.connection) return;
    const decoded = this.contract.decode(data);
    if (!decoded.ok) return this.report({ kind: 'invalid-frame', message: decoded.error.message, data });
    this.failures = 0;
    const frame = decoded.message as Frame;
    const type = String(frame.type);
    const c = this.contract;
    if (this.events.has(type)) return this.onEvent(frame, 'socket');
    if (type === c.control.resync) return this.onResyncFrame(frame);
    if (type === c.control.error) return this.report({ kind: 'server-error', message: String(fieldOf(frame, 'message') ?? 'error frame'), data: frame });
    const replaying = fieldOf(frame, 'replaying');
    if (type === c.stream.ack || typeof replaying === 'number') this.onPosition(frame, typeof replaying === 'number' ? replaying : undefined);
  }

  private streamOf(frame: Frame): string | undefined {
    if (this.contract.stream.mode === 'address') return [...this.streams.keys()][0];
    const value = fieldOf(frame, this.contract.stream.key);
    return typeof value === 'string' ? value : undefined;
  }

  /** A join ack or greeting with the stream position: decide whether the server will fill our gap. */
  private onPosition(frame: Frame, replaying: number | undefined): void {
    const stream = this.streamOf(frame);
    const cursor = stream === undefined ? undefined : this.streams.get(stream);
    const pos = fieldOf(frame, 'seq') ?? fieldOf(frame, 'lastSeq');
    if (!cursor || typeof pos !== 'number') return;
    const fresh = cursor.seq === undefined;
    if (fresh) cursor.seq = pos; // a fresh join: live events follow
    this.emitter.emit('joined', { stream: cursor.stream, seq: pos, replaying }, (e) => this.handlerThrew(e));
    const at = cursor.seq;
    if (fresh || at === undefined) return;
    // The server announces fewer replayed events than we miss and no resync: it ignored our resume.
    // A correct server follows a short replay with `resync` at once; give that frame a moment to
    // arrive so the resync carries the server's reason, then fill the gap ourselves.
    if (pos > at && (replaying ?? 0) < pos - at) {
      cursor.missingUpTo = pos;
      setTimeout(() => {
        if (cursor.missingUpTo !== undefined && (cursor.seq ?? 0) < cursor.missingUpTo && this.streams.get(cursor.stream) === cursor) void this.http.fill(cursor, 'gap');
      }, SHORTFALL_GRACE_MS);
    }
  }

  private onResyncFrame(frame: Frame): void {
    const stream = typeof fieldOf(frame, 'stream') === 'string' ? String(fieldOf(frame, 'stream')) : this.streamOf(frame);
    const cursor = stream === undefined ? undefined : this.streams.get(stream);
    if (!cursor) return;
    const reason = fieldOf(frame, 'reason') === 'stream_reset' ? 'stream_reset' : 'gap_too_old';
    cursor.missingUpTo = undefined;
    void this.http.fill(cursor, reason);
  }

  private onEvent(frame: Frame, source: 'socket' | 'poll'): void {
    const stream = this.streamOf(frame);
    const seq = frame.seq;
    const cursor = stream === undefined ? undefined : this.streams.get(stream);
    if (!cursor || typeof seq !== 'number') {
      if (source === 'socket' && !(stream !== undefined && this.left.has(stream))) this.report({ kind: 'unexpected-stream', message: `event for a stream this client did not subscribe to (${String(stream)})`, stream, data: frame });
      return;
    }
    const verdict = cursor.offer({ seq, frame });
    if (verdict === 'deliver') {
      this.deliver(cursor.stream, seq, frame);
      this.deliverAll(cursor.drain());
    } else if (verdict === 'gap' && source === 'socket') {
      void this.http.fill(cursor, 'gap');
    }
  }

  private deliverAll(events: { seq: number; frame: Frame }[]): void {
    for (const e of events) this.deliver(this.streamOf(e.frame) ?? '', e.seq, e.frame);
  }

  /** Hands an event to the app in seq order; a `hint` then fetches the state it points at. */
  private deliver(stream: string, seq: number, frame: Frame): void {
    const type = String(frame.type);
    this.emitter.emit(type as keyof ClientEvents<C>, frame as never, (err) => this.handlerThrew(err), { stream, seq });
    const cursor = this.streams.get(stream);
    if (cursor && this.contract.authority?.[type] === 'hint') this.http.hinted(cursor, seq, frame);
  }

  private enterPolling(reason?: string, delayMs?: number): void {
    this.setState('polling', { reason, delayMs });
    this.http.enterPolling();
  }

  // ── plumbing ───────────────────────────────────────────────────────────────

  private async token(reason: 'connect' | 'reconnect' | 'poll'): Promise<string | undefined> {
    if (!this.options.getToken) return this.options.token;
    try {
      return await this.options.getToken({ reason, attempt: this.attempts });
    } catch (err) {
      this.report({ kind: 'token', message: `getToken failed: ${(err as Error).message}` });
      return this.options.token;
    }
  }

  private setState(state: ClientState, extra: { attempt?: number | undefined; delayMs?: number | undefined; reason?: string | undefined } = {}): void {
    const previous = this.current;
    if (previous === state && state !== 'connecting' && state !== 'reconnecting') return;
    this.current = state;
    this.emitter.emit('state', { state, previous, ...extra }, (e) => this.handlerThrew(e));
  }

  private report(error: ClientError): void {
    this.emitter.emit('error', error, () => undefined);
  }

  private handlerThrew(err: unknown): void {
    this.report({ kind: 'handler', message: `a handler threw: ${(err as Error)?.message ?? String(err)}` });
  }
}
