/** A projection that keeps the stream's events themselves (bounded), for contracts whose polling endpoint lists them. */
import type { Frame } from '../core/frames.js';
import type { Projection } from '../core/streams.js';

export interface EventLog {
  frames: Frame[];
}

/** Events retained per stream for the polling endpoint (beyond the replay buffer: polling pages back further). */
export const EVENT_LOG_RETAINED = 10_000;

export const eventLogProjection: Projection<EventLog> = {
  initial: () => ({ frames: [] }),
  apply(state, frame) {
    state.frames.push(frame);
    if (state.frames.length > EVENT_LOG_RETAINED) state.frames.splice(0, state.frames.length - EVENT_LOG_RETAINED);
  },
};

/** Parses a non-negative integer query parameter; `undefined` when absent, `null` when malformed. */
export function intParam(query: URLSearchParams, name: string): number | undefined | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** Events after `?after=` (exclusive), oldest first, at most `?limit=`. */
export function pageAfter(log: EventLog, query: URLSearchParams, defaults: { limit: number; max: number }): { items: Frame[]; hasMore: boolean } | { error: string } {
  const after = intParam(query, 'after');
  const limit = intParam(query, 'limit');
  if (after === null) return { error: '?after must be a non-negative integer' };
  if (limit === null || limit === 0 || (limit ?? 0) > defaults.max) return { error: `?limit must be an integer from 1 to ${defaults.max}` };
  const from = log.frames.filter((f) => (f.seq as number) > (after ?? 0));
  const n = limit ?? defaults.limit;
  return { items: from.slice(0, n), hasMore: from.length > n };
}
