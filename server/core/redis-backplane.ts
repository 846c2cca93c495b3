/**
 * The Redis backplane: several `specwire serve` instances behind one load balancer act as one server.
 *
 * - `seq` lives in Redis, one hash per contract (`<prefix>seq:<contract>`, a field per stream,
 *   `HINCRBY`-style). Assigning it and publishing happen in ONE Lua script, so the order in which
 *   seqs are assigned is the order in which Redis fans the events out: every instance receives every
 *   stream in seq order by construction, even when two instances publish to the same stream at the
 *   same moment. (A separate INCR then PUBLISH lets the two interleave; the receiver would have to
 *   hold events back waiting for a missing seq without ever knowing whether it was lost or late.)
 * - Fan-out: one pub/sub channel (`<prefix>bus`) carries events, resets, the test hooks' state
 *   steps and their acknowledgements.
 *   One channel means one total order, which is what makes resets exact (below).
 * - Resume across instances: every instance receives every event of every stream, whether or not a
 *   local client subscribes to it, and keeps it in its own replay buffer and projection. A client that
 *   moves from instance A to B with A's lastSeq gets exactly the gap from B's buffer.
 * - `reset` runs a script that deletes the contract's counters and publishes a reset on the bus;
 *   every other instance resets its streams and sessions and acknowledges; `reset` resolves once all
 *   of them did (or after `resetAckTimeoutMs`, with a warning). Events published before the reset
 *   arrive before it everywhere, events after it arrive after it.
 * - Redis goes away: one `connection lost (...), reconnecting` line, one `connection restored` line
 *   when both connections are back (ioredis reconnects on its own). While it is down a publish fails
 *   at once with `BackplaneUnavailableError` (the trigger hook answers 503); nothing is queued,
 *   because a queued event would be delivered late with a seq nobody could vouch for. Pub/sub is
 *   at-most-once: an instance whose subscription was down misses what was published meanwhile.
 * - Redis restarted empty (no persistence): counters would start again at 1 and every instance would
 *   drop the "old" seqs. A publish therefore passes the highest seq this instance has seen for the
 *   stream as a floor, used only when the counter is missing and the contract was never reset (a
 *   marker key tells a reset from a data loss).
 */
import { randomBytes } from 'node:crypto';
import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import type { HeartbeatTimers } from '../../protocol/hooks.js';
import { type Backplane, BackplaneUnavailableError, type StreamEvent } from './backplane.js';
import type { Frame } from './frames.js';
import type { Logger } from './log.js';

export interface RedisBackplaneOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`. */
  url: string;
  /** Prefix of every key and of the channel; instances that serve together share it. Default `specwire:`. */
  keyPrefix?: string;
  /** Where the connection-lost / restored lines go. */
  logger: Logger;
  /** How long `connect` waits for Redis before giving up. Default 5000. */
  connectTimeoutMs?: number;
  /** How long `reset` waits for the other instances' acknowledgements. Default 5000. */
  resetAckTimeoutMs?: number;
  /** How long a publish waits for its own event to come back before resolving anyway. Default 2000. */
  localDeliveryTimeoutMs?: number;
}

/** KEYS: seq hash, reset marker. ARGV: channel, stream, floor, body. Returns the assigned seq. */
const PUBLISH_SCRIPT = `
local seq = redis.call('HGET', KEYS[1], ARGV[2])
if seq then
  seq = tonumber(seq)
elseif redis.call('EXISTS', KEYS[2]) == 1 then
  seq = 0
else
  seq = tonumber(ARGV[3])
end
seq = seq + 1
redis.call('HSET', KEYS[1], ARGV[2], seq)
redis.call('PUBLISH', ARGV[1], 'e ' .. seq .. ' ' .. ARGV[4])
return seq`;

/** KEYS: pairs of (seq hash, reset marker). ARGV: channel, message. Returns how many subscribers got the reset. */
const RESET_SCRIPT = `
for i = 1, #KEYS, 2 do
  redis.call('DEL', KEYS[i])
  redis.call('SET', KEYS[i + 1], '1')
