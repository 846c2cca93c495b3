/**
 * What one client connection knows about its streams: what it subscribed to, what the server acked
 * as unsubscribed, the last `seq` seen per stream. Checks read it; `observeSent` and
 * `observeReceived` update it after the checks of a frame have run. It survives a resuming reconnect.
 */
import type { UserClaims } from '../protocol/claims.js';
import type { ReceivedFrame } from './checks/check.js';
import type { ChannelView } from './contract-view.js';

export class ConnectionState {
  /** Streams requested (subscribe sent, or the stream in the URL). */
  readonly subscribed = new Set<string>();
  /** Streams whose unsubscribe the server acknowledged. */
  readonly unsubscribed = new Set<string>();
  private readonly unsubscribing = new Set<string>();
  /** Last seq seen per stream; absent until a baseline exists. */
  readonly lastSeq = new Map<string, number>();
  /** Streams whose current subscription asked to resume (their ack's `seq` is not a baseline). */
  private readonly resuming = new Set<string>();
  /**
   * The client narrowed what the server delivers without leaving the stream (media-timeline's topic
   * `unsubscribe`): events of other topics still consume `seq`, so gaps are expected from then on.
   */
  narrowed = false;
  /** Negotiated wire major, when known. */
  version: number | undefined;
  /** Event frames received per stream (for polling consistency), in arrival order. */
  readonly events = new Map<string, ReceivedFrame[]>();

  constructor(
    readonly channel: ChannelView,
    readonly claims: UserClaims,
  ) {}

  /** The stream in the connection URL (path-addressed channels without a subscribe message). */
  joinAddressStream(stream: string): void {
    this.subscribed.add(stream);
    this.unsubscribed.delete(stream);
  }

  /** Forget everything but the claims (a reconnect without resume). */
  reset(): void {
    this.subscribed.clear();
    this.unsubscribed.clear();
    this.unsubscribing.clear();
    this.lastSeq.clear();
    this.resuming.clear();
    this.narrowed = false;
  }

  observeSent(frame: unknown): void {
    const rule = this.channel.channel.stream;
    if (!rule || !frame || typeof frame !== 'object') return;
    const f = frame as Record<string, unknown>;
    if (!rule.unsubscribe && f.type === 'unsubscribe') this.narrowed = true;
    const stream = f[rule.key];
    if (typeof stream !== 'string') return;
    if (f.type === rule.subscribe) {
      this.subscribed.add(stream);
      this.unsubscribed.delete(stream);
      this.unsubscribing.delete(stream);
      if (typeof f.lastSeq === 'number') {
        this.lastSeq.set(stream, f.lastSeq);
        this.resuming.add(stream);
      } else {
        this.lastSeq.delete(stream);
        this.resuming.delete(stream);
      }
    } else if (f.type === rule.unsubscribe) {
      this.unsubscribing.add(stream);
    }
  }

  observeReceived(frame: ReceivedFrame): void {
    const f = frame.json as Record<string, unknown> | undefined;
    if (!f || typeof f !== 'object') return;
    const key = this.channel.channel.stream?.key;
    const streamField = key ? f[key] : undefined;
    if (frame.message && !frame.message.control && frame.stream !== undefined) {
      if (frame.seq !== undefined) this.lastSeq.set(frame.stream, Math.max(frame.seq, this.lastSeq.get(frame.stream) ?? 0));
      const list = this.events.get(frame.stream) ?? [];
      list.push(frame);
      this.events.set(frame.stream, list);
      return;
    }
    if (frame.type && typeof streamField === 'string') {
      if (this.channel.unsubscribeAcks.has(frame.type) && this.unsubscribing.delete(streamField)) {
        this.subscribed.delete(streamField);
        this.unsubscribed.add(streamField);
      }
      // A subscribe ack that states the stream's current seq is the baseline of a fresh subscription.
      if (this.channel.subscribeAcks.has(frame.type) && typeof f.seq === 'number' && !this.resuming.has(streamField)) {
        this.lastSeq.set(streamField, f.seq);
      }
    }
    // resync: the client refetches over HTTP and continues after `seq`.
    // (flat, or in the `payload` envelope media-timeline uses)
    const r = typeof f.stream === 'string' ? f : (f.payload as Record<string, unknown> | undefined) ?? {};
    if (frame.type === 'resync' && typeof r.stream === 'string' && typeof r.seq === 'number') {
      this.lastSeq.set(r.stream, r.seq);
      this.resuming.delete(r.stream);
    }
  }
}
