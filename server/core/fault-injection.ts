/**
 * Where the mutant zoo's faults (`faults.ts`) enter the server: a few wrappers at its choke points,
 * each a no-op without faults. Seams: the handshake's token check and version negotiation
 * (upgrade.ts), the access checks (upgrade, session subscribe, polling), resolved limits, the
 * projection and stream registry (contract-runtime.ts), the backplane (index.ts), and the session's
 * one outbound write, its close and heartbeat (session.ts).
 */
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { SpecwireClaims } from '../../protocol/claims.js';
import type { MessageModel } from '../../contract/model.js';
import type { AuthResult } from './auth.js';
import type { Backplane, StreamEvent } from './backplane.js';
import type { ResolvedLimits } from './contract-runtime.js';
import type { FaultSet } from './faults.js';
import { type Frame, isPlainObject } from './frames.js';
import type { Projection, StreamRegistry } from './streams.js';
import type { Batcher } from './throttle.js';
import type { Negotiation } from './version.js';

// ── auth and access ─────────────────────────────────────────────────────────

/** Re-examines a refused token under the auth faults: each one forgives one defect. */
export async function authWithFaults(faults: FaultSet, result: AuthResult, token: string | undefined, secret: Uint8Array, contractId: string, issuer: string): Promise<AuthResult> {
  if (result.ok || faults.size === 0) return result;
  const accept = (claims: unknown): AuthResult => ({ ok: true, claims: { sub: 'anonymous', aud: contractId, ...(claims as object) } as SpecwireClaims });
  let claims: unknown;
  let alg: unknown;
  try {
    claims = token ? decodeJwt(token) : undefined;
    alg = token ? decodeProtectedHeader(token).alg : undefined;
  } catch {
    claims = undefined;
  }
  if (faults.has('auth-skipped')) return accept(claims);
  if (!token || !claims) return result;
  if (faults.has('alg-none-accepted') && alg === 'none') return accept(claims);
  const lenient = async (options: Parameters<typeof jwtVerify>[2]): Promise<AuthResult | undefined> => {
    try {
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer, ...options });
      return accept(payload);
    } catch {
      return undefined;
    }
  };
  if (faults.has('expired-token-accepted')) return (await lenient({ audience: contractId, clockTolerance: 10 * 365 * 86400 })) ?? result;
  if (faults.has('wrong-audience-accepted')) return (await lenient({})) ?? result;
  return result;
}

/** `poll-after-inclusive`: `?after=N` (N > 0) is read as N - 1, an off-by-one that serves seq N again. */
export function pollQueryWithFaults(faults: FaultSet, query: URLSearchParams): URLSearchParams {
  const after = query.get('after');
  if (!faults.has('poll-after-inclusive') || after === null || !/^[1-9]\d*$/.test(after)) return query;
  const out = new URLSearchParams(query);
  out.set('after', String(Number(after) - 1));
  return out;
}

/** Is the access check at `where` skipped by a fault? */
export function accessSkipped(faults: FaultSet, where: 'origin' | 'upgrade' | 'subscribe' | 'poll'): boolean {
  if (where === 'origin') return faults.has('origin-unchecked');
  if (where === 'upgrade') return faults.has('address-stream-unauthorized');
  if (where === 'subscribe') return faults.has('subscribe-unauthorized');
  return faults.has('polling-unauthorized');
}

export function negotiationWithFaults(faults: FaultSet, negotiation: Negotiation, majors: readonly number[]): Negotiation {
  if (negotiation.ok || !faults.has('version-negotiation-ignored')) return negotiation;
  return { ok: true, major: Math.max(...majors), ...(negotiation.protocol ? { protocol: negotiation.protocol } : {}) };
}

// ── limits, close codes, heartbeat ─────────────────────────────────────────────

const UNLIMITED = 1_000_000_000;

