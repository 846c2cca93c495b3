import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../../server/core/frames.js';
import { Throttle } from '../../../server/core/throttle.js';

afterEach(() => vi.useRealTimers());

const batcher = {
  merge: (a: Frame, b: Frame) => ({ ...b, items: [...(a.items as number[]), ...(b.items as number[])] }),
  split: (f: Frame): [Frame, Frame | undefined] => {
    const items = f.items as number[];
    return items.length <= 2 ? [f, undefined] : [{ ...f, items: items.slice(0, 2) }, { ...f, items: items.slice(2) }];
  },
};

describe('Throttle', () => {
  it('sends the first at once, batches the window, rolls over-full batches into the next window', async () => {
    vi.useFakeTimers();
    const sent: Frame[] = [];
    let seq = 0;
    const t = new Throttle(1000, batcher, async (_s, f) => (sent.push(f), ++seq));
    const first = t.submit('s', { type: 'u', items: [1] });
    const rest = [2, 3, 4].map((i) => t.submit('s', { type: 'u', items: [i] }));
    expect(await first).toBe(1);
    expect(sent.map((f) => f.items)).toEqual([[1]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((f) => f.items)).toEqual([[1], [2, 3]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((f) => f.items)).toEqual([[1], [2, 3], [4]]);
    expect(await Promise.all(rest)).toEqual([3, 3, 3]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.pendingWindows).toBe(0);
  });

  it('reset rejects pending triggers and clears timers', async () => {
    vi.useFakeTimers();
    const t = new Throttle(1000, batcher, async () => 1);
    await t.submit('s', { type: 'u', items: [1] });
    const pending = t.submit('s', { type: 'u', items: [2] });
    t.reset();
    await expect(pending).rejects.toThrow(/reset/);
    expect(t.pendingWindows).toBe(0);
  });
});
