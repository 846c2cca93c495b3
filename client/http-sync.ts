/**
 * The streams' HTTP side, over the contract's polling endpoint: fill a gap (resync), stand in for
 * the socket while it is down (fallback polling), and fetch the state a `hint` event points at
 * (refresh). One read at a time per stream: while it runs, live events wait in the cursor, so a
 * snapshot is never shown after an event newer than it, and a burst of hints costs one read more.
 */
import type { ClientContract } from './contract.js';
import type { SeqEvent, StreamCursor } from './cursor.js';
import { endpointFor, type FetchLike, poll, type PollResult } from './poller.js';
import type { ClientError, ClientOptions, ClientState, ResyncInfo, ResyncReason, SnapshotCause, SnapshotInfo } from './types.js';

type Frame = Record<string, unknown>;

/** What the HTTP side needs of the client it serves. */
export interface SyncHost {
  readonly contract: ClientContract<any>;
  readonly options: ClientOptions;
  readonly fetch: FetchLike | undefined;
  readonly httpUrl: string;
  readonly signal: AbortSignal;
  readonly state: ClientState;
  cursor(stream: string): StreamCursor | undefined;
  streams(): Iterable<string>;
  token(reason: 'poll'): Promise<string | undefined>;
  /** An event read over HTTP: it goes through the cursor like a live one. */
  offer(frame: Frame): void;
  deliverAll(events: SeqEvent[]): void;
  resync(info: ResyncInfo): void;
  snapshot(info: SnapshotInfo): void;
  report(error: ClientError): void;
}

/**
 * Waits before re-reading the state after a hint whose state the endpoint did not serve yet (a
 * failed read, or a body older than the hint: a replica behind the socket). About 3.75 s in all.
 */
const HINT_RETRY_MS = [250, 500, 1000, 2000] as const;

interface StreamHttp {
  /** The read in progress, if any. */
  reading?: Promise<unknown> | undefined;
  /** One trailing read serves every refresh asked for while a read was in progress. */
  trailing?: Promise<boolean> | undefined;
  /** A resync the server asked for while another read was in progress: it runs next. */
  fillAfter?: ResyncReason | undefined;
  /** The newest hint whose state has not been shown yet. */
  hint?: { seq: number; frame: Frame } | undefined;
  hintScheduled?: boolean;
  hintRetries: number;
  hintTimer?: ReturnType<typeof setTimeout> | undefined;
  pollTimer?: ReturnType<typeof setTimeout> | undefined;
}

export class HttpSync {
  private readonly perStream = new Map<string, StreamHttp>();

  constructor(private readonly host: SyncHost) {}

  private of(stream: string): StreamHttp {
    let s = this.perStream.get(stream);
    if (!s) this.perStream.set(stream, (s = { hintRetries: 0 }));
    return s;
  }

  /** The stream was left: its timers stop and its pending hint is dropped. */
  forget(stream: string): void {
    const s = this.perStream.get(stream);
    if (!s) return;
    clearTimeout(s.hintTimer);
    clearTimeout(s.pollTimer);
    this.perStream.delete(stream);
  }

  stop(): void {
    for (const stream of [...this.perStream.keys()]) this.forget(stream);
  }

  // ── hints and refresh ──────────────────────────────────────────────────────

  /**
   * A `hint` event was delivered: fetch the state it points at. Hints delivered together (a replay)
   * share one read; hints arriving during a read wait in the cursor and are covered by its snapshot
   * when its `seq` reaches them.
   */
  hinted(cursor: StreamCursor, seq: number, frame: Frame): void {
    const s = this.of(cursor.stream);
    if (!s.hint || seq > s.hint.seq) s.hint = { seq, frame };
    s.hintRetries = 0;
    clearTimeout(s.hintTimer);
    if (s.hintScheduled) return;
    s.hintScheduled = true;
    queueMicrotask(() => {
      s.hintScheduled = false;
      if (this.perStream.get(cursor.stream) === s && s.hint) void this.refresh(cursor, 'hint');
    });
  }

  /** Reads the stream's endpoint now, or once the read in progress is done (requests meanwhile share that one). */
  refresh(cursor: StreamCursor, cause: Extract<SnapshotCause, 'hint' | 'refresh'>): Promise<boolean> {
    const s = this.of(cursor.stream);
    if (!s.reading) return this.exclusive(cursor, () => this.read(cursor, { cause }), 'fill-gaps');
    s.trailing ??= s.reading.then(() => {
      s.trailing = undefined;
      return this.host.cursor(cursor.stream) === cursor ? this.refresh(cursor, cause) : false;
    });
    return s.trailing;
  }

