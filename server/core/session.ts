/**
 * One WebSocket connection: the single gate for its inbound frames (decode, rate limit, dispatch),
 * its subscriptions, heartbeat timers and cleanup. Every handler is guarded: a throw here is logged
 * and answered with `internal`, it never reaches the process or another connection.
 */
import type { WebSocket } from 'ws';
import { CloseCode } from '../../protocol/close-codes.js';
import type { SpecwireClaims } from '../../protocol/claims.js';
import { authorize } from './access.js';
import type { ChannelRuntime, ContractRuntime } from './contract-runtime.js';
import { accessSkipped, closeCodeWithFaults, FAULTY_CLOSE, type OutboundFilter, outboundFilter } from './fault-injection.js';
import { decodeClientFrame, type ErrorCode, fieldOf, type Frame, shapeFrame } from './frames.js';
import type { SessionApi } from './session-api.js';
import type { Subscriber } from './streams.js';

let nextId = 1;

/** How long a slow consumer closed with 4508 has to take the close frame before it is dropped. */
const SLOW_CONSUMER_GRACE_MS = 1000;

/** Serialize a fanned-out frame once, not once per subscriber. */
const serialized = new WeakMap<Frame, string>();

function serialize(frame: Frame): string {
  let text = serialized.get(frame);
  if (text === undefined) {
    text = JSON.stringify(frame);
    serialized.set(frame, text);
  }
  return text;
}

/** The session of a socket, for the listeners below (shared by every connection, not closures per connection). */
const SESSION = Symbol('specwire.session');
type SocketWithSession = WebSocket & { [SESSION]?: Session };

function onSocketMessage(this: SocketWithSession, data: Buffer, isBinary: boolean): void {
  const session = this[SESSION];
  session?.guard('message', () => session.onMessage(data, isBinary));
}
function onSocketPong(this: SocketWithSession): void {
  this[SESSION]?.pong();
}
function onSocketError(this: SocketWithSession, err: Error): void {
  this[SESSION]?.socketError(err);
}
function onSocketClose(this: SocketWithSession): void {
  this[SESSION]?.cleanup();
}

/*
 * Memory per idle connection is a budget (≤ 1.5× a bare `ws` server, bench/server-fanout.bench.ts):
 * a session holds no timer, promise or closure of its own. Listeners are the shared functions
 * above, the idle timeout is checked by the contract's idle sweep (`server/index.ts`) against `lastFrameAt`,
 * and `done` and `data` are made on first use.
 */
export class Session implements Subscriber, SessionApi {
  readonly id = nextId++;
  private scratch: Record<string, unknown> | undefined;
  /** Streams this connection receives. */
  readonly subscriptions = new Set<string>();
  private badFrames = 0;
  private rateWindowStart = 0;
  private rateCount = 0;
  private rateWarned = false;
  /** When the last frame arrived (or the connection opened), and the idle timeout in force then. */
  private lastFrameAt = Date.now();
  private readonly idleTimeoutMs: number;
  private awaitingPong = false;
  private closed = false;
  private cleanupDone = false;
  private whenDone: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The mutant zoo's outbound faults for this connection; undefined in normal use. */
  private readonly outbound: OutboundFilter | undefined;

  constructor(
    private readonly rt: ContractRuntime,
    private readonly channel: ChannelRuntime,
    private readonly ws: WebSocket,
    readonly claims: SpecwireClaims,
    readonly params: Record<string, string>,
    readonly stream: string | undefined,
    private readonly onClosed: () => void,
  ) {
    this.outbound = outboundFilter(rt.faults, { eventMessage: (type) => rt.events.get(type)?.message });
    this.idleTimeoutMs = rt.heartbeat.idleTimeoutMs;
  }

  /** Scratch space for the contract adapter. */
  get data(): Record<string, unknown> {
    return (this.scratch ??= {});
  }