export function limitsWithFaults(faults: FaultSet, limits: ResolvedLimits): ResolvedLimits {
  if (faults.size === 0) return limits;
  const out: ResolvedLimits = { ...limits };
  if (faults.has('oversized-accepted')) out.maxPayloadBytes = 100 * 1024 * 1024;
  if (faults.has('rate-limit-missing')) out.messagesPerSecond = out.messagesPerSecondBeforeClose = UNLIMITED;
  if (faults.has('malformed-closes-early')) out.badFramesBeforeClose = 1;
  if (faults.has('rate-limit-closes-early')) out.messagesPerSecondBeforeClose = out.messagesPerSecond;
  if (faults.has('connection-limit-missing')) out.connectionsPerIp = UNLIMITED;
  if (faults.has('replay-buffer-unbounded')) out.replayBuffer = UNLIMITED;
  if (faults.has('throttle-missing')) delete out.throttle;
  return out;
}

/** `batch-loses-last-item`: a window's batch is cut short by one item when it goes out. */
export function batcherWithFaults(faults: FaultSet, batcher: Batcher): Batcher {
  if (!faults.has('batch-loses-last-item')) return batcher;
  const cut = (batch: Frame): Frame => {
    const p = batch.payload;
    if (!isPlainObject(p) || !Array.isArray(p.items) || p.items.length < 2) return batch;
    return { ...batch, payload: { ...p, items: p.items.slice(0, -1) } };
  };
  return { merge: (pending, next) => batcher.merge(pending, next), split: (batch) => (batcher.split ? batcher.split(cut(batch)) : [cut(batch), undefined]) };
}

/** Close codes of broken servers: generic ones where the contract names a specific 4xxx. */
export const FAULTY_CLOSE = { policyViolation: 1008, internalError: 1011 } as const;

export function closeCodeWithFaults(faults: FaultSet, code: number): number {
  return faults.has('wrong-close-code') && code >= 4000 ? FAULTY_CLOSE.policyViolation : code;
}

// ── streams, projection, backplane ──────────────────────────────────────────────

/**
 * `polling-stale`: polling state that lags one event behind (each event is applied when the next one
 * arrives). `hint-state-missing`: events of the `hints` types are never applied to the state a client
 * refetches after them.
 */
export function projectionWithFaults<S>(faults: FaultSet, projection: Projection<S>, hints: ReadonlySet<string> = new Set()): Projection<S> {
  if (faults.has('hint-state-missing')) {
    const inner = projectionWithFaults(new Set([...faults].filter((f) => f !== 'hint-state-missing')), projection);
    return { initial: (stream) => inner.initial(stream), apply: (state, frame) => void (hints.has(String(frame.type)) || inner.apply(state, frame)) };
  }
  if (!faults.has('polling-stale')) return projection;
  const pending = new WeakMap<object, Frame>();
  return {
    initial: (stream) => projection.initial(stream),
    apply(state, frame) {
      const previous = pending.get(state as object);
      pending.set(state as object, frame);
      if (previous) projection.apply(state, previous);
    },
  };
}

/** A session as the fan-out faults see it. */
interface Receiver {
  readonly subscriptions: ReadonlySet<string>;
  send(frame: Frame): void;
}

/** Overrides `resume` and `receive` of one registry instance for the resume and fan-out faults. */
export function streamsWithFaults(faults: FaultSet, registry: StreamRegistry, sessions: () => Iterable<unknown>): StreamRegistry {
  const resume = registry.resume.bind(registry);
  if (faults.has('resume-ignored')) registry.resume = (stream) => resume(stream, undefined);
  if (faults.has('resume-replays-duplicates')) {
    registry.resume = (stream, lastSeq) => resume(stream, lastSeq === undefined || lastSeq === 0 ? lastSeq : lastSeq - 1);
  }
  if (faults.has('fanout-blocking')) {
    const receive = registry.receive.bind(registry);
    let queue: Promise<void> = Promise.resolve();
    registry.receive = (event: StreamEvent) => {
      queue = queue
        .then(async () => {
          const s = registry.get(event.stream);
          const fresh = event.seq > s.seq;
          const subscribers = [...s.subscribers];
          // Buffer and project as usual, but fan out here: one subscriber at a time, each send awaited.
          s.subscribers = new Set();
          try {
            receive(event);
          } finally {
            s.subscribers = new Set([...subscribers, ...s.subscribers]);
          }
          if (!fresh) return;
          for (const sub of subscribers) {
            sub.deliver(event.stream, event.frame);
            await sub.flushed?.();
          }
        })
        .catch(() => undefined);
    };
  }
  const leak = faults.has('cross-stream-leak');
  const broadcast = faults.has('global-broadcast');
  if (leak || broadcast) {
    const receive = registry.receive.bind(registry);
    registry.receive = (event: StreamEvent) => {
      const fresh = event.seq > (registry.peek(event.stream)?.seq ?? 0);
      receive(event);
      if (!fresh) return;
      for (const s of sessions() as Iterable<Receiver>) {
        if (s.subscriptions.has(event.stream)) continue;
        if (broadcast || s.subscriptions.size > 0) s.send(event.frame);
      }
    };
  }
  return registry;
}

