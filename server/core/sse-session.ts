/**
 * One Server-Sent Events stream (docs/conventions.md "Server-Sent Events"): the subscriber of one
 * stream that writes each frame as an SSE event — `id:` = `seq` for events, `event:` = `type`,
 * `data:` = the very JSON frame a WebSocket carries — plus `: ping` comments from its channel's
 * heartbeat sweep. Like a WebSocket session it holds no timer or closure of its own.
 */
import type { ServerResponse } from 'node:http';
import type { SpecwireClaims } from '../../protocol/claims.js';
import type { MessageModel } from '../../contract/model.js';
import type { ContractRuntime, SseChannelRuntime } from './contract-runtime.js';
import { outboundFilter, type OutboundFilter, sseWriteWithFaults } from './fault-injection.js';
import { type ErrorCode, type Frame, shapeFrame } from './frames.js';
import type { SessionApi } from './session-api.js';
import type { Subscriber } from './streams.js';

/** A stream whose client does not read is ended rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let nextId = 1_000_000_000; // apart from WebSocket session ids in logs

/** One SSE text per fanned-out frame, not one per subscriber. */
const texts = new WeakMap<Frame, string>();

/** The SSE event of `frame`: `id:` only for stream events (control frames keep the browser's last id). */
export function sseEventText(frame: Frame, message: MessageModel | undefined): string {
  let text = texts.get(frame);
  if (text === undefined) {
    const id = message && !message.control && typeof frame.seq === 'number' ? `id: ${frame.seq}\n` : '';
    text = `${id}event: ${String(frame.type)}\ndata: ${JSON.stringify(frame)}\n\n`;
    texts.set(frame, text);
  }
  return text;
}

/** The comment line of the heartbeat sweep. */
export const SSE_PING = ': ping\n\n';

function onResponseClose(this: ServerResponse & { [SESSION]?: SseSession }): void {
  this[SESSION]?.cleanup();
}
const SESSION = Symbol('specwire.sse-session');

export class SseSession implements Subscriber, SessionApi {
  readonly id = nextId++;
  readonly subscriptions = new Set<string>();
  private scratch: Record<string, unknown> | undefined;
  private closed = false;
  private cleanupDone = false;
  private whenDone: { promise: Promise<void>; resolve: () => void } | undefined;
  private readonly outbound: OutboundFilter | undefined;
  /** The mutant zoo's SSE write fault (buffering, missing id, wrong name); undefined in normal use. */
  private readonly writeFault: ((text: string, write: (text: string) => void) => void) | undefined;

  constructor(
    private readonly rt: ContractRuntime,
    private readonly channel: SseChannelRuntime,
    private readonly res: ServerResponse,
    readonly claims: SpecwireClaims,
    readonly params: Record<string, string>,
    readonly stream: string,
    private readonly onClosed: () => void,
  ) {
    this.outbound = outboundFilter(rt.faults, { eventMessage: (type) => rt.events.get(type)?.message });
    this.writeFault = sseWriteWithFaults(rt.faults);
  }

  get contract(): string {
    return this.rt.id;
  }

  get data(): Record<string, unknown> {
    return (this.scratch ??= {});
  }

