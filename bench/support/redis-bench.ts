/** What the Redis benches share: a deadline on each wait, percentiles, and removing their own keys. */
import { Redis } from 'ioredis';

/** `p`, or a rejection naming `what` after `deadlineMs`: a bench never hangs on a lost frame. */
export function withDeadline<T>(p: Promise<T>, what: string, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${deadlineMs} ms`)), deadlineMs)))]).finally(() => clearTimeout(timer));
}

/** Removes the bench's keys (its own prefix) from Redis. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
  } finally {
    r.disconnect();
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
