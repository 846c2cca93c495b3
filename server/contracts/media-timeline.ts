/**
 * Media timeline: `{type, payload}` envelopes; the upgrade URL names the event (the stream) and
 * `?lastSeq=` resumes. `subscribe`/`unsubscribe` only widen or narrow the topics delivered (`media`,
 * `status`) and never answer with an ack. `media:update` is throttled and batched (core throttle +
 * the batcher here). The timeline endpoint serves status and media with new/update/delete applied.
 */
import { type Frame, isPlainObject } from '../core/frames.js';
import type { SessionApi } from '../core/session-api.js';
import type { ContractAdapter } from './adapter.js';
import { intParam } from './event-log.js';

type Topic = 'media' | 'status';
const ALL_TOPICS: Topic[] = ['media', 'status'];
/** `media:update` carries at most this many items; more roll into the next window. */
const MAX_BATCH_ITEMS = 100;

export interface TimelineState {
  status: string;
  /** Media by id, in posting order (oldest first). */
  items: Map<string, Frame>;
}

function topicOf(type: unknown): Topic | undefined {
  if (typeof type !== 'string') return undefined;
  if (type.startsWith('media:')) return 'media';
  if (type === 'event:status') return 'status';
  return undefined;
}

function topics(session: SessionApi): Set<Topic> {
  return ((session.data.topics as Set<Topic> | undefined) ??= new Set(ALL_TOPICS));
}

function itemsOf(frame: Frame): Frame[] {
  const p = frame.payload;
  return isPlainObject(p) && Array.isArray(p.items) ? (p.items as Frame[]) : [];
}

export const mediaTimelineAdapter: ContractAdapter<TimelineState> = {
  id: 'media-timeline',
  projection: {
    initial: () => ({ status: 'scheduled', items: new Map() }),
    apply(state, frame) {
      const p = frame.payload as Frame;
      switch (frame.type) {
        case 'media:new':
          state.items.delete(String(p.id));
          state.items.set(String(p.id), p);
          break;
        case 'media:update':
          // Authority `state`: replace each item by id; an update of an unknown item is ignored, as a client would.
          for (const item of itemsOf(frame)) if (state.items.has(String(item.id))) state.items.set(String(item.id), item);
          break;
        case 'media:delete':
          state.items.delete(String(p.id));
          break;
        case 'event:status':
          state.status = String(p.status);
          break;
      }
    },
  },
  stamp(frame, stream) {
    const p = frame.payload;
    if (isPlainObject(p) && 'eventId' in p) p.eventId = stream;
    for (const item of itemsOf(frame)) item.eventId = stream;
    if (frame.type === 'media:new' && isPlainObject(p)) p.eventId = stream;
  },
  batcher: {
    merge(pending, next) {
      const byId = new Map<string, Frame>();
      for (const item of [...itemsOf(pending), ...itemsOf(next)]) {
        byId.delete(String(item.id));
        byId.set(String(item.id), item);
      }
      return { ...next, payload: { ...(next.payload as Frame), items: [...byId.values()] } };
    },
    split(batch) {
      const items = itemsOf(batch);
      if (items.length <= MAX_BATCH_ITEMS) return [batch, undefined];
      const head = { ...batch, payload: { ...(batch.payload as Frame), items: items.slice(0, MAX_BATCH_ITEMS) } };
      const rest = { ...batch, payload: { ...(batch.payload as Frame), items: items.slice(MAX_BATCH_ITEMS) } };
      return [head, rest];
    },
  },
  hello(session, { stream, seq, replaying, state }) {
    return {
      type: 'connected',
      payload: { eventId: stream, serverTime: new Date().toISOString(), lastSeq: seq, status: state.status, topics: [...topics(session)].sort(), replaying },
    };
  },
  accepts(session, frame) {
    const topic = topicOf(frame.type);
    return topic === undefined || topics(session).has(topic);
  },
  onFrame(session, type, frame) {
    const p = isPlainObject(frame.payload) ? frame.payload : {};
    const named = Array.isArray(p.topics) ? (p.topics as Topic[]) : ALL_TOPICS;
    if (type === 'subscribe') {
      for (const t of named) topics(session).add(t);
      if (typeof p.lastSeq === 'number' && session.stream !== undefined) session.resume(session.stream, p.lastSeq);
      return true;
    }
    if (type === 'unsubscribe') {
      for (const t of named) topics(session).delete(t);
      return true;
    }
    return false;
  },
  poll({ state, stream, seq, query }) {
    const limit = intParam(query, 'limit');
    if (limit === null || limit === 0 || (limit ?? 0) > 200) return { status: 400, body: { error: '?limit must be an integer from 1 to 200' } };
    let newestFirst = [...state.items.values()].reverse();
    const before = query.get('before');
    if (before) {
      const at = newestFirst.findIndex((m) => m.id === before);
      if (at < 0) return { status: 400, body: { error: `?before names no media item of this event` } };
      newestFirst = newestFirst.slice(at + 1);
    }
    const n = limit ?? 50;
    return { status: 200, body: { eventId: stream, seq, status: state.status, items: newestFirst.slice(0, n), hasMore: newestFirst.length > n } };
  },
};
