import { describe, expect, it } from 'vitest';
import { Backoff, WINDOW_MS } from '../../client/backoff.js';
import { StreamCursor } from '../../client/cursor.js';

describe('Backoff', () => {
  it('doubles from initialMs up to maxMs, with the jitter in the upper half', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0, maxAttemptsPerMinute: 1000 });
    const high = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999, maxAttemptsPerMinute: 1000 });
    const lows: number[] = [];
    const highs: number[] = [];
    for (let i = 0; i < 6; i++) {
      lows.push(low.nextDelay(0));
      highs.push(Math.round(high.nextDelay(0)));
      low.failed();
      high.failed();
    }
    expect(lows).toEqual([50, 100, 200, 400, 500, 500]);
    expect(highs).toEqual([100, 200, 400, 800, 1000, 1000]);
    low.succeeded();
    expect(low.nextDelay(0)).toBe(50);
  });

  it('never allows more attempts per rolling minute than its budget', () => {
    const b = new Backoff({ initialMs: 1, maxMs: 1, maxAttemptsPerMinute: 3, random: () => 0 });
    let now = 0;
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      now += b.nextDelay(now);
      b.attempt(now);
      starts.push(now);
    }
    for (let i = 3; i < starts.length; i++) expect(starts[i]! - starts[i - 3]!).toBeGreaterThanOrEqual(WINDOW_MS);
  });

  it('refuses nonsense settings', () => {
    expect(() => new Backoff({ initialMs: 0 })).toThrow(/initialMs/);
    expect(() => new Backoff({ initialMs: 10, maxMs: 5 })).toThrow(/maxMs/);
  });
});

describe('StreamCursor', () => {
  const ev = (seq: number) => ({ seq, frame: { seq } });
  it('delivers in order, drops duplicates, holds after a gap until it is filled', () => {
    const c = new StreamCursor('s', 0);
    expect(c.offer(ev(1))).toBe('deliver');
    expect(c.offer(ev(1))).toBe('duplicate');
    expect(c.offer(ev(3))).toBe('gap');
    expect(c.offer(ev(4))).toBe('gap');
    expect(c.drain()).toEqual([]);
    expect(c.offer(ev(2))).toBe('deliver');
    expect(c.drain().map((e) => e.seq)).toEqual([3, 4]);
    expect(c.seq).toBe(4);
  });
  it('skipToHeld gives up a hole and continues after it', () => {
    const c = new StreamCursor('s', 5);
    c.offer(ev(9));
    c.skipToHeld();
    expect(c.drain().map((e) => e.seq)).toEqual([9]);
  });
});
