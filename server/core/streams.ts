/**
 * The streams of one contract: per-stream `seq`, a bounded replay buffer for resume, the local
 * subscribers, and the projected state the polling endpoint serves. Publishing goes through the
 * backplane; what comes back from it is applied here (buffer, state, fan-out) so every instance
 * tells the same story.
 */
import type { Backplane, StreamEvent } from './backplane.js';
import type { Frame } from './frames.js';

/** A local receiver of a stream's events (a WebSocket session). */
export interface Subscriber {
  readonly id: number;
  deliver(stream: string, frame: Frame): void;
  /** Sends a control frame (`resync` when this instance learns it missed events of the stream). */
  control?(type: string, fields: Record<string, unknown>): void;
  /** Resolves once what was delivered reached the socket (used only by the `fanout-blocking` mutant). */
  flushed?(): Promise<void>;
}

/** What a contract's projection does with the events of one stream. */
export interface Projection<S = unknown> {
  initial(stream: string): S;
  apply(state: S, frame: Frame): void;
}

export interface StreamState {
  readonly id: string;
  /** Latest `seq` applied on this instance (0: no event yet). */
  seq: number;
  /** The newest events, oldest first, at most `replayBuffer` of them. */
  buffer: Frame[];
  subscribers: Set<Subscriber>;
  /** The contract's projected state (what the polling endpoint returns). */
  state: unknown;
  /** Serializes publishes of this stream so seq order equals delivery order. */
  chain: Promise<unknown>;
}

export type ResumePlan =
  | { kind: 'live'; seq: number }
  | { kind: 'replay'; seq: number; frames: Frame[] }
  | { kind: 'resync'; seq: number; reason: 'gap_too_old' | 'stream_reset' };

/** What the registry counted since start, for `/metrics` (never reset, as Prometheus counters). */
export interface StreamCounters {
  /** Events this instance published (seq assigned). */
  published: number;
  /** Event frames handed to local subscribers (one per subscriber). */
  delivered: number;
  /** Events replayed to resuming clients. */
  replayed: number;
  /** `resync` answers: resumes beyond the buffer or ahead of the stream, and subscribers told after a gap. */
  resyncs: number;
}

export class StreamRegistry {
  private readonly streams = new Map<string, StreamState>();
  private generation = 0;
  readonly counters: StreamCounters = { published: 0, delivered: 0, replayed: 0, resyncs: 0 };

  constructor(
    readonly contract: string,
    private readonly replayBuffer: number,
    private readonly backplane: Backplane,
    private readonly projection: Projection,
    private readonly onDeliveryError: (err: unknown) => void,
    private readonly gapsTellClients = true,
  ) {}

  get(stream: string): StreamState {
    let s = this.streams.get(stream);
    if (!s) {
      s = { id: stream, seq: 0, buffer: [], subscribers: new Set(), state: this.projection.initial(stream), chain: Promise.resolve() };
      this.streams.set(stream, s);
    }
    return s;
  }

  peek(stream: string): StreamState | undefined {
    return this.streams.get(stream);
  }

  /** Stamps the next seq on `frame` and publishes it; resolves with the seq once delivered locally. */
  publish(stream: string, frame: Frame): Promise<number> {
    const s = this.get(stream);
    const generation = this.generation;
    const run = s.chain.then(async () => {
      if (generation !== this.generation) throw new Error('streams were reset while publishing');
      if (this.backplane.publishNext) return this.backplane.publishNext(this.contract, stream, frame);
      const seq = await this.backplane.nextSeq(this.contract, stream);
      const stamped: Frame = { ...frame, seq };
      await this.backplane.publish({ contract: this.contract, stream, seq, frame: orderKeys(stamped) });
      return seq;
    });
    s.chain = run.catch(() => undefined);
    return run.then((seq) => {
      this.counters.published++;
      return seq;
    });
  }

