/**
 * Juke world: flat frames, many streams per connection (`world`, `profile:<userId>`,
 * `session:<sessionId>`) joined with `subscribe {stream, lastSeq?}`. A subscribe to a user or session
 * the server does not know is `not_found`. The reference server knows the users and sessions the
 * contract's examples name (its seed directory) and every one an event was published for.
 * Polling: the world feed pages the very `world.updated` frames; the profile and session endpoints
 * serve the state their events describe.
 */
import type { ContractModel, PollingEndpoint } from '../../contract/model.js';
import { type Frame, isPlainObject } from '../core/frames.js';
import type { ContractAdapter } from './adapter.js';
import { EVENT_LOG_RETAINED, pageAfter } from './event-log.js';

/** `session.listeners` of the state endpoint holds at most this many (the schema's `maxItems`). */
const MAX_LISTENERS = 500;

export interface JukeStreamState {
  /** `world`: the `world.updated` frames, oldest first (bounded). */
  frames: Frame[];
  /** `profile:<id>`: the current public profile. */
  profile?: Frame;
  /** `session:<id>`: the current session, playback and listeners present (by user id, in join order). */
  session?: Frame;
  playback: Frame | null;
  listeners: Map<string, Frame>;
}

interface Directory {
  profiles: Map<string, Frame>;
  sessions: Map<string, Frame>;
}

/** Users (with their profile) and sessions the contract's examples show. */
function seedDirectory(model: ContractModel): Directory {
  const dir: Directory = { profiles: new Map(), sessions: new Map() };
  const walk = (v: unknown, key?: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x));
    if (!isPlainObject(v)) return;
    if (key === 'session' && typeof v.sessionId === 'string' && !dir.sessions.has(v.sessionId)) dir.sessions.set(v.sessionId, v);
    if (key === 'profile' && typeof v.userId === 'string' && !dir.profiles.has(v.userId)) dir.profiles.set(v.userId, v);
    for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const m of model.messages) for (const ex of m.examples) walk(ex.payload);
  return dir;
}

function idOf(stream: string, prefix: 'profile:' | 'session:'): string | undefined {
  return stream.startsWith(prefix) ? stream.slice(prefix.length) : undefined;
}

export function jukeWorldAdapter(model: ContractModel): ContractAdapter<JukeStreamState> {
  const dir = seedDirectory(model);
  const known = (stream: string, seq: number): boolean => {
    if (stream === 'world' || seq > 0) return true;
    const user = idOf(stream, 'profile:');
    if (user !== undefined) return dir.profiles.has(user);
    const session = idOf(stream, 'session:');
    return session !== undefined && dir.sessions.has(session);
  };
  return {
    id: model.id,
    projection: {
      initial(stream) {
        const session = dir.sessions.get(idOf(stream, 'session:') ?? '');
        const profile = dir.profiles.get(idOf(stream, 'profile:') ?? '');
        return {
          frames: [],
          ...(session ? { session: structuredClone(session) } : {}),
          ...(profile ? { profile: structuredClone(profile) } : {}),
          playback: null,
          listeners: new Map(),
        };
      },
      apply(state, frame) {
        switch (frame.type) {
          case 'world.updated':
            state.frames.push(frame);
            if (state.frames.length > EVENT_LOG_RETAINED) state.frames.splice(0, state.frames.length - EVENT_LOG_RETAINED);
            break;
          case 'profile.updated':
            if (isPlainObject(frame.profile)) state.profile = frame.profile;
            break;
          case 'session.scheduled':
          case 'session.started':
            if (isPlainObject(frame.session)) state.session = frame.session;
            break;
          case 'session.ended':
            // Ending implies everyone left and playback is over (no per-listener or playback event follows).
            if (isPlainObject(frame.session)) state.session = frame.session;
            state.listeners.clear();
            state.playback = null;
            break;
          case 'session.listener_joined':
            if (isPlainObject(frame.listener)) {
              state.listeners.delete(String(frame.listener.userId));
              state.listeners.set(String(frame.listener.userId), frame.listener);
            }
            if (state.session) state.session = { ...state.session, listenerCount: frame.listenerCount };
            break;
          case 'session.listener_left':
            state.listeners.delete(String(frame.userId));
            if (state.session) state.session = { ...state.session, listenerCount: frame.listenerCount };
            break;
          case 'playback.state_changed':
            if (isPlainObject(frame.playback)) state.playback = frame.playback;
            break;
        }
      },
    },
    /** Nested ids always name the frame's own stream. */
    stamp(frame, stream) {
      const session = idOf(stream, 'session:');
      if (session !== undefined) {
        if ('sessionId' in frame) frame.sessionId = session;
        if (isPlainObject(frame.session)) frame.session.sessionId = session;
        if (isPlainObject(frame.playback) && 'sessionId' in frame.playback) frame.playback.sessionId = session;
      }
      const user = idOf(stream, 'profile:');
      if (user !== undefined && isPlainObject(frame.profile)) frame.profile.userId = user;
    },
    exists: known,
    pollStream(endpoint: PollingEndpoint, params: Record<string, string>) {
      if (params.userId !== undefined) return `profile:${params.userId}`;
      if (params.sessionId !== undefined) return `session:${params.sessionId}`;
      return endpoint.path === '/api/world/feed' ? 'world' : undefined;
    },
    poll({ state, stream, seq, query }) {
      if (stream === 'world') {
        const page = pageAfter(state, query, { limit: 100, max: 500 });
        if ('error' in page) return { status: 400, body: { error: page.error } };
        return { status: 200, body: { stream, seq, items: page.items, hasMore: page.hasMore } };
      }
      if (stream.startsWith('profile:')) {
        if (!state.profile) return { status: 404, body: { error: `no user ${stream.slice('profile:'.length)}` } };
        return { status: 200, body: { stream, seq, profile: state.profile } };
      }
      if (!state.session) return { status: 404, body: { error: `no session ${stream.slice('session:'.length)}` } };
      return { status: 200, body: { stream, seq, session: state.session, playback: state.playback, listeners: [...state.listeners.values()].slice(0, MAX_LISTENERS) } };
    },
  };
}
