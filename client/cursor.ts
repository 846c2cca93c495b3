/**
 * Per-stream position: the last `seq` handed to the app, and the events held back while a gap is
 * being filled. Everything that reaches the app (socket frames, replays, polled pages) passes here,
 * so whatever the source, an event is delivered once and in `seq` order.
 */

export type Verdict = 'deliver' | 'duplicate' | 'gap' | 'hold';

export interface SeqEvent {
  seq: number;
  frame: Record<string, unknown>;
}

export class StreamCursor {
  /** Last seq delivered; undefined until the stream's position is known. */
  seq: number | undefined;
  /** True while a fill over HTTP is running: live events wait in `held`. */
  filling = false;
  /** The server announced a position this far but will not replay up to it (resume ignored). */
  missingUpTo: number | undefined;
  private held: SeqEvent[] = [];

  constructor(readonly stream: string, start?: number) {
    this.seq = start;
  }

  /** What to do with an incoming event. `deliver` advances the cursor; `hold` and `gap` keep it. */
  offer(event: SeqEvent): Verdict {
    if (this.seq !== undefined && event.seq <= this.seq) return 'duplicate';
    if (this.filling) {
      this.hold(event);
      return 'hold';
    }
    if (this.seq === undefined || event.seq === this.seq + 1) {
      this.seq = event.seq;
      return 'deliver';
    }
    this.hold(event);
    return 'gap';
  }

  private hold(event: SeqEvent): void {
    if (this.held.some((e) => e.seq === event.seq)) return;
    this.held.push(event);
    this.held.sort((a, b) => a.seq - b.seq);
  }

  /** Held events that now follow the cursor without a gap, removed from the hold; stale ones are dropped. */
  drain(): SeqEvent[] {
    const out: SeqEvent[] = [];
    this.held = this.held.filter((e) => this.seq === undefined || e.seq > this.seq);
    while (this.held.length && (this.seq === undefined || this.held[0]!.seq === this.seq + 1)) {
      const next = this.held.shift()!;
      this.seq = next.seq;
      out.push(next);
    }
    return out;
  }

  /** Lowest held seq (a gap still open up to it), if any. */
  get heldFrom(): number | undefined {
    return this.held[0]?.seq;
  }

  /** Gives up on a gap that cannot be filled: jump to just before the first held event. */
  skipToHeld(): void {
    if (this.held.length) this.seq = this.held[0]!.seq - 1;
  }
}
