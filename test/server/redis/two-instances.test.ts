/**
 * Two reference-server instances on one Redis (127.0.0.1:6379), in one test each: an event triggered
 * on either reaches subscribers on both, in one seq order; a client resumes on the other instance;
 * a reset on one resets both, and so does a state step.
 */
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../protocol/close-codes.js';
import { type ReferenceServer, RedisBackplane, silentLogger } from '../../../server/index.js';
import { startTcpCutter } from '../../support/tcp-cutter.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from '../../support/redis.js';
import { closeAll, connect, getJson, hook, open_, startServer, token, trigger, until } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const available = await requireRedis('Redis backplane (two instances)');
const prefixes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await closeAll();
  while (cleanups.length) await cleanups.pop()!();
  while (prefixes.length) await deletePrefix(prefixes.pop()!);
});

async function twoInstances(): Promise<[ReferenceServer, ReferenceServer]> {
  const redisKeyPrefix = uniquePrefix();
  prefixes.push(redisKeyPrefix);
  // Presence off: these tests count seqs of their own events only (presence: test/server/contracts/taskforge.test.ts).
  const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits: { connectionsPerIp: 500 }, presence: false };
  return [await startServer(options), await startServer(options)];
}

/** Handshakes until one is accepted (each try is a real handshake, answered 429 until a slot frees), within `ms`. */
async function acceptedWithin(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await connect(url, { protocols: ['taskforge.v1'] });
    if (r.ok) return;
    if (r.status !== 429 || Date.now() > deadline) throw new Error(`still refused (${r.status}) after ${ms} ms`);
  }
}