  /** After a read: a hint whose state was not served is tried again, a few times, then reported. */
  private retryHint(cursor: StreamCursor): void {
    const s = this.perStream.get(cursor.stream);
    if (!s?.hint || s.hintScheduled || s.trailing || this.host.state === 'closed') return;
    const delay = HINT_RETRY_MS[s.hintRetries];
    if (delay === undefined) {
      this.host.report({ kind: 'stale-state', message: `the state of "${cursor.stream}" after hint seq ${s.hint.seq} (${String(s.hint.frame.type)}) could not be fetched: gave up after ${HINT_RETRY_MS.length + 1} reads`, stream: cursor.stream, data: s.hint.frame });
      s.hint = undefined;
      return;
    }
    s.hintRetries++;
    clearTimeout(s.hintTimer);
    s.hintTimer = setTimeout(() => {
      if (this.perStream.get(cursor.stream) === s && s.hint) void this.refresh(cursor, 'hint');
    }, delay);
  }

  // ── resync ─────────────────────────────────────────────────────────────────

  /** Fills a stream's gap over its endpoint, then releases the held live events. */
  async fill(cursor: StreamCursor, reason: ResyncReason): Promise<void> {
    const s = this.of(cursor.stream);
    if (this.host.state === 'closed') return;
    if (s.reading) {
      s.fillAfter ??= reason;
      return;
    }
    if (reason === 'stream_reset') cursor.seq = 0;
    await this.exclusive(cursor, () => this.read(cursor, { cause: 'resync', reason }), 'give-up-gaps', reason);
  }

  // ── fallback polling ───────────────────────────────────────────────────────

  enterPolling(): void {
    for (const stream of this.host.streams()) this.schedulePoll(stream, 0);
  }

  stopPolling(): void {
    for (const s of this.perStream.values()) clearTimeout(s.pollTimer);
  }

  schedulePoll(stream: string, delayMs: number): void {
    const s = this.of(stream);
    clearTimeout(s.pollTimer);
    s.pollTimer = setTimeout(async () => {
      const cursor = this.host.cursor(stream);
      if (!cursor || this.host.state !== 'polling') return;
      if (!s.reading) await this.exclusive(cursor, () => this.read(cursor, { cause: 'poll' }), 'keep-gaps');
      if (this.host.state !== 'polling' || this.perStream.get(stream) !== s) return;
      const endpoint = endpointFor(this.host.contract, this.host.options.pollingEndpoint?.(stream));
      this.schedulePoll(stream, this.host.options.pollIntervalMs ?? endpoint?.intervalMs ?? 5000);
    }, delayMs);
  }

  // ── one read ───────────────────────────────────────────────────────────────

  /**
   * Runs one read with the stream's live events held, then releases them. A gap still open after
   * it is filled (`fill-gaps`), given up as lost (`give-up-gaps`, after a resync) or left to the next
   * poll (`keep-gaps`).
   */
  private async exclusive(cursor: StreamCursor, body: () => Promise<boolean>, gaps: 'fill-gaps' | 'give-up-gaps' | 'keep-gaps', reason?: ResyncReason): Promise<boolean> {
    const s = this.of(cursor.stream);
    cursor.filling = true;
    const run = body();
    s.reading = run.catch(() => undefined);
    let ok = false;
    try {
      ok = await run;
    } finally {
      cursor.filling = false;
      s.reading = undefined;
    }
    if (this.host.cursor(cursor.stream) !== cursor) return ok;
    if (gaps !== 'keep-gaps') cursor.missingUpTo = undefined;
    this.host.deliverAll(cursor.drain());
    if (cursor.heldFrom !== undefined && gaps === 'give-up-gaps') {
      this.giveUpGap(cursor, reason ?? 'gap');
      this.host.deliverAll(cursor.drain());
    }
    const next = s.fillAfter ?? (cursor.heldFrom !== undefined && gaps === 'fill-gaps' ? 'gap' : undefined);
    s.fillAfter = undefined;
    if (next) await this.fill(cursor, next);
    this.retryHint(cursor);
    return ok;
  }