  get done(): Promise<void> {
    if (this.cleanupDone) return Promise.resolve();
    if (!this.whenDone) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.whenDone = { promise, resolve };
    }
    return this.whenDone.promise;
  }

  /**
   * Writes the head and the greeting, replays after `lastSeq` (or sends `resync`) and joins the
   * stream, all in one turn so no live event can slip in between.
   */
  start(lastSeq: number | undefined, headers: Record<string, string>): void {
    const res = this.res as ServerResponse & { [SESSION]?: SseSession };
    res[SESSION] = this;
    res.on('close', onResponseClose);
    this.rt.sessions.add(this);
    this.channel.sessions.add(this);
    res.writeHead(200, headers);
    res.flushHeaders(); // the head goes out now: the EventSource is open before the first event
    this.writeText(`retry: ${this.channel.retryMs}\n\n`);
    const plan = this.rt.streams.resume(this.stream, lastSeq);
    const frames = plan.kind === 'replay' ? plan.frames.filter((f) => this.accepts(f)) : [];
    const info = { stream: this.stream, seq: plan.seq, replaying: frames.length, state: this.rt.streams.get(this.stream).state };
    const hello = this.rt.adapter.hello?.(this, info);
    if (hello && this.channel.serverTypes.has(String(hello.type))) this.send(hello);
    else if (this.channel.greeting) this.send(shapeFrame(this.channel.greeting, { [this.channel.streamKey]: this.stream, seq: plan.seq, replaying: lastSeq === undefined ? undefined : frames.length }));
    if (plan.kind === 'resync') this.control('resync', { stream: this.stream, seq: plan.seq, reason: plan.reason });
    for (const f of frames) this.sendRaw(f);
    this.subscriptions.add(this.stream);
    this.rt.streams.subscribe(this.stream, this);
  }

  private accepts(frame: Frame): boolean {
    return this.rt.adapter.accepts ? this.rt.adapter.accepts(this, frame) : true;
  }

  // ── outbound ───────────────────────────────────────────────────────────────

  deliver(stream: string, frame: Frame): void {
    if (!this.subscriptions.has(stream) || !this.accepts(frame)) return;
    this.sendRaw(frame);
  }

  send(frame: Frame): void {
    const message = this.channel.serverTypes.get(String(frame.type));
    const error = message ? this.rt.outboundError(frame) : `no server message of type "${String(frame.type)}" on ${this.channel.model.address}`;
    if (error) {
      this.rt.logger.error(`${this.rt.id}: refusing to send an invalid ${String(frame.type)} event to SSE stream ${this.id}: ${error}`);
      return;
    }
    this.sendRaw(frame);
  }

  control(type: string, fields: Record<string, unknown>): void {
    const message = this.channel.serverTypes.get(type);
    if (!message) {
      this.rt.logger.error(`${this.rt.id}: SSE channel ${this.channel.model.address} declares no "${type}" event`);
      return;
    }
    this.send(shapeFrame(message, fields));
  }

  /** An SSE stream has no client frames to answer: an error is only logged. */
  error(code: ErrorCode, message: string): void {
    this.rt.logger.warn(`${this.rt.id}: SSE stream ${this.id}: ${code}: ${message}`);
  }

  streamExists(stream: string): boolean {
    return this.rt.streamExists(stream);
  }

  resume(stream: string, lastSeq: number): number {
    const plan = this.rt.streams.resume(stream, lastSeq);
    const frames = plan.kind === 'replay' ? plan.frames.filter((f) => this.accepts(f)) : [];
    if (plan.kind === 'resync') this.control('resync', { stream, seq: plan.seq, reason: plan.reason });
    for (const f of frames) this.sendRaw(f);
    return frames.length;
  }

  async publish(type: string, stream: string, overrides: Record<string, unknown>): Promise<number> {
    const built = this.rt.buildEvent(type, stream, undefined, overrides);
    if (!built.ok) throw new Error(built.error);
    return this.rt.publish(stream, built.frame);
  }

  private sendRaw(frame: Frame): void {
    if (this.outbound) return this.outbound(frame, (f) => this.writeFrame(f));
    this.writeFrame(frame);
  }

  private writeFrame(frame: Frame | string): void {
    // The outbound faults may turn a frame into plain text: it still goes out as one event's data.
    const text = typeof frame === 'string' ? `data: ${frame}\n\n` : sseEventText(frame, this.channel.serverTypes.get(String(frame.type)));
    this.writeText(text);
  }

  /** The one place text is written to the response. */
  private writeText(text: string): void {
    if (this.closed || this.res.destroyed) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.rt.logger.warn(`${this.rt.id}: SSE stream ${this.id} is not reading (${this.res.writableLength} bytes buffered): ended`);
      this.terminate();
      return;
    }
    if (this.writeFault) this.writeFault(text, (t) => this.res.write(t));
    else this.res.write(text);
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────

  /** Called by the channel's heartbeat sweep. */
  heartbeat(): void {
    if (!this.rt.faults.has('sse-no-heartbeat')) this.writeText(SSE_PING);
  }

  /** SSE has no protocol ping: its heartbeat is the comment sweep, and a dead peer surfaces as a failed write. */
  protocolPing(): void {}

  /** A client never sends on an SSE stream, so silence is not idleness. */
  idleCheck(): void {}

  /** Ends the stream (SSE has no close codes: a browser reconnects after `retry`). */
  close(_code: number, _reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.res.end();
  }

  terminate(): void {
    this.closed = true;
    this.res.destroy();
    this.cleanup();
  }

  cleanup(): void {
    if (this.cleanupDone) return;
    this.cleanupDone = true;
    this.closed = true;
    for (const s of this.subscriptions) this.rt.streams.unsubscribe(s, this);
    this.subscriptions.clear();
    this.rt.sessions.delete(this);
    this.channel.sessions.delete(this);
    this.onClosed();
    this.whenDone?.resolve();
  }
}
