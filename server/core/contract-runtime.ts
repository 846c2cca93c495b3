/**
 * One served contract, derived once from its model: channels with their upgrade routes and message
 * types, resolved limits and heartbeat, its streams, throttle and sessions, and the one path every
 * event takes — built from a message example, stamped, validated, published.
 */
import { WebSocketServer } from 'ws';
import type { ChannelModel, ContractModel, MessageModel, PollingEndpoint, SecuritySchemeModel } from '../../contract/model.js';
import { isSseChannel, sseChannelOf } from '../../contract/sse.js';
import type { SpecwireClaims } from '../../protocol/claims.js';
import type { ContractAdapter } from '../contracts/adapter.js';
import type { ReferenceServerOptions } from '../options.js';
import type { Backplane } from './backplane.js';
import type { ContractCodec } from './codec.js';
import { batcherWithFaults, limitsWithFaults, projectionWithFaults, streamsWithFaults } from './fault-injection.js';
import { type FaultSet, NO_FAULTS } from './faults.js';
import { deepMerge, fieldPlace, type Frame } from './frames.js';
import type { Logger } from './log.js';
import { StreamRegistry } from './streams.js';
import { Throttle } from './throttle.js';

export interface ResolvedLimits {
  maxPayloadBytes: number;
  messagesPerSecond: number;
  /** Frames in one second above which the connection is closed with 4429 (`limits.messagesPerSecondBeforeClose`). */
  messagesPerSecondBeforeClose: number;
  connectionsPerIp: number;
  replayBuffer: number;
  badFramesBeforeClose: number;
  sendBufferBytes: number;
  throttle?: { types: string[]; windowMs: number };
}

export interface ChannelRuntime {
  model: ChannelModel;
  /** Matches the channel address; groups are the parameters in `paramNames` order. */
  pattern: RegExp;
  paramNames: string[];
  clientTypes: Map<string, MessageModel>;
  serverTypes: Map<string, MessageModel>;
  /** Stream key: a channel parameter (address mode) or a frame field (subscribe mode). */
  streamKey: string | undefined;
  /** `subscribe`: the client joins streams with frames; `address`: the upgrade URL names the stream. */
  mode: 'subscribe' | 'address' | 'none';
  subscribeAck?: MessageModel;
  unsubscribeAck?: MessageModel;
  wss: WebSocketServer;
}

/** An SSE endpoint (`x-specwire-sse`): one stream per request, named by a path parameter. */
export interface SseChannelRuntime {
  model: ChannelModel;
  pattern: RegExp;
  paramNames: string[];
  /** The path parameter that names the stream. */
  streamKey: string;
  /** Server messages of the SSE channel by `type` (its `event:` names). */
  serverTypes: Map<string, MessageModel>;
  /** First event when the adapter has no `hello` for it: the mirrored WebSocket channel's subscribe ack, if the SSE channel lists it. */
  greeting: MessageModel | undefined;
  retryMs: number;
  /** Declared `: ping` interval; a test-hooks reset's `pingIntervalMs` overrides it (`ContractRuntime.sseHeartbeatMs`). */
  heartbeatIntervalMs: number;
  /** Open streams of this channel, for its heartbeat sweep. */
  sessions: Set<{ heartbeat(): void }>;
}

export interface PollingRoute {
  endpoint: PollingEndpoint;
  pattern: RegExp;
  paramNames: string[];
}

export type BuildResult = { ok: true; frame: Frame; message: MessageModel } | { ok: false; status: 400 | 500; error: string };