/** Per-stream seq skip and dropped relays, around any backplane (in-memory or Redis). */
export function backplaneWithFaults(faults: FaultSet, backplane: Backplane): Backplane {
  if (!faults.has('seq-gap') && !faults.has('relay-dropped')) return backplane;
  const own = new Set<string>();
  const keyOf = (e: { contract: string; stream: string; seq: number }) => `${e.contract}\u0000${e.stream}\u0000${e.seq}`;
  return {
    get name() {
      return backplane.name;
    },
    async nextSeq(contract, stream) {
      const seq = await backplane.nextSeq(contract, stream);
      return faults.has('seq-gap') && seq === 3 ? backplane.nextSeq(contract, stream) : seq;
    },
    publish(event) {
      own.add(keyOf(event));
      return backplane.publish(event);
    },
    onEvent(receiver) {
      backplane.onEvent((event) => {
        const mine = own.delete(keyOf(event));
        // relay-dropped: only what this instance published itself reaches its subscribers.
        if (faults.has('relay-dropped') && !mine) return;
        receiver(event);
      });
    },
    reset: (contract, heartbeat) => backplane.reset(contract, heartbeat),
    close: () => backplane.close(),
    ...(backplane.attach ? { attach: (contracts: Parameters<NonNullable<Backplane['attach']>>[0]) => backplane.attach!(contracts) } : {}),
    ...(backplane.acquireConnection ? { acquireConnection: (c: string, ip: string, limit: number) => backplane.acquireConnection!(c, ip, limit) } : {}),
    ...(backplane.releaseConnection ? { releaseConnection: (c: string, ip: string) => backplane.releaseConnection!(c, ip) } : {}),
  };
}

// ── Server-Sent Events ─────────────────────────────────────────────────────────

