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
 * - History is durable in Redis: the same script appends each event to a Redis Stream per stream
 *   (`<prefix>h:<contract>:<stream>`, entry id `<seq>-0`, `MAXLEN` = the contract's `replayBuffer`),
 *   so the seq, the history and the fan-out can never disagree. An instance loads that history when
 *   it starts (`attach`), so a client resuming on an instance started after the events is replayed;
 *   every instance also keeps each event in its own replay buffer and projection as it arrives.
 * - Delivery to this instance is gap-free per stream: an event whose seq is not the next one makes
 *   the instance read the missing range from the history (XRANGE) before delivering, and after a lost
 *   connection it reads every stream's history from its last delivered seq (events published while
 *   its subscription was down). Only a gap Redis no longer holds (trimmed, or Redis restarted empty)
 *   reaches the streams as a jump, which sends `resync` to the stream's subscribers.
 * - `reset` runs a script that deletes the contract's counters and publishes a reset on the bus;
 *   every other instance resets its streams and sessions and acknowledges; `reset` resolves once all
 *   of them did (or after `resetAckTimeoutMs`, with a warning). Events published before the reset
 *   arrive before it everywhere, events after it arrive after it.
 * - Redis goes away: one `connection lost (...), reconnecting` line, one `connection restored` line
 *   when both connections are back (ioredis reconnects on its own). While it is down a publish fails
 *   at once with `BackplaneUnavailableError` (the trigger hook answers 503); nothing is queued,
 *   because a queued event would be delivered late with a seq nobody could vouch for. Pub/sub is
 *   at-most-once; the catch-up from the history (above) is what makes the relay lossless.
 * - Redis restarted empty (no persistence): counters would start again at 1 and every instance would
 *   drop the "old" seqs. A publish therefore passes the highest seq this instance has seen for the
 *   stream as a floor, used only when the counter is missing and the contract was never reset (a
 *   marker key tells a reset from a data loss); on reconnect each instance raises the counters to what
 *   it has seen, for the same reason.
 * - Per-IP connection limits count across instances: each instance keeps its slots in a hash of its
 *   own (`<prefix>conns:<instance>`, rewritten from its local counts on every heartbeat, expiring with
 *   it) and is listed with an expiry in `<prefix>instances`; a slot is taken only when the sum over the
 *   live instances is below the limit. A killed instance's slots expire after `instanceTtlMs`.
 */
import { randomBytes } from 'node:crypto';
import { Redis, ReplyError, type RedisOptions } from 'ioredis';
import type { HeartbeatTimers } from '../../protocol/hooks.js';
import { type Backplane, type BackplaneContract, type BackplaneObserver, BackplaneUnavailableError, type StreamEvent } from './backplane.js';
import type { Frame } from './frames.js';
import type { Logger } from './log.js';
import { ACQUIRE_SCRIPT, FLOOR_SCRIPT, HEARTBEAT_SCRIPT, PUBLISH_SCRIPT, RESET_SCRIPT } from './redis-scripts.js';

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
  /** Read missed events from the history on a gap and after a reconnect. Default true (false: the `relay-gap-on-reconnect` fault). */
  catchUp?: boolean;
  /** How long a silent instance's connection slots count (it renews them every third of it). Default 15000. */
  instanceTtlMs?: number;
}

/** History kept per stream when a contract was not attached. */
const DEFAULT_KEEP = 500;

/** An event as the bus and the history carry it. */
interface BusEvent {
  contract: string;
  stream: string;
  seq: number;
  f: Frame;
  /** When it was published (ms since the epoch), for the lag metric. */
  t?: number;
}