  /** One read of the endpoint, applied. Returns false when it failed or its state was older than the stream's. */
  private async read(cursor: StreamCursor, why: { cause: SnapshotCause; reason?: ResyncReason }): Promise<boolean> {
    const { host } = this;
    const endpoint = endpointFor(host.contract, host.options.pollingEndpoint?.(cursor.stream));
    if (!endpoint || !host.fetch) {
      host.report({ kind: 'no-polling-endpoint', message: `${host.contract.id} has no polling endpoint for stream "${cursor.stream}"`, stream: cursor.stream });
      if (why.reason) this.giveUpGap(cursor, why.reason);
      this.of(cursor.stream).hint = undefined; // nothing to refetch from, ever
      return false;
    }
    const token = await host.token('poll');
    const result = await poll(endpoint, { httpUrl: host.httpUrl, stream: cursor.stream, params: host.options.params ?? {}, after: cursor.seq, token, fetch: host.fetch, signal: host.signal });
    if (host.state === 'closed' || host.cursor(cursor.stream) !== cursor) return false;
    if (!result.ok) {
      host.report({ kind: 'poll-failed', message: result.message, stream: cursor.stream });
      if (why.reason) this.giveUpGap(cursor, why.reason);
      return false;
    }
    return result.kind === 'snapshot' ? this.applySnapshot(cursor, result, why) : this.applyFeed(cursor, result, why.reason);
  }

  /**
   * A snapshot replaces the app's state, so it must not be older than what the app already has:
   * below the cursor it is dropped (a lagging replica). Fallback polling is the exception: with the
   * socket down the endpoint is the only source, and a seq that went back is a restarted stream.
   */
  private applySnapshot(cursor: StreamCursor, result: Extract<PollResult, { kind: 'snapshot' }>, why: { cause: SnapshotCause; reason?: ResyncReason }): boolean {
    const { host } = this;
    const s = this.of(cursor.stream);
    const stream = cursor.stream;
    const before = cursor.seq;
    if (why.cause !== 'poll' && before !== undefined && result.seq < before) {
      if (why.cause !== 'hint') host.report({ kind: 'stale-state', message: `GET ${stream}'s state reflects seq ${result.seq}, older than seq ${before} already delivered: not shown`, stream, data: result.body });
      if (why.reason) host.resync({ stream, reason: why.reason, via: 'none', seq: before });
      return false;
    }
    const hint = s.hint && result.seq >= s.hint.seq ? s.hint.frame : undefined;
    if (hint) s.hint = undefined;
    cursor.seq = result.seq;
    if (why.reason) host.resync({ stream, reason: why.reason, via: 'snapshot', seq: result.seq, snapshot: result.body });
    // A fallback poll that saw nothing new stays quiet; every other read was asked for and is shown.
    if (why.cause === 'poll' && before === result.seq && !hint) return true;
    host.snapshot({ stream, seq: result.seq, state: result.body, cause: why.cause, ...(hint ? { hint } : {}) });
    return true;
  }

  private applyFeed(cursor: StreamCursor, result: Extract<PollResult, { kind: 'feed' }>, reason: ResyncReason | undefined): boolean {
    const { host } = this;
    if (reason) host.resync({ stream: cursor.stream, reason, via: 'feed', seq: result.seq });
    cursor.filling = false; // polled items go through the cursor like live ones
    for (const item of result.items) {
      const checked = host.contract.validate(item);
      if (!checked.ok) {
        host.report({ kind: 'invalid-frame', message: `polled item: ${checked.error.message}`, stream: cursor.stream, data: item });
        continue;
      }
      host.offer(checked.message as Frame);
    }
    cursor.filling = true;
    // The feed had everything it still retains: a hole before the held events is gone for good.
    // Say so and continue after it (a contiguous hold loses nothing here).
    if (cursor.heldFrom !== undefined) this.giveUpGap(cursor, reason ?? 'gap');
    // A feed's events are the state: a hint it delivered needs nothing more once the feed reached it.
    const s = this.of(cursor.stream);
    if (s.hint && result.seq >= s.hint.seq) s.hint = undefined;
    return true;
  }

  private giveUpGap(cursor: StreamCursor, reason: ResyncReason): void {
    const from = (cursor.seq ?? 0) + 1;
    cursor.skipToHeld();
    const to = cursor.seq ?? from - 1;
    if (to >= from) this.host.report({ kind: 'lost', message: `seq ${from}..${to} of "${cursor.stream}" could not be recovered (${reason})`, stream: cursor.stream });
  }
}