  /**
   * An event from the backplane: buffer it, project it, fan it out. Duplicates (seq already seen) are
   * dropped. `gapsTellClients: false` (a fault) lets a jump reach the subscribers silently.
   */
  receive(event: StreamEvent): void {
    const s = this.get(event.stream);
    if (event.seq <= s.seq) return;
    // A jump means this instance missed events that the backplane could not give back (beyond the
    // durable history, or Redis lost it): the buffer must not pretend to be contiguous, so a resume
    // from before the jump gets resync, and the live subscribers get `resync` instead of a silent gap.
    const jumped = event.seq !== s.seq + 1;
    if (jumped) s.buffer.length = 0;
    if (jumped && s.seq > 0 && this.gapsTellClients) return this.applyAfterGap(s, event);
    s.seq = event.seq;
    s.buffer.push(event.frame);
    if (s.buffer.length > this.replayBuffer) s.buffer.splice(0, s.buffer.length - this.replayBuffer);
    try {
      this.projection.apply(s.state, event.frame);
    } catch (err) {
      this.onDeliveryError(err);
    }
    this.counters.delivered += s.subscribers.size;
    for (const sub of s.subscribers) {
      try {
        sub.deliver(event.stream, event.frame);
      } catch (err) {
        this.onDeliveryError(err);
      }
    }
  }

  /** The event after a gap: applied and buffered, and each subscriber told to resync (its snapshot includes this event). */
  private applyAfterGap(s: StreamState, event: StreamEvent): void {
    s.seq = event.seq;
    s.buffer.push(event.frame);
    try {
      this.projection.apply(s.state, event.frame);
    } catch (err) {
      this.onDeliveryError(err);
    }
    this.counters.resyncs += s.subscribers.size;
    for (const sub of s.subscribers) {
      try {
        sub.control?.('resync', { stream: event.stream, seq: event.seq, reason: 'gap_too_old' });
      } catch (err) {
        this.onDeliveryError(err);
      }
    }
  }

  /** How to serve a client resuming after `lastSeq` (undefined: live only). */
  resume(stream: string, lastSeq: number | undefined): ResumePlan {
    const plan = this.plan(stream, lastSeq);
    if (plan.kind === 'resync') this.counters.resyncs++;
    if (plan.kind === 'replay') this.counters.replayed += plan.frames.length;
    return plan;
  }

  private plan(stream: string, lastSeq: number | undefined): ResumePlan {
    const s = this.get(stream);
    if (lastSeq === undefined || lastSeq === s.seq) return { kind: 'live', seq: s.seq };
    if (lastSeq > s.seq) return { kind: 'resync', seq: s.seq, reason: 'stream_reset' };
    const oldest = s.buffer[0]?.seq as number | undefined;
    if (oldest === undefined || oldest > lastSeq + 1) return { kind: 'resync', seq: s.seq, reason: 'gap_too_old' };
    return { kind: 'replay', seq: s.seq, frames: s.buffer.filter((f) => (f.seq as number) > lastSeq) };
  }

  subscribe(stream: string, sub: Subscriber): void {
    this.get(stream).subscribers.add(sub);
  }

  unsubscribe(stream: string, sub: Subscriber): boolean {
    return this.streams.get(stream)?.subscribers.delete(sub) ?? false;
  }

  /** Forget every stream: seq, buffer, state, subscribers. */
  reset(): void {
    this.generation++;
    this.streams.clear();
  }

  /** Subscriber count and seq per stream, for `/metrics`. */
  stats(): Record<string, { subscribers: number; seq: number; buffered: number }> {
    const out: Record<string, { subscribers: number; seq: number; buffered: number }> = {};
    for (const [id, s] of this.streams) out[id] = { subscribers: s.subscribers.size, seq: s.seq, buffered: s.buffer.length };
    return out;
  }
}

/** `type` and `seq` first, then the rest: frames read well in transcripts. */
function orderKeys(frame: Frame): Frame {
  const { type, seq, ...rest } = frame;
  return { type, seq, ...rest };
}