type ScriptedRedis = Redis & {
  specwirePublish(seqKey: string, markKey: string, historyKey: string, streamsKey: string, channel: string, stream: string, floor: number, body: string, keep: number): Promise<number>;
  specwireReset(...args: (string | number)[]): Promise<number>;
  specwireFloor(seqKey: string, markKey: string, ...pairs: (string | number)[]): Promise<number>;
  specwireAcquire(instancesKey: string, slotsKey: string, field: string, limit: number, instanceId: string, slotsPrefix: string, ttlMs: number): Promise<number>;
  specwireHeartbeat(instancesKey: string, slotsKey: string, instanceId: string, ttlMs: number, ...pairs: (string | number)[]): Promise<number>;
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
  /** History length per attached contract. */
  private readonly keep = new Map<string, number>();
  /** Streams whose missing range is being read from the history: live events wait here, in order. */
  private readonly filling = new Map<string, BusEvent[]>();
  /** This instance's connection slots per `contract ip` (the truth its heartbeat writes to Redis). */
  private readonly slots = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Catch-ups and fills in flight (tests and close wait for them). */
  private readonly reading = new Set<Promise<void>>();
  private observer: BackplaneObserver | undefined;
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
    cmd.defineCommand('specwirePublish', { numberOfKeys: 4, lua: PUBLISH_SCRIPT });
    cmd.defineCommand('specwireReset', { lua: RESET_SCRIPT });
    cmd.defineCommand('specwireFloor', { numberOfKeys: 2, lua: FLOOR_SCRIPT });
    cmd.defineCommand('specwireAcquire', { numberOfKeys: 2, lua: ACQUIRE_SCRIPT });
    cmd.defineCommand('specwireHeartbeat', { numberOfKeys: 2, lua: HEARTBEAT_SCRIPT });
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
    const ttl = options.instanceTtlMs ?? 15_000;
    bp.heartbeat = setInterval(() => void bp.beat(), Math.max(50, Math.floor(ttl / 3)));
    bp.heartbeat.unref();
    await bp.beat();
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
    this.observer?.reconnected();
    void this.beat();
    if (this.options.catchUp !== false) this.track(this.restoreFloors().then(() => this.catchUp()));
  }

  /** Redis may have come back empty: raise each counter to the highest seq this instance saw, so seq never goes back. */
  private async restoreFloors(): Promise<void> {
    const byContract = new Map<string, (string | number)[]>();
    for (const [key, seq] of this.lastSeen) {
      const [contract, stream] = key.split('\u0000') as [string, string];
      const pairs = byContract.get(contract) ?? [];
      pairs.push(stream, seq);
      byContract.set(contract, pairs);
    }
    for (const [contract, pairs] of byContract) await this.cmd.specwireFloor(this.seqKey(contract), this.markKey(contract), ...pairs).catch(() => undefined);
  }

  /** Reads, for every stream this instance knows or Redis lists, what was published after its last delivered seq. */
  private async catchUp(): Promise<void> {
    const contracts = new Set([...this.keep.keys(), ...[...this.lastSeen.keys()].map((k) => k.slice(0, k.indexOf('\u0000')))]);
    for (const contract of contracts) {
      const listed = await this.cmd.smembers(this.streamsKey(contract)).catch(() => [] as string[]);
      const known = [...this.lastSeen.keys()].filter((k) => k.startsWith(`${contract}\u0000`)).map((k) => k.slice(contract.length + 1));
      await Promise.all([...new Set([...listed, ...known])].map((stream) => this.fill(contract, stream, [])));
    }
  }

  private track(p: Promise<void>): void {
    const t = p.catch((err: Error) => this.options.logger.warn(`redis backplane: reading the history failed: ${err.message}`)).finally(() => this.reading.delete(t));
    this.reading.add(t);
  }

  /** Renews this instance's entry and rewrites its connection slots (a restarted Redis gets them back). */
  private async beat(): Promise<void> {
    if (this.closing || this.cmd.status !== 'ready') return;
    const pairs = [...this.slots].flatMap(([field, n]) => [field, n]);
    await this.cmd.specwireHeartbeat(this.instancesKey(), this.slotsKey(this.instanceId), this.instanceId, this.options.instanceTtlMs ?? 15_000, ...pairs).catch(() => undefined);
  }

  private seqKey(contract: string): string {
    return `${this.prefix}seq:${contract}`;
  }

  private markKey(contract: string): string {
    return `${this.prefix}reset:${contract}`;
  }

  private historyPrefix(contract: string): string {
    return `${this.prefix}h:${contract}:`;
  }

  private streamsKey(contract: string): string {
    return `${this.prefix}streams:${contract}`;
  }

  private instancesKey(): string {
    return `${this.prefix}instances`;
  }

  private slotsKey(instanceId: string): string {
    return `${this.prefix}conns:${instanceId}`;
  }

  /** Loads what Redis holds of every stream of `contracts` into this instance (before it listens). */
  async attach(contracts: readonly BackplaneContract[]): Promise<void> {
    for (const c of contracts) this.keep.set(c.contract, c.replayBuffer);
    if (this.options.catchUp === false) return;
    await this.catchUp();
  }

  async acquireConnection(contract: string, ip: string, limit: number): Promise<boolean> {
    const field = `${contract} ${ip}`;
    if (this.cmd.status === 'ready') {
      const taken = await this.cmd
        .specwireAcquire(this.instancesKey(), this.slotsKey(this.instanceId), field, limit, this.instanceId, `${this.prefix}conns:`, this.options.instanceTtlMs ?? 15_000)
        .catch(() => 1);
      if (Number(taken) === 0) return false;
    }
    // Redis down: the local count (checked by the caller) decides; the next heartbeat publishes the slot.
    this.slots.set(field, (this.slots.get(field) ?? 0) + 1);
    return true;
  }

  releaseConnection(contract: string, ip: string): void {
    const field = `${contract} ${ip}`;
    const n = (this.slots.get(field) ?? 0) - 1;
    if (n > 0) this.slots.set(field, n);
    else this.slots.delete(field);
    if (this.cmd.status !== 'ready') return;
    const slotsKey = this.slotsKey(this.instanceId);
    (n > 0 ? this.cmd.hset(slotsKey, field, n) : this.cmd.hdel(slotsKey, field)).catch(() => undefined);
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
    const body = JSON.stringify({ c: contract, s: stream, f: frame, t: Date.now() });
    const keep = this.keep.get(contract) ?? DEFAULT_KEEP;
    const seq = Number(
      await this.call(() =>
        this.cmd.specwirePublish(this.seqKey(contract), this.markKey(contract), this.historyPrefix(contract) + stream, this.streamsKey(contract), this.channel, stream, this.lastSeen.get(key) ?? 0, body, keep),
      ),
    );
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
      const keys = contracts.flatMap((c) => [this.seqKey(c), this.markKey(c), this.streamsKey(c)]);
      const message = `r ${JSON.stringify({ c: contract ?? null, id, from: this.instanceId, ...(heartbeat ? { h: heartbeat } : {}) })}`;
      return this.cmd.specwireReset(keys.length, ...keys, this.channel, message, ...contracts.map((c) => this.historyPrefix(c)));
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
    for (const map of [this.lastSeen, this.filling]) {
      if (contract === undefined) map.clear();
      else for (const k of [...map.keys()]) if (k.startsWith(`${contract}\u0000`)) map.delete(k);
    }
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
    const { c: contract, s: stream, f, t } = JSON.parse(message.slice(space + 1)) as { c: string; s: string; f: Frame; t?: number };
    this.accept({ contract, stream, seq, f, t });
  }

  /** Delivers in seq order per stream: a duplicate is dropped, a gap is first read from the history. */
  private accept(e: BusEvent): void {
    const key = `${e.contract}\u0000${e.stream}`;
    const waiting = this.filling.get(key);
    if (waiting) return void waiting.push(e);
    const last = this.lastSeen.get(key) ?? 0;
    if (e.seq <= last) return;
    if (e.seq === last + 1 || this.options.catchUp === false) return this.deliver(key, e);
    this.track(this.fill(e.contract, e.stream, [e]));
  }

  /**
   * Reads the stream's history after its last delivered seq and delivers it, then `queued` and what
   * arrived live meanwhile, in seq order. What Redis no longer holds goes on as a jump (the streams
   * then send `resync`).
   */
  private async fill(contract: string, stream: string, queued: BusEvent[]): Promise<void> {
    const key = `${contract}\u0000${stream}`;
    if (this.filling.has(key)) return void this.filling.get(key)!.push(...queued);
    this.filling.set(key, queued);
    let read: BusEvent[] = [];
    try {
      const from = (this.lastSeen.get(key) ?? 0) + 1;
      const entries = this.cmd.status === 'ready' ? await this.cmd.xrange(this.historyPrefix(contract) + stream, `${from}-0`, '+') : [];
      read = entries.map(([id, fields]) => {
        const { f, t } = JSON.parse(fields[1]!) as { f: Frame; t?: number };
        return { contract, stream, seq: Number.parseInt(id, 10), f, t };
      });
    } finally {
      const waiting = this.filling.get(key);
      // A reset while reading dropped this fill: what it read belongs to the old streams.
      if (waiting === queued) {
        this.filling.delete(key);
        for (const e of [...read, ...waiting].sort((a, b) => a.seq - b.seq)) if (e.seq > (this.lastSeen.get(key) ?? 0)) this.deliver(key, e);
      }
    }
  }

  observe(observer: BackplaneObserver): void {
    this.observer = observer;
  }

  private deliver(key: string, e: BusEvent): void {
    this.lastSeen.set(key, e.seq);
    if (e.t !== undefined) this.observer?.lag(Date.now() - e.t);
    // `type` and `seq` first, as the in-memory path orders them.
    const { type, ...rest } = e.f;
    this.receiver?.({ contract: e.contract, stream: e.stream, seq: e.seq, frame: { type, seq: e.seq, ...rest } });
    this.deliveryWaiters.get(`${key}\u0000${e.seq}`)?.();
  }

  /** Resolves once no history read is in flight (tests: "caught up"). */
  async settled(): Promise<void> {
    while (this.reading.size) await Promise.all([...this.reading]);
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
    clearInterval(this.heartbeat);
    // Leave the instance list at once rather than after the TTL; bounded, a hung Redis must not hold up a shutdown.
    if (this.cmd.status === 'ready') {
      const leave = this.cmd.multi().zrem(this.instancesKey(), this.instanceId).del(this.slotsKey(this.instanceId)).exec().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([leave, new Promise((r) => (timer = setTimeout(r, 500)))]);
      clearTimeout(timer);
    }
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