/** `sse-last-event-id-ignored`: only the query parameter resumes, the header a browser sends is dropped. */
export function lastEventIdWithFaults(faults: FaultSet, resumeAt: number | undefined, url: URL): number | undefined {
  if (!faults.has('sse-last-event-id-ignored')) return resumeAt;
  const raw = url.searchParams.get('lastEventId');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Bytes the `sse-buffered` fault holds back before it writes anything. */
const SSE_BUFFER_BYTES = 16 * 1024;

/** The SSE stream's text writer under the SSE faults (per stream); undefined without them. */
export function sseWriteWithFaults(faults: FaultSet): ((text: string, write: (text: string) => void) => void) | undefined {
  const noId = faults.has('sse-id-missing');
  const wrongName = faults.has('sse-event-name-wrong');
  const buffered = faults.has('sse-buffered');
  if (!noId && !wrongName && !buffered) return undefined;
  let pending = '';
  return (text, write) => {
    let out = text;
    if (noId) out = out.replace(/^id: .*\n/m, '');
    if (wrongName) out = out.replace(/^event: .*$/m, 'event: message');
    if (!buffered) return write(out);
    pending += out;
    if (pending.length < SSE_BUFFER_BYTES) return;
    write(pending);
    pending = '';
  };
}

// ── the session's outbound frames ───────────────────────────────────────────────

/** Receives each frame a session is about to write and writes it (changed, twice, later, never, or as text). */
export type OutboundFilter = (frame: Frame, write: (frame: Frame | string) => void) => void;

export interface OutboundContext {
  /** The event message of `type` (not control frames), if `type` is an event. */
  eventMessage(type: string): MessageModel | undefined;
}

const FRAME_FAULTS = ['field-missing', 'field-wrong-type', 'ts-format', 'ts-future', 'unknown-event-type', 'other-version-events', 'error-without-code'] as const;
const ORDER_FAULTS = ['events-swapped', 'event-dropped', 'event-duplicated'] as const;

/** One filter per connection (the order faults count that connection's events); undefined without outbound faults. */
export function outboundFilter(faults: FaultSet, ctx: OutboundContext): OutboundFilter | undefined {
  const frameFaults = FRAME_FAULTS.filter((f) => faults.has(f));
  const orderFaults = ORDER_FAULTS.filter((f) => faults.has(f));
  const noPong = faults.has('no-pong');
  const textPong = faults.has('non-json-frame');
  const delayed = faults.has('latency-over-slo');
  if (!frameFaults.length && !orderFaults.length && !noPong && !textPong && !delayed) return undefined;
  let events = 0;
  let held: Frame | undefined;
  return (frame, write) => {
    const out: (f: Frame | string) => void = delayed ? (f) => void setTimeout(() => write(f), 300) : write;
    const type = String(frame.type);
    if (type === 'pong' && noPong) return;
    if (type === 'pong' && textPong) return out('pong');
    const message = ctx.eventMessage(type);
    let f = frame;
    for (const fault of frameFaults) f = mutateFrame(fault, f, message);
    if (!message) return out(f);
    events++;
    if (events === 2 && faults.has('event-dropped')) return;
    if (events === 2 && faults.has('event-duplicated')) out(f);
    if (events === 2 && faults.has('events-swapped')) {
      held = f;
      return;
    }
    out(f);
    if (held) {
      out(held);
      held = undefined;
    }
  };
}

/** The first required field of an event other than the discriminator, seq and ts. */
function victimField(message: MessageModel): string | undefined {
  const required = Array.isArray(message.payload.required) ? (message.payload.required as string[]) : [];
  return required.find((k) => !['type', 'seq', 'ts'].includes(k));
}

function wrongType(value: unknown): unknown {
  return typeof value === 'string' ? 42 : 'not-the-declared-type';
}

function mutateFrame(fault: (typeof FRAME_FAULTS)[number], frame: Frame, message: MessageModel | undefined): Frame {
  if (fault === 'error-without-code') {
    if (frame.type !== 'error') return frame;
    const { code: _code, ...rest } = frame;
    return isPlainObject(rest.payload) ? { ...rest, payload: Object.fromEntries(Object.entries(rest.payload).filter(([k]) => k !== 'code')) } : rest;
  }
  if (!message) return frame;
  switch (fault) {
    case 'field-missing': {
      const field = victimField(message);
      if (!field) return frame;
      const { [field]: _gone, ...rest } = frame;
      return rest;
    }
    case 'field-wrong-type': {
      const field = victimField(message);
      return field ? { ...frame, [field]: wrongType(frame[field]) } : frame;
    }
    case 'ts-format':
      return withTs(frame, new Date().toUTCString());
    case 'ts-future':
      return withTs(frame, new Date(Date.now() + 3600_000).toISOString());
    case 'unknown-event-type':
      return { ...frame, type: `${String(frame.type)}.legacy` };
    case 'other-version-events': {
      const { type, seq, ts, ...rest } = frame;
      if (isPlainObject(rest.payload) && Object.keys(rest).length === 1) return { type, seq, ts, ...rest.payload };
      return { type, seq, ts, payload: rest };
    }
  }
  return frame;
}

function withTs(frame: Frame, ts: string): Frame {
  if ('ts' in frame) return { ...frame, ts };
  if (isPlainObject(frame.payload) && 'ts' in frame.payload) return { ...frame, payload: { ...frame.payload, ts } };
  return frame;
}