/** `/api/ws/events/{eventId}` → `^/api/ws/events/([^/]+)/?$` and `['eventId']`. */
export function compileTemplate(template: string): { pattern: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (m) {
        paramNames.push(m[1]!);
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { pattern: new RegExp(`^${source}/?$`), paramNames };
}

export function matchTemplate(route: { pattern: RegExp; paramNames: string[] }, pathname: string): Record<string, string> | undefined {
  const m = route.pattern.exec(pathname);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  try {
    route.paramNames.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
  } catch {
    return undefined;
  }
  return params;
}

function resolveLimits(model: ContractModel, overrides: ReferenceServerOptions['limits'] = {}): ResolvedLimits {
  const declared = model.specwire?.limits ?? {};
  const throttle = declared.throttle ? { types: declared.throttle.types, windowMs: overrides.throttleWindowMs ?? declared.throttle.windowMs } : undefined;
  const messagesPerSecond = overrides.messagesPerSecond ?? declared.messagesPerSecond ?? 20;
  // An overridden rate keeps the old rule (twice the rate closes); the declared one follows the contract.
  const beforeClose = overrides.messagesPerSecond === undefined ? (declared.messagesPerSecondBeforeClose ?? 2 * messagesPerSecond) : 2 * messagesPerSecond;
  return {
    maxPayloadBytes: overrides.maxPayloadBytes ?? declared.maxPayloadBytes ?? 65536,
    messagesPerSecond,
    messagesPerSecondBeforeClose: Math.max(beforeClose, messagesPerSecond),
    connectionsPerIp: overrides.connectionsPerIp ?? declared.connectionsPerIp ?? 50,
    replayBuffer: overrides.replayBuffer ?? declared.replayBuffer ?? 500,
    badFramesBeforeClose: overrides.badFramesBeforeClose ?? declared.malformedFramesBeforeClose ?? 10,
    sendBufferBytes: overrides.sendBufferBytes ?? declared.sendBufferBytes ?? 16 * 1024 * 1024,
    ...(throttle ? { throttle } : {}),
  };
}

export class ContractRuntime {
  readonly id: string;
  readonly limits: ResolvedLimits;
  /** Timers in force: the configured ones, or a test-hooks reset's for connections opened since. */
  heartbeat: { pingIntervalMs: number; idleTimeoutMs: number };
  private readonly configuredHeartbeat: { pingIntervalMs: number; idleTimeoutMs: number };
  /** Called when `setHeartbeat` changes a timer (the server re-arms its sweeps). */
  onHeartbeatChange: (() => void) | undefined;
  /** Wire majors this server speaks (the contract's own). */
  readonly majors: number[];
  readonly scheme: SecuritySchemeModel | undefined;
  /** WebSocket channels. */
  readonly channels: ChannelRuntime[] = [];
  /** Server-Sent Events channels (docs/conventions.md). */
  readonly sseChannels: SseChannelRuntime[] = [];
  readonly polling: PollingRoute[] = [];
  /** Origins allowed besides the server's own, for handshakes and CORS; undefined: any (`ReferenceServerOptions.allowedOrigins`). */
  readonly allowedOrigins: readonly string[] | undefined;
  /** The timers a test-hooks reset asked for, until the next reset (SSE heartbeats follow its `pingIntervalMs`). */
  private heartbeatOverride: { pingIntervalMs?: number; idleTimeoutMs?: number } | undefined;
  /** Server event types (not control frames) that can be published, with their channel. */
  readonly events = new Map<string, { message: MessageModel; channel: ChannelRuntime }>();
  readonly streams: StreamRegistry;
  readonly throttle: Throttle | undefined;
  /** Open sessions (any channel), and open connections per client IP. */
  readonly sessions = new Set<{ close(code: number, reason: string): void; terminate(): void; protocolPing(): void; idleCheck(now: number): void; readonly done: Promise<void> }>();
  readonly connectionsByIp = new Map<string, number>();
  /** Refused handshakes and server-initiated closes, by `http <status>` / `close <code>`, for `/metrics`. */
  readonly refusals = new Map<string, number>();
  /** Faults switched on for the mutant zoo (none in normal use). */
  readonly faults: FaultSet;
  /**
   * Streams made to exist by the test hooks' state step since the last reset, with their members'
   * `sub`s; undefined while none was (every stream exists, as before the state step existed).
   */
  private provisioned: Map<string, Set<string>> | undefined;
  /** Presence (adapter.presence): subscribed connections per stream and user `sub`, until the next reset. */
  private readonly presenceCounts = new Map<string, Map<string, number>>();
  private readonly announcesPresence: boolean;

  constructor(
    readonly model: ContractModel,
    readonly adapter: ContractAdapter,
    options: ReferenceServerOptions,
    /** Where events travel; also counts per-IP connection slots across instances when it can. */
    readonly backplane: Backplane,
    readonly logger: Logger,
    /** The contract's generated decoders and validators (server/core/codec.ts). */
    readonly codec: ContractCodec,
  ) {
    this.id = model.id;
    this.faults = options.faults ?? NO_FAULTS;
    this.announcesPresence = options.presence ?? true;
    this.limits = limitsWithFaults(this.faults, resolveLimits(model, options.limits));
    const hb = model.specwire?.heartbeat;
    this.configuredHeartbeat = {
      pingIntervalMs: options.heartbeat?.pingIntervalMs ?? hb?.pingIntervalMs ?? 25000,
      idleTimeoutMs: options.heartbeat?.idleTimeoutMs ?? hb?.idleTimeoutMs ?? 60000,
    };
    this.heartbeat = { ...this.configuredHeartbeat };
    this.majors = [Number.parseInt(model.version, 10) || 1];
    this.allowedOrigins = options.allowedOrigins ?? model.specwire?.allowedOrigins;
    const ids = model.servers.flatMap((s) => s.security.map((r) => r.scheme));
    this.scheme = model.securitySchemes.find((s) => ids.includes(s.id)) ?? model.securitySchemes[0];
    const streams = new StreamRegistry(this.id, this.limits.replayBuffer, backplane, projectionWithFaults(this.faults, adapter.projection, new Set(model.messages.filter((m) => m.authority === 'hint' && m.type).map((m) => m.type!))), (err) =>
      logger.error(`${this.id}: delivering an event failed: ${(err as Error).stack ?? String(err)}`),
      !this.faults.has('relay-gap-on-reconnect'),
    );
    this.streams = streamsWithFaults(this.faults, streams, () => this.sessions);
    if (this.limits.throttle && adapter.batcher) {
      this.throttle = new Throttle(this.limits.throttle.windowMs, batcherWithFaults(this.faults, adapter.batcher), (stream, frame) => this.publishNow(stream, frame));
    }
    const compression = options.compressionThresholdBytes ?? 4096;
    for (const channel of model.channels) if (!isSseChannel(channel)) this.channels.push(this.channelRuntime(channel, compression));
    for (const channel of model.channels) if (isSseChannel(channel) && channel.stream) this.sseChannels.push(this.sseChannelRuntime(channel));
    for (const endpoint of model.specwire?.polling ?? []) this.polling.push({ endpoint, ...compileTemplate(endpoint.path) });
  }

  private channelRuntime(channel: ChannelModel, compression: number): ChannelRuntime {
    const byId = new Map(this.model.messages.map((m) => [m.id, m]));
    const clientTypes = new Map<string, MessageModel>();
    const serverTypes = new Map<string, MessageModel>();
    for (const id of channel.messageIds) {
      const m = byId.get(id);
      if (!m?.type) continue;
      if (m.directions.includes('client-to-server')) clientTypes.set(m.type, m);
      if (m.directions.includes('server-to-client')) serverTypes.set(m.type, m);
    }
    const { pattern, paramNames } = compileTemplate(channel.address);
    const stream = channel.stream;
    const mode = stream?.subscribe ? 'subscribe' : stream && paramNames.includes(stream.key) ? 'address' : 'none';
    const ackOf = (clientType: string | undefined) => {
      if (!clientType) return undefined;
      const op = this.model.operations.find((o) => o.channelId === channel.id && o.action === 'receive' && o.messageIds.some((id) => byId.get(id)?.type === clientType));
      return op?.replyMessageIds.map((id) => byId.get(id)).find((m) => m?.type && m.type !== 'error');
    };
    const rt: ChannelRuntime = {
      model: channel,
      pattern,
      paramNames,
      clientTypes,
      serverTypes,
      streamKey: stream?.key,
      mode,
      subscribeAck: ackOf(stream?.subscribe),
      unsubscribeAck: ackOf(stream?.unsubscribe),
      wss: new WebSocketServer({
        noServer: true,
        maxPayload: this.limits.maxPayloadBytes,
        clientTracking: false,
        perMessageDeflate: compression > 0 ? { threshold: compression, concurrencyLimit: 10 } : false,
        handleProtocols: (_offered, req) => selectedProtocols.get(req) ?? false,
      }),
    };
    for (const m of serverTypes.values()) if (!m.control && !this.events.has(m.type!)) this.events.set(m.type!, { message: m, channel: rt });
    return rt;
  }

  private sseChannelRuntime(channel: ChannelModel): SseChannelRuntime {
    const byId = new Map(this.model.messages.map((m) => [m.id, m]));
    const serverTypes = new Map<string, MessageModel>();
    for (const id of channel.messageIds) {
      const m = byId.get(id);
      if (m?.type && m.directions.includes('server-to-client')) serverTypes.set(m.type, m);
    }
    const mirrored = this.channels.find((c) => sseChannelOf(this.model, c.model.id) === channel);
    const ack = mirrored?.subscribeAck;
    return {
      model: channel,
      ...compileTemplate(channel.address),
      streamKey: channel.stream!.key,
      serverTypes,
      greeting: ack?.type && serverTypes.has(ack.type) ? ack : undefined,
      retryMs: channel.sse!.retryMs,
      heartbeatIntervalMs: channel.sse!.heartbeatIntervalMs,
      sessions: new Set(),
    };
  }

  /** The `: ping` interval of an SSE channel in force: a reset's test `pingIntervalMs`, else the declared one. */
  sseHeartbeatMs(channel: SseChannelRuntime): number {
    return this.heartbeatOverride?.pingIntervalMs ?? channel.heartbeatIntervalMs;
  }

  /**
   * Builds the event a trigger (or an adapter) asks for: the message example (by name, else the
   * first), `overrides` deep-merged over it, the stream stamped wherever the stream key appears.
   * An example that does not validate is a contract or server bug (500); overrides that break the
   * schema are the caller's (400).
   */
  buildEvent(type: string, stream: string, example: string | undefined, overrides: Record<string, unknown> | undefined): BuildResult {
    const entry = this.events.get(type);
    if (!entry) return { ok: false, status: 400, error: `${this.id} has no server event "${type}" (events: ${[...this.events.keys()].join(', ')})` };
    const { message, channel } = entry;
    const ex = example === undefined ? message.examples[0] : message.examples.find((e) => e.name === example);
    if (!ex) {
      const names = message.examples.map((e) => JSON.stringify(e.name ?? '')).join(', ') || 'none';
      return { ok: false, status: 400, error: `${type} has no example ${example === undefined ? '' : `"${example}" `}(examples: ${names})` };
    }
    const stamp = (f: Frame): Frame => {
      const key = channel.streamKey;
      if (key) {
        const place = fieldPlace(message, key);
        if (place === 'top') f[key] = stream;
        else if (place === 'payload' && f.payload && typeof f.payload === 'object') (f.payload as Frame)[key] = stream;
      }
      this.adapter.stamp?.(f, stream);
      f.seq = 1; // placeholder so the schema check passes; the stream assigns the real one
      if (fieldPlace(message, 'ts') === 'top') f.ts = new Date().toISOString();
      return f;
    };
    const base = stamp(structuredClone(ex.payload) as Frame);
    const baseError = this.outboundError(base);
    if (baseError) {
      this.logger.error(`${this.id}: example "${ex.name ?? 0}" of ${type} does not validate once stamped for stream "${stream}": ${baseError}`);
      return { ok: false, status: 500, error: `server bug: ${type} built from its example is invalid: ${baseError}` };
    }
    if (!overrides) return { ok: true, frame: base, message };
    const merged = stamp(deepMerge(base, overrides) as Frame);
    const error = this.outboundError(merged);
    if (error) return { ok: false, status: 400, error: `${type} with the given payload is invalid: ${error}` };
    return { ok: true, frame: merged, message };
  }

  /**
   * Why `frame` may not go out, by the contract's generated validators (the same code its clients
   * decode with); undefined when it is valid.
   */
  outboundError(frame: Frame): string | undefined {
    const checked = this.codec.validateServerMessage(frame);
    return checked.ok ? undefined : checked.error.message;
  }

  /** Publishes a built event: throttled types go through the throttle, the rest straight to the stream. */
  publish(stream: string, frame: Frame): Promise<number> {
    if (this.throttle && this.limits.throttle?.types.includes(String(frame.type))) return this.throttle.submit(stream, frame);
    return this.publishNow(stream, frame);
  }

  private publishNow(stream: string, frame: Frame): Promise<number> {
    const entry = this.events.get(String(frame.type));
    const out: Frame = { ...frame };
    if (entry && fieldPlace(entry.message, 'ts') === 'top') out.ts = new Date().toISOString();
    if (entry) {
      const error = this.outboundError({ ...out, seq: 1 });
      if (error) {
        this.logger.error(`${this.id}: refusing to send an invalid ${String(frame.type)} on stream "${stream}": ${error}`);
        return Promise.reject(new Error(`server bug: outgoing ${String(frame.type)} is invalid: ${error}`));
      }
    }
    delete out.seq;
    return this.streams.publish(stream, out);
  }

  countRefusal(kind: 'http' | 'close', code: number): void {
    const key = `${kind} ${code}`;
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
  }

  /** Forgets streams, seq counters (the caller resets the backplane), state, provider state and pending batches. */
  reset(): void {
    this.throttle?.reset();
    this.streams.reset();
    this.provisioned = undefined;
    this.presenceCounts.clear();
  }

  /**
   * One of `claims.sub`'s connections subscribed to `stream` (+1) or left it (-1). When that makes
   * the user's first connection or ends their last one, publishes the adapter's presence event and
   * returns a promise of it being published (so a joiner's `subscribed` seq can come after its own
   * join); undefined when there is nothing to announce. The promise never rejects: a presence event
   * that cannot go out is logged.
   */
  presenceChange(claims: SpecwireClaims, stream: string, delta: 1 | -1): Promise<void> | undefined {
    if (!this.adapter.presence || !this.announcesPresence || this.faults.has('presence-missing')) return undefined;
    const users = this.presenceCounts.get(stream) ?? new Map<string, number>();
    this.presenceCounts.set(stream, users);
    const before = users.get(claims.sub) ?? 0;
    const after = Math.max(0, before + delta);
    if (after === 0) users.delete(claims.sub);
    else users.set(claims.sub, after);
    const kind = before === 0 && after === 1 ? 'joined' : before === 1 && after === 0 ? 'left' : undefined;
    const event = kind && this.adapter.presence({ stream, claims, kind, connections: after });
    if (!kind || !event) return undefined;
    const built = this.buildEvent(event.type, stream, event.example, event.overrides);
    if (!built.ok) {
      this.logger.info(`${this.id}: presence ${kind} of "${claims.sub}" on "${stream}" not sent: ${built.error}`);
      return undefined;
    }
    return this.publish(stream, built.frame).then(
      () => undefined,
      (err: unknown) => this.logger.info(`${this.id}: presence ${kind} on "${stream}" not published: ${(err as Error).message}`),
    );
  }

  /** Test hooks' state step: `stream` exists from now on, with these members (docs/hooks.md). */
  provision(stream: string, members: string[]): void {
    this.provisioned ??= new Map();
    const known = this.provisioned.get(stream) ?? new Set<string>();
    for (const m of members) known.add(m);
    this.provisioned.set(stream, known);
  }

  /**
   * Does `stream` exist? The adapter's own directory (juke-world's users and sessions) or a state
   * step says so; a contract without a directory has every stream until a state step names some.
   */
  streamExists(stream: string): boolean {
    const own = this.adapter.exists?.(stream, this.streams.peek(stream)?.seq ?? 0);
    if (this.faults.has('unknown-stream-accepted')) return own ?? true;
    if (own !== undefined) return own || this.provisioned?.has(stream) === true;
    return this.provisioned === undefined || this.provisioned.has(stream);
  }

  /** Test hooks: timers for connections opened from now on; `undefined` restores the configured ones. */
  setHeartbeat(override: { pingIntervalMs?: number; idleTimeoutMs?: number } | undefined): void {
    const previous = this.heartbeat;
    const previousSse = this.heartbeatOverride?.pingIntervalMs;
    this.heartbeatOverride = override;
    this.heartbeat = { ...this.configuredHeartbeat, ...override };
    const changed = this.heartbeat.pingIntervalMs !== previous.pingIntervalMs || this.heartbeat.idleTimeoutMs !== previous.idleTimeoutMs || previousSse !== override?.pingIntervalMs;
    if (changed) this.onHeartbeatChange?.();
  }
}

/** Subprotocol chosen during the handshake, read by `handleProtocols`. */
export const selectedProtocols = new WeakMap<object, string>();