async function subscribed(server: ReferenceServer, lastSeq?: number) {
  const c = await open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`, { protocols: ['taskforge.v1'] });
  c.send({ type: 'subscribe', teamId: 'team-a', ...(lastSeq === undefined ? {} : { lastSeq }) });
  const ack = await c.next((f) => f.type === 'subscribed');
  return { c, ack };
}

describe.skipIf(!available)('Redis backplane, two instances', () => {
  it('delivers an event triggered on A to subscribers on B and A, and /metrics.json says redis', async () => {
    const [a, b] = await twoInstances();
    const { c: onB } = await subscribed(b);
    const { c: onA } = await subscribed(a);
    expect(await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 })).toEqual([1, 2, 3]);
    for (const client of [onB, onA]) {
      for (const seq of [1, 2, 3]) expect(await client.next((f) => f.type === 'activity')).toMatchObject({ seq, teamId: 'team-a', activity: { type: 'task.created' } });
    }
    expect((await getJson(`${b.httpUrl}/metrics.json`)).json).toMatchObject({ backplane: 'redis', contracts: { taskforge: { streams: { 'team-a': { seq: 3, buffered: 3, subscribers: 1 } } } } });
    // Each event crossed Redis to B: three observations of the publish-to-arrival lag.
    expect(await (await fetch(`${b.httpUrl}/metrics`)).text()).toMatch(/^specwire_backplane_lag_seconds_count 3$/m);
  });

  it('keeps one seq order on both instances when both publish a burst to the same stream at once', async () => {
    const [a, b] = await twoInstances();
    const clients = [(await subscribed(a)).c, (await subscribed(b)).c, (await subscribed(b)).c];
    const burst = 150;
    const [fromA, fromB] = await Promise.all([
      trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: burst }),
      trigger(b, 'taskforge', 'activity', 'team-a', { example: 'comment deleted', count: burst }),
    ]);
    // Every seq assigned exactly once across the two instances.
    expect([...fromA, ...fromB].sort((x, y) => x - y)).toEqual(Array.from({ length: 2 * burst }, (_, i) => i + 1));
    const typeOfSeq = new Map([...fromA.map((s) => [s, 'task.created'] as const), ...fromB.map((s) => [s, 'comment.deleted'] as const)]);
    for (const client of clients) {
      for (let seq = 1; seq <= 2 * burst; seq++) {
        const f = await client.next((x) => x.type === 'activity');
        expect({ seq: f.seq, type: f.activity.type }).toEqual({ seq, type: typeOfSeq.get(seq) });
      }
      await client.barrier();
      expect(client.pending('activity')).toEqual([]);
    }
  });

  it('resumes on B with the lastSeq a client got from A: exactly the gap, then live, no duplicate', async () => {
    const [a, b] = await twoInstances();
    const { c: first } = await subscribed(a);
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 });
    let last = 0;
    for (let i = 0; i < 3; i++) last = (await first.next((f) => f.type === 'activity')).seq;
    first.close();
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'comment deleted', count: 4 });
    // The hook answers once A applied the events; B applies them on its own receipt (eventual, sub-ms).
    await until(() => b.metrics().contracts.taskforge!.streams['team-a']?.seq === 7, 3000, 'B applied seq 7');
    const { c: again, ack } = await subscribed(b, last);
    expect(ack).toEqual({ type: 'subscribed', teamId: 'team-a', seq: 7, replaying: 4 });
    for (const seq of [4, 5, 6, 7]) expect(await again.next((f) => f.type === 'activity')).toMatchObject({ seq, activity: { type: 'comment.deleted' } });
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created' });
    expect(await again.next((f) => f.type === 'activity')).toMatchObject({ seq: 8 });
    await again.barrier();
    expect(again.pending('activity')).toEqual([]);
  });

  it('an instance started after the events replays the gap from Redis (durable history, not its own memory)', async () => {
    const redisKeyPrefix = uniquePrefix();
    prefixes.push(redisKeyPrefix);
    const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, presence: false };
    const a = await startServer(options);
    expect(await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 6 })).toEqual([1, 2, 3, 4, 5, 6]);
    const late = await startServer(options);
    const { c, ack } = await subscribed(late, 1);
    expect(ack).toEqual({ type: 'subscribed', teamId: 'team-a', seq: 6, replaying: 5 });
    for (const seq of [2, 3, 4, 5, 6]) expect(await c.next((f) => f.type === 'activity')).toMatchObject({ seq, activity: { type: 'task.created' } });
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'comment deleted' });
    expect(await c.next((f) => f.type === 'activity')).toMatchObject({ seq: 7 });
    await c.barrier();
    expect(c.pending('activity')).toEqual([]);
  });

  it('keeps the history bounded by replayBuffer in Redis: a resume from before it gets resync on a late instance', async () => {
    const redisKeyPrefix = uniquePrefix();
    prefixes.push(redisKeyPrefix);
    const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits: { replayBuffer: 3 }, presence: false };
    const a = await startServer(options);
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 5 });
    const late = await startServer(options);
    const { c, ack } = await subscribed(late, 1);
    expect(ack).toMatchObject({ seq: 5, replaying: 0 });
    expect(await c.next((f) => f.type === 'resync')).toMatchObject({ seq: 5, reason: 'gap_too_old' });
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.xlen(`${redisKeyPrefix}h:taskforge:team-a`)).toBe(3);
    } finally {
      redis.disconnect();
    }
    const { c: c2, ack: ack2 } = await subscribed(late, 2);
    expect(ack2).toMatchObject({ seq: 5, replaying: 3 });
    for (const seq of [3, 4, 5]) expect(await c2.next((f) => f.type === 'activity')).toMatchObject({ seq });
  });

  it('an instance whose Redis connection dropped catches up from the history: its clients get the missed events in order, no resync', async () => {
    const redisKeyPrefix = uniquePrefix();
    prefixes.push(redisKeyPrefix);
    const cutter = await startTcpCutter(6379);
    cleanups.push(() => cutter.close());
    const a = await startServer({ contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, presence: false });
    const b = await startServer({ contracts: ['taskforge'], redisUrl: cutter.url, redisKeyPrefix, presence: false });
    const { c } = await subscribed(b);
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 });
    await c.next((f) => f.type === 'activity' && f.seq === 3);
    cutter.blackhole();
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'comment deleted', count: 5 });
    cutter.cut();
    for (const seq of [4, 5, 6, 7, 8]) expect(await c.next((f) => f.type === 'activity' || f.type === 'resync', 10_000)).toMatchObject({ type: 'activity', seq });
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created' });
    expect(await c.next((f) => f.type === 'activity' || f.type === 'resync')).toMatchObject({ type: 'activity', seq: 9 });
    await c.barrier();
    expect(c.pending('activity')).toEqual([]);
    expect(c.pending('resync')).toEqual([]);
  });

  it('counts connectionsPerIp across instances: at the limit on A and B together, the next one is refused on either', async () => {
    const redisKeyPrefix = uniquePrefix();
    prefixes.push(redisKeyPrefix);
    const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits: { connectionsPerIp: 3 } };
    const a = await startServer(options);
    const b = await startServer(options);
    const url = async (s: ReferenceServer) => `${s.url}/realtime?token=${await token('taskforge', ALICE)}`;
    const first = await open_(await url(a), { protocols: ['taskforge.v1'] });
    await open_(await url(b), { protocols: ['taskforge.v1'] });
    await open_(await url(a), { protocols: ['taskforge.v1'] });
    for (const s of [a, b]) expect(await connect(await url(s), { protocols: ['taskforge.v1'] })).toMatchObject({ ok: false, status: 429 });
    first.close();
    // The slot comes back once A saw the close and told Redis: retry until then (each try is a real handshake).
    await acceptedWithin(await url(b), 5000);
  });

  it('a hung instance stops counting: its connection slots expire with its heartbeat', async () => {
    const redisKeyPrefix = uniquePrefix();
    prefixes.push(redisKeyPrefix);
    const cutter = await startTcpCutter(6379);
    cleanups.push(() => cutter.close());
    const limits = { connectionsPerIp: 2 };
    const a = await startServer({ contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits });
    // A short TTL (the default is 15 s): the test waits for it to pass.
    const backplane = await RedisBackplane.connect({ url: cutter.url, keyPrefix: redisKeyPrefix, logger: silentLogger, instanceTtlMs: 600 });
    const hung = await startServer({ contracts: ['taskforge'], backplane, limits });
    const url = async (s: ReferenceServer) => `${s.url}/realtime?token=${await token('taskforge', ALICE)}`;
    await open_(await url(hung), { protocols: ['taskforge.v1'] });
    await open_(await url(hung), { protocols: ['taskforge.v1'] });
    expect(await connect(await url(a), { protocols: ['taskforge.v1'] })).toMatchObject({ ok: false, status: 429 });
    cutter.freeze(); // no heartbeat reaches Redis any more: after its TTL the instance's slots no longer count
    await acceptedWithin(await url(a), 10_000);
  });

  it('a reset on A resets B too: B closes its clients with 1000, forgets streams, and seq starts again at 1 everywhere', async () => {
    const [a, b] = await twoInstances();
    const { c: onB } = await subscribed(b);
    await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 2 });
    await onB.next((f) => f.type === 'activity' && f.seq === 2);
    const r = await hook(a, '/reset', { contract: 'taskforge' });
    expect(r.status).toBe(204);
    // The hook answered only after B acknowledged: B's state is already reset, no waiting needed.
    expect(b.metrics().contracts.taskforge!.streams).toEqual({});
    expect((await onB.waitClose()).code).toBe(CloseCode.Normal);
    const { c: fresh, ack } = await subscribed(b);
    expect(ack).toMatchObject({ seq: 0 });
    const { c: onA } = await subscribed(a);
    expect(await trigger(b, 'taskforge', 'activity', 'team-a', { example: 'task created' })).toEqual([1]);
    expect(await fresh.next((f) => f.type === 'activity')).toMatchObject({ seq: 1 });
    expect(await onA.next((f) => f.type === 'activity')).toMatchObject({ seq: 1 });
  });

  it('a state step on A reaches B before the hook answers: B too knows only the named teams, until a reset', async () => {
    const [a, b] = await twoInstances();
    expect((await hook(a, '/state', { contract: 'taskforge', stream: 'team-a', members: [{ sub: ALICE.sub }] })).status).toBe(204);
    const c = await open_(`${b.url}/realtime?token=${await token('taskforge', { sub: ALICE.sub, teams: ['team-a', 'team-z'] })}`, { protocols: ['taskforge.v1'] });
    c.send({ type: 'subscribe', teamId: 'team-z' });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'not_found', ref: 'subscribe' });
    c.send({ type: 'subscribe', teamId: 'team-a' });
    expect(await c.next((f) => f.type === 'subscribed')).toMatchObject({ teamId: 'team-a' });
    expect((await hook(b, '/reset', { contract: 'taskforge' })).status).toBe(204);
    const after = await open_(`${a.url}/realtime?token=${await token('taskforge', { sub: ALICE.sub, teams: ['team-z'] })}`, { protocols: ['taskforge.v1'] });
    after.send({ type: 'subscribe', teamId: 'team-z' });
    expect(await after.next((f) => f.type === 'subscribed')).toMatchObject({ teamId: 'team-z' });
  });
});