end
return redis.call('PUBLISH', ARGV[1], ARGV[2])`;

type ScriptedRedis = Redis & {
  specwirePublish(seqKey: string, markKey: string, channel: string, stream: string, floor: number, body: string): Promise<number>;
  specwireReset(...args: (string | number)[]): Promise<number>;
};

interface PendingReset {
  acks: number;
  expected: number | undefined;
  done: () => void;
}

export class RedisBackplane implements Backplane {
  readonly name = 'redis';
  /** Distinguishes this instance's resets from the others' on the shared bus. */
  readonly instanceId = randomBytes(6).toString('hex');
  private readonly prefix: string;
  private readonly channel: string;
  private receiver: ((event: StreamEvent) => void) | undefined;
  private resetHandler: ((contract: string | undefined, heartbeat?: HeartbeatTimers) => void) | undefined;
  private provisionHandler: ((contract: string, stream: string, members: string[]) => void) | undefined;
  /** Highest seq seen per `contract\0stream`: the floor after Redis lost its data, and local delivery. */
  private readonly lastSeen = new Map<string, number>();
  private readonly deliveryWaiters = new Map<string, () => void>();
  private readonly pendingResets = new Map<string, PendingReset>();
  private up = true;
  private subscribed = false;
  private closing = false;
  private lastError: string | undefined;

  private constructor(
    private readonly cmd: ScriptedRedis,
    private readonly sub: Redis,
    private readonly options: RedisBackplaneOptions,
  ) {
    this.prefix = options.keyPrefix ?? 'specwire:';
    this.channel = `${this.prefix}bus`;
  }

  /** Connects both connections (commands, subscription) and subscribes; throws a clear error when Redis cannot be reached. */
  static async connect(options: RedisBackplaneOptions): Promise<RedisBackplane> {
    const common: RedisOptions = {
      lazyConnect: true,
      // Reconnect forever, quickly: an instance outlives a Redis restart.
      retryStrategy: (times) => Math.min(times * 100, 1000),
      connectTimeout: options.connectTimeoutMs ?? 5000,
    };
    // Commands fail at once while disconnected instead of queueing (see the module comment).
    const cmd = new Redis(options.url, { ...common, enableOfflineQueue: false, commandTimeout: 5000, maxRetriesPerRequest: 0 }) as ScriptedRedis;
    const sub = new Redis(options.url, { ...common, autoResubscribe: false });
    cmd.defineCommand('specwirePublish', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
    cmd.defineCommand('specwireReset', { lua: RESET_SCRIPT });
    const bp = new RedisBackplane(cmd, sub, options);
    const firstError = new Promise<never>((_, reject) => {
      const fail = (err: Error) => reject(new Error(`redis backplane: cannot connect to ${redactUrl(options.url)}: ${err.message}`));
      cmd.once('error', fail);
      sub.once('error', fail);
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis backplane: cannot connect to ${redactUrl(options.url)} within ${options.connectTimeoutMs ?? 5000} ms`)), options.connectTimeoutMs ?? 5000);
    });
    try {
      await Promise.race([Promise.all([cmd.connect(), sub.connect()]).then(() => sub.subscribe(bp.channel)), firstError, deadline]);
    } catch (err) {
      // Late errors of the abandoned connections must not surface as ioredis "unhandled error" noise.
      for (const c of [cmd, sub]) c.on('error', () => undefined).disconnect();
      throw err instanceof Error && err.message.startsWith('redis backplane') ? err : new Error(`redis backplane: cannot connect to ${redactUrl(options.url)}: ${(err as Error).message}`);
    } finally {
      clearTimeout(timer);
      firstError.catch(() => undefined);
    }
    cmd.removeAllListeners('error');
    sub.removeAllListeners('error');
    bp.subscribed = true;
    bp.watch();
    return bp;
  }

  private watch(): void {
    const onError = (err: Error) => (this.lastError = err.message);
    this.cmd.on('error', onError);
    this.sub.on('error', onError);
    this.cmd.on('close', () => this.down());
    this.sub.on('close', () => {
      this.subscribed = false;
      this.down();
    });
    this.cmd.on('ready', () => this.maybeUp());
    // autoResubscribe is off so that "restored" means events flow again, not merely "socket open".
    this.sub.on('ready', () => {
      this.sub.subscribe(this.channel).then(
        () => {
          this.subscribed = true;
          this.maybeUp();
        },
        (err: Error) => (this.lastError = err.message),
      );
    });
    this.sub.on('message', (_channel: string, message: string) => this.onMessage(message));
  }

  private down(): void {
    if (this.closing || !this.up) return;
    this.up = false;
    this.options.logger.warn(`redis backplane: connection lost (${this.lastError ?? 'closed by the server'}), reconnecting`);
  }

  private maybeUp(): void {
    if (this.closing || this.up || this.cmd.status !== 'ready' || !this.subscribed) return;
    this.up = true;
    this.lastError = undefined;
    this.options.logger.info(`redis backplane: connection restored (${redactUrl(this.options.url)})`);
  }

  private seqKey(contract: string): string {
    return `${this.prefix}seq:${contract}`;
  }

  private markKey(contract: string): string {
    return `${this.prefix}reset:${contract}`;
  }

  /** The interface's two-step path (the streams call `publishNext` instead): increments the stream's counter. */
  async nextSeq(contract: string, stream: string): Promise<number> {
    const v = await this.call(() => this.cmd.hincrby(this.seqKey(contract), stream, 1));
    return Number(v);
  }

  /** Delivers an already-stamped event (the interface's two-step path); `publishNext` is the one the server uses. */
  async publish(event: StreamEvent): Promise<void> {
    const { seq: _seq, ...frame } = event.frame;
    await this.call(() => this.cmd.publish(this.channel, `e ${event.seq} ${JSON.stringify({ c: event.contract, s: event.stream, f: frame })}`));
  }

  async publishNext(contract: string, stream: string, frame: Frame): Promise<number> {
    const key = `${contract}\u0000${stream}`;
    const body = JSON.stringify({ c: contract, s: stream, f: frame });
    const seq = Number(await this.call(() => this.cmd.specwirePublish(this.seqKey(contract), this.markKey(contract), this.channel, stream, this.lastSeen.get(key) ?? 0, body)));
    await this.deliveredLocally(key, seq);
    return seq;
  }

  /** Resolves once this instance applied `seq` (so its own clients and polling see it), bounded. */
  private deliveredLocally(key: string, seq: number): Promise<void> {
    if ((this.lastSeen.get(key) ?? 0) >= seq || !this.subscribed) return Promise.resolve();
    const waiterKey = `${key}\u0000${seq}`;
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.localDeliveryTimeoutMs ?? 2000);
      timer.unref();
      const deliveryWaiters = this.deliveryWaiters;
      function done() {
        clearTimeout(timer);
        deliveryWaiters.delete(waiterKey);
        resolve();
      }
      this.deliveryWaiters.set(waiterKey, done);
    });
  }

  onEvent(receiver: (event: StreamEvent) => void): void {
    this.receiver = receiver;
  }

  onRemoteReset(handler: (contract: string | undefined, heartbeat?: HeartbeatTimers) => void): void {
    this.resetHandler = handler;
  }

  onRemoteProvision(handler: (contract: string, stream: string, members: string[]) => void): void {
    this.provisionHandler = handler;
  }

  /**
   * The test hooks' state step, for every other instance (a client may land on any): published on
   * the bus after any reset before it, resolved once every other instance applied it.
   */
  provision(contract: string, stream: string, members: string[]): Promise<void> {
    return this.broadcastAcknowledged(`state of ${contract} "${stream}"`, (id) => {
      const message = `s ${JSON.stringify({ c: contract, s: stream, m: members, id, from: this.instanceId })}`;
      return this.cmd.publish(this.channel, message);
    });
  }

  /** `heartbeat`: test timers of the reset hook, applied by every instance (a client may land on any). */
  async reset(contract?: string, heartbeat?: HeartbeatTimers): Promise<void> {
    const contracts = contract !== undefined ? [contract] : await this.knownContracts();
    await this.broadcastAcknowledged(`reset of ${contract ?? 'all contracts'}`, (id) => {
      const keys = contracts.flatMap((c) => [this.seqKey(c), this.markKey(c)]);
      const message = `r ${JSON.stringify({ c: contract ?? null, id, from: this.instanceId, ...(heartbeat ? { h: heartbeat } : {}) })}`;
      return this.cmd.specwireReset(keys.length, ...keys, this.channel, message);
    });
  }

  /**
   * Publishes a message (built with its acknowledgement id) that every other instance acknowledges
   * (`a <id>`), and resolves once they all did, or after `resetAckTimeoutMs` with a warning.
   * `publish` resolves with the number of subscribers that got it, this instance included.
   */
  private async broadcastAcknowledged(what: string, publish: (id: string) => Promise<number | string>): Promise<void> {
    const id = `${this.instanceId}-${randomBytes(4).toString('hex')}`;
    let timer: NodeJS.Timeout | undefined;
    // Registered before publishing: an acknowledgement can overtake the command's own reply.
    const acked = new Promise<void>((resolve) => this.pendingResets.set(id, { acks: 0, expected: undefined, done: resolve }));
    try {
      const receivers = Number(await this.call(() => publish(id)));
      const pending = this.pendingResets.get(id)!;
      pending.expected = Math.max(0, receivers - (this.subscribed ? 1 : 0));
      if (pending.acks >= pending.expected) pending.done();
      const ms = this.options.resetAckTimeoutMs ?? 5000;
      const timedOut = await Promise.race([acked.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), ms)))]);
      if (timedOut) this.options.logger.warn(`redis backplane: ${what}: ${pending.acks} of ${pending.expected} other instances acknowledged within ${ms} ms`);
    } finally {
      clearTimeout(timer);
      this.pendingResets.delete(id);
    }
  }

  /** Contracts with a counter in Redis (for a reset of everything). */
  private async knownContracts(): Promise<string[]> {
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.call(() => this.cmd.scan(cursor, 'MATCH', `${this.prefix}seq:*`, 'COUNT', 500));
      for (const k of keys) found.add(k.slice(`${this.prefix}seq:`.length));
      cursor = next;
    } while (cursor !== '0');
    for (const k of this.lastSeen.keys()) found.add(k.slice(0, k.indexOf('\u0000')));
    return [...found];
  }

  private forget(contract: string | undefined): void {
    if (contract === undefined) return this.lastSeen.clear();
    for (const k of [...this.lastSeen.keys()]) if (k.startsWith(`${contract}\u0000`)) this.lastSeen.delete(k);
  }

  private onMessage(message: string): void {
    try {
      if (message.startsWith('e ')) return this.onEventMessage(message);
      if (message.startsWith('r ')) return this.onResetMessage(JSON.parse(message.slice(2)) as { c: string | null; id: string; from: string; h?: HeartbeatTimers });
      if (message.startsWith('a ')) return this.onAck(message.slice(2));
      if (message.startsWith('s ')) return this.onStateMessage(JSON.parse(message.slice(2)) as { c: string; s: string; m: string[]; id: string; from: string });
    } catch (err) {
      this.options.logger.error(`redis backplane: unreadable message on ${this.channel}: ${(err as Error).message}: ${message.slice(0, 200)}`);
    }
  }

  private onEventMessage(message: string): void {
    const space = message.indexOf(' ', 2);
    const seq = Number(message.slice(2, space));
    const { c: contract, s: stream, f } = JSON.parse(message.slice(space + 1)) as { c: string; s: string; f: Frame };
    const key = `${contract}\u0000${stream}`;
    if (seq > (this.lastSeen.get(key) ?? 0)) this.lastSeen.set(key, seq);
    // `type` and `seq` first, as the in-memory path orders them.
    const { type, ...rest } = f;
    this.receiver?.({ contract, stream, seq, frame: { type, seq, ...rest } });
    this.deliveryWaiters.get(`${key}\u0000${seq}`)?.();
  }

  private onResetMessage(msg: { c: string | null; id: string; from: string; h?: HeartbeatTimers }): void {
    this.forget(msg.c ?? undefined);
    if (msg.from === this.instanceId) return;
    try {
      this.resetHandler?.(msg.c ?? undefined, msg.h);
    } finally {
      this.cmd.publish(this.channel, `a ${msg.id}`).catch(() => undefined);
    }
  }

  private onStateMessage(msg: { c: string; s: string; m: string[]; id: string; from: string }): void {
    if (msg.from === this.instanceId) return;
    try {
      this.provisionHandler?.(msg.c, msg.s, msg.m);
    } finally {
      this.cmd.publish(this.channel, `a ${msg.id}`).catch(() => undefined);
    }
  }

  private onAck(id: string): void {
    const pending = this.pendingResets.get(id);
    if (!pending) return;
    pending.acks++;
    if (pending.expected !== undefined && pending.acks >= pending.expected) pending.done();
  }

  /** Runs a command; a connection problem becomes `BackplaneUnavailableError`, a Redis error stays what it is. */
  private async call<T>(command: () => Promise<T>): Promise<T> {
    if (this.cmd.status !== 'ready') throw this.unavailable();
    try {
      return await command();
    } catch (err) {
      if (err instanceof ReplyError) throw err;
      throw this.unavailable(err as Error);
    }
  }

  private unavailable(cause?: Error): BackplaneUnavailableError {
    return new BackplaneUnavailableError(`redis backplane unavailable (${cause?.message ?? this.lastError ?? 'connection lost'}); event not published, retry once Redis is back`);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.receiver = undefined;
    this.resetHandler = undefined;
    this.provisionHandler = undefined;
    for (const done of [...this.deliveryWaiters.values()]) done();
    for (const p of this.pendingResets.values()) p.done();
    this.sub.disconnect();
    this.cmd.disconnect();
  }
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
