/**
 * Per-stream throttle with batching (`limits.throttle`): the first event of a type after a quiet
 * window goes out at once; later ones within the window are merged into one batch sent when the
 * window closes, which opens the next window. Timers are owned here and cleared on reset/close.
 */
import type { Frame } from './frames.js';

export interface Batcher {
  /** Folds `next` into the pending batch `pending`. */
  merge(pending: Frame, next: Frame): Frame;
  /** Splits an over-full batch: what goes out now and what rolls into the next window. */
  split?(batch: Frame): [Frame, Frame | undefined];
}

interface Window {
  timer: NodeJS.Timeout;
  pending?: Frame;
  waiters: { resolve(seq: number): void; reject(err: unknown): void }[];
}

export class Throttle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly batcher: Batcher,
    private readonly publish: (stream: string, frame: Frame) => Promise<number>,
  ) {}

  /** Publishes now or batches; resolves with the seq of the frame that carried this event. */
  submit(stream: string, frame: Frame): Promise<number> {
    const key = `${stream}\u0000${String(frame.type)}`;
    const w = this.windows.get(key);
    if (!w) {
      this.open(key, stream);
      return this.publish(stream, frame);
    }
    w.pending = w.pending ? this.batcher.merge(w.pending, frame) : frame;
    return new Promise((resolve, reject) => w.waiters.push({ resolve, reject }));
  }

  private open(key: string, stream: string): void {
    const w: Window = { timer: setTimeout(() => this.close(key, stream), this.windowMs), waiters: [] };
    this.windows.set(key, w);
  }

  private close(key: string, stream: string): void {
    const w = this.windows.get(key);
    this.windows.delete(key);
    if (!w?.pending) return;
    const [now, rest] = this.batcher.split ? this.batcher.split(w.pending) : [w.pending, undefined];
    this.open(key, stream);
    let waiters = w.waiters;
    if (rest) {
      // Items beyond the batch limit roll into the next window; their triggers resolve with it.
      const next = this.windows.get(key)!;
      next.pending = rest;
      next.waiters.push(...waiters);
      waiters = [];
    }
    this.publish(stream, now).then(
      (seq) => waiters.forEach((x) => x.resolve(seq)),
      (err) => waiters.forEach((x) => x.reject(err)),
    );
  }

  /** Drops pending batches (their triggers fail) and clears every timer. */
  reset(): void {
    for (const w of this.windows.values()) {
      clearTimeout(w.timer);
      for (const x of w.waiters) x.reject(new Error('throttle reset before the batch was sent'));
    }
    this.windows.clear();
  }

  get pendingWindows(): number {
    return this.windows.size;
  }
}