  /** Resolves once the connection is closed and cleaned up (shutdown waits on it). */
  get done(): Promise<void> {
    if (this.cleanupDone) return Promise.resolve();
    if (!this.whenDone) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.whenDone = { promise, resolve };
    }
    return this.whenDone.promise;
  }

  get contract(): string {
    return this.rt.id;
  }

  /** Wires the socket and, for an address-addressed channel, joins its stream (resuming after `lastSeq`). */
  start(lastSeq: number | undefined): void {
    const ws = this.ws as SocketWithSession;
    ws[SESSION] = this;
    ws.on('message', onSocketMessage);
    ws.on('pong', onSocketPong);
    ws.on('error', onSocketError);
    ws.on('close', onSocketClose);
    this.rt.sessions.add(this);
    if (this.channel.mode === 'address' && this.stream !== undefined) {
      this.guard('open', () => this.joinAddressStream(this.stream!, lastSeq));
    }
  }

  private joinAddressStream(stream: string, lastSeq: number | undefined): void {
    const plan = this.rt.streams.resume(stream, lastSeq);
    const frames = plan.kind === 'replay' ? plan.frames.filter((f) => this.accepts(f)) : [];
    const hello = this.rt.adapter.hello?.(this, { stream, seq: plan.seq, replaying: frames.length, state: this.rt.streams.get(stream).state });
    if (hello) this.send(hello);
    this.afterResume(stream, plan.kind === 'resync' ? plan : undefined, frames);
    this.subscriptions.add(stream);
    this.rt.streams.subscribe(stream, this);
  }

  private afterResume(stream: string, resync: { seq: number; reason: string } | undefined, frames: Frame[]): void {
    if (resync) this.control('resync', { stream, seq: resync.seq, reason: resync.reason });
    for (const f of frames) this.sendRaw(f);
  }

  private accepts(frame: Frame): boolean {
    return this.rt.adapter.accepts ? this.rt.adapter.accepts(this, frame) : true;
  }

  // ── inbound ────────────────────────────────────────────────────────────────

  async onMessage(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    this.lastFrameAt = Date.now();
    if (!this.withinRate()) return;
    const decoded = decodeClientFrame(data, isBinary, this.rt.codec, this.channel.clientTypes);
    if (!decoded.ok) return this.badFrame(decoded.code, decoded.message, decoded.ref);
    const { type, frame } = decoded;
    const stream = this.channel.model.stream;
    if (type === 'ping') return this.control('pong', { id: fieldOf(frame, 'id'), ts: new Date().toISOString() });
    if (this.channel.mode === 'subscribe' && type === stream?.subscribe) return this.subscribe(frame);
    if (this.channel.mode === 'subscribe' && type === stream?.unsubscribe) return this.unsubscribe(frame);
    const handled = this.rt.adapter.onFrame ? await this.rt.adapter.onFrame(this, type, frame) : false;
    if (!handled) this.error('unknown_type', `"${type}" is not handled on ${this.channel.model.address}`, type);
  }

  /** Fixed one-second window from a connection's first frame: over the limit earns one `rate_limited` error per window (frames dropped); over `messagesPerSecondBeforeClose` closes 4429. */
  private withinRate(): boolean {
    const now = Date.now();
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateCount = 0;
      this.rateWarned = false;
    }
    this.rateCount++;
    const limit = this.rt.limits.messagesPerSecond;
    if (this.rateCount <= limit) return true;
    if (this.rateCount > this.rt.limits.messagesPerSecondBeforeClose) {
      this.close(CloseCode.RateLimited, 'rate limit exceeded');
    } else if (!this.rateWarned) {
      this.rateWarned = true;
      this.error('rate_limited', `more than ${limit} frames per second: frames are dropped, keep it up and the connection is closed`);
    }
    return false;
  }

  private badFrame(code: ErrorCode, message: string, ref: string | undefined): void {
    this.badFrames++;
    if (this.rt.faults.has('malformed-frame-crash')) return this.close(FAULTY_CLOSE.internalError, 'internal error');
    this.error(code, message, ref);
    if (this.badFrames >= this.rt.limits.badFramesBeforeClose) this.close(CloseCode.BadFrame, 'too many malformed frames');
  }

  private subscribe(frame: Frame): void | Promise<void> {
    const key = this.channel.streamKey!;
    const stream = String(fieldOf(frame, key));
    const ref = this.channel.model.stream!.subscribe!;
    if (!accessSkipped(this.rt.faults, 'subscribe') && !authorize(this.channel.model.access, stream, this.claims)) return this.error('forbidden', `not allowed to receive ${key} "${stream}"`, ref);
    if (!this.rt.streamExists(stream)) return this.error('not_found', `no ${key} "${stream}"`, ref);
    const lastSeq = fieldOf(frame, 'lastSeq') as number | undefined;
    if (this.subscriptions.has(stream)) {
      // Idempotent: a new ack (and the replay asked for), never a second delivery of each event.
      if (this.rt.faults.has('subscribe-twice-duplicates')) this.rt.streams.subscribe(stream, this.duplicateSubscriber());
      return this.acknowledge(stream, lastSeq);
    }
    this.subscriptions.add(stream);
    // A member's first connection is announced (presence) before it joins: its ack's seq covers the
    // announcement, which the joiner itself is not sent.
    const join = () => {
      if (this.closed || !this.subscriptions.has(stream)) return;
      this.rt.streams.subscribe(stream, this);
      this.acknowledge(stream, lastSeq);
    };
    const announced = this.rt.presenceChange(this.claims, stream, 1);
    return announced ? announced.then(join) : join();
  }

  /** `subscribed` with the stream's seq, then the replay after `lastSeq` or `resync`. */
  private acknowledge(stream: string, lastSeq: number | undefined): void {
    const key = this.channel.streamKey!;
    const plan = this.rt.streams.resume(stream, lastSeq);
    const frames = plan.kind === 'replay' ? plan.frames.filter((f) => this.accepts(f)) : [];
    if (this.channel.subscribeAck) {
      this.send(shapeFrame(this.channel.subscribeAck, { [key]: stream, seq: plan.seq, replaying: lastSeq === undefined ? undefined : frames.length }));
    }
    this.afterResume(stream, plan.kind === 'resync' ? plan : undefined, frames);
  }

  private unsubscribe(frame: Frame): void {
    const key = this.channel.streamKey!;
    const stream = String(fieldOf(frame, key));
    const ref = this.channel.model.stream!.unsubscribe!;
    if (!this.subscriptions.has(stream)) return this.error('not_subscribed', `not subscribed to ${key} "${stream}"`, ref);
    if (!this.rt.faults.has('unsubscribe-ignored')) {
      this.subscriptions.delete(stream);
      this.rt.streams.unsubscribe(stream, this);
      void this.rt.presenceChange(this.claims, stream, -1);
    }
    if (this.channel.unsubscribeAck) this.send(shapeFrame(this.channel.unsubscribeAck, { [key]: stream }));
  }

  /** `subscribe-twice-duplicates` (mutant zoo): a second registration that delivers every event again. */
  private duplicates: Subscriber[] | undefined;
  private duplicateSubscriber(): Subscriber {
    const extra: Subscriber = { id: this.id, deliver: (stream, frame) => this.deliver(stream, frame) };
    (this.duplicates ??= []).push(extra);
    return extra;
  }

  // ── outbound ───────────────────────────────────────────────────────────────

  /** A stream event for this connection (already validated when published). */
  deliver(stream: string, frame: Frame): void {
    if (!this.subscriptions.has(stream) || !this.accepts(frame)) return;
    this.sendRaw(frame);
  }

  send(frame: Frame): void {
    const message = this.channel.serverTypes.get(String(frame.type));
    const error = message ? this.rt.outboundError(frame) : `no server message of type "${String(frame.type)}" on ${this.channel.model.address}`;
    if (error) {
      this.rt.logger.error(`${this.rt.id}: refusing to send an invalid ${String(frame.type)} frame to connection ${this.id}: ${error} — ${JSON.stringify(frame).slice(0, 300)}`);
      return;
    }
    this.sendRaw(frame);
  }

  private sendRaw(frame: Frame): void {
    if (this.outbound) return this.outbound(frame, (f) => this.write(f));
    this.write(frame);
  }

  /** The one place a frame is written to the socket (a string: written as is). */
  private write(frame: Frame | string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.rt.limits.sendBufferBytes) return this.slowConsumer();
    const text = typeof frame === 'string' ? frame : serialize(frame);
    if (this.rt.faults.has('fanout-blocking')) {
      this.flushing = new Promise<void>((resolve) => this.ws.send(text, () => resolve()));
      return;
    }
    this.ws.send(text);
  }

  /**
   * More than `limits.sendBufferBytes` waits for this connection: it is not reading. Close it with
   * 4508 (a client that reads again gets the frames already sent, then the close) and drop it if the
   * close frame cannot get through either. It never holds up the stream's other subscribers.
   */
  private slowConsumer(): void {
    this.rt.logger.warn(`${this.rt.id}: connection ${this.id} is not reading (${this.ws.bufferedAmount} bytes buffered): closed 4508`);
    this.close(CloseCode.SlowConsumer, 'slow consumer');
    setTimeout(() => this.cleanupDone || this.terminate(), SLOW_CONSUMER_GRACE_MS).unref();
  }

  /** `fanout-blocking` (mutant zoo): resolves once the last frame written reached the socket. */
  private flushing: Promise<void> | undefined;
  flushed(): Promise<void> {
    return this.flushing ?? Promise.resolve();
  }

  control(type: string, fields: Record<string, unknown>): void {
    const message = this.channel.serverTypes.get(type);
    if (!message) {
      this.rt.logger.error(`${this.rt.id}: channel ${this.channel.model.address} declares no "${type}" frame`);
      return;
    }
    this.send(shapeFrame(message, fields));
  }

  error(code: ErrorCode, message: string, ref?: string): void {
    this.control('error', { code, message, ref });
  }

  resume(stream: string, lastSeq: number): number {
    const plan = this.rt.streams.resume(stream, lastSeq);
    const frames = plan.kind === 'replay' ? plan.frames.filter((f) => this.accepts(f)) : [];
    this.afterResume(stream, plan.kind === 'resync' ? plan : undefined, frames);
    return frames.length;
  }

  streamExists(stream: string): boolean {
    return this.rt.streamExists(stream);
  }

  async publish(type: string, stream: string, overrides: Record<string, unknown>): Promise<number> {
    const built = this.rt.buildEvent(type, stream, undefined, overrides);
    if (!built.ok) throw new Error(built.error);
    return this.rt.publish(stream, built.frame);
  }

  // ── lifecycle: called by the shared socket listeners and the sweeps ─────────

  pong(): void {
    this.awaitingPong = false;
  }

  socketError(err: Error): void {
    this.rt.logger.info(`${this.rt.id}: connection ${this.id}: ${err.message}`);
  }

  /** Called by the contract's idle sweep: no frame for the idle timeout closes the connection (4408). */
  idleCheck(now: number): void {
    if (this.rt.faults.has('idle-never-reaped')) return;
    if (!this.closed && now - this.lastFrameAt >= this.idleTimeoutMs) this.close(CloseCode.IdleTimeout, 'idle timeout');
  }

  /** Called by the contract's heartbeat sweep: a socket that did not answer the previous ping is dead. */
  protocolPing(): void {
    if (this.closed) return;
    if (this.awaitingPong && !this.rt.faults.has('dead-never-reaped')) {
      this.rt.logger.info(`${this.rt.id}: connection ${this.id} missed a protocol pong: terminated`);
      this.terminate();
      return;
    }
    this.awaitingPong = true;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    const sent = closeCodeWithFaults(this.rt.faults, code);
    if (sent !== 1000 && sent !== 1001) this.rt.countRefusal('close', sent);
    this.ws.close(sent, reason);
  }

  terminate(): void {
    this.closed = true;
    this.ws.terminate();
    this.cleanup();
  }

  cleanup(): void {
    if (this.cleanupDone) return;
    this.cleanupDone = true;
    this.closed = true;
    for (const s of this.subscriptions) {
      this.rt.streams.unsubscribe(s, this);
      if (this.channel.mode === 'subscribe') void this.rt.presenceChange(this.claims, s, -1);
    }
    for (const extra of this.duplicates ?? []) for (const s of this.subscriptions) this.rt.streams.unsubscribe(s, extra);
    this.subscriptions.clear();
    this.rt.sessions.delete(this);
    this.onClosed();
    this.whenDone?.resolve();
  }

  guard(what: string, fn: () => void | Promise<void>): void {
    try {
      const r = fn();
      if (r) r.catch((err) => this.internal(what, err));
    } catch (err) {
      this.internal(what, err);
    }
  }

  private internal(what: string, err: unknown): void {
    this.rt.logger.error(`${this.rt.id}: connection ${this.id}: ${what} handler failed: ${(err as Error).stack ?? String(err)}`);
    try {
      this.error('internal', 'the server failed to handle this frame');
    } catch {
      // the socket is gone: nothing to tell
    }
  }
}
