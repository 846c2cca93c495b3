/**
 * The mutants of the Redis backplane's own paths (`REDIS_MUTANTS` in test/mutants/mutants.ts): each
 * test runs one observation against the unbroken server, where it must hold, and against the mutant,
 * where it must not. The zoo's in-memory topologies cannot express these faults. Presence is off
 * everywhere: the observations count the seqs of the test's own events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultName } from '../../../server/core/faults.js';
import type { Logger, ReferenceServer } from '../../../server/index.js';
import { REDIS_KILLERS, REDIS_MUTANTS } from '../../mutants/mutants.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from '../../support/redis.js';
import { startTcpCutter } from '../../support/tcp-cutter.js';
import { closeAll, connect, type Frame, open_, startServer, token, trigger } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const available = await requireRedis('Redis backplane mutants');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await closeAll();
  while (cleanups.length) await cleanups.pop()!();
});

function prefix(): string {
  const p = uniquePrefix();
  cleanups.push(() => deletePrefix(p));
  return p;
}

async function subscribed(server: ReferenceServer, lastSeq?: number) {
  const c = await open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`, { protocols: ['taskforge.v1'] });
  c.send({ type: 'subscribe', teamId: 'team-a', ...(lastSeq === undefined ? {} : { lastSeq }) });
  const ack = await c.next((f) => f.type === 'subscribed');
  return { c, ack };
}

/** Resolves on the first log line matching `pattern`. */
function loggerWaitingFor(pattern: RegExp): { logger: Logger; seen: Promise<void> } {
  let hit!: () => void;
  const seen = new Promise<void>((r) => (hit = r));
  const line = (m: string) => void (pattern.test(m) && hit());
  return { logger: { info: line, warn: line, error: line }, seen };
}

/** A late instance's answer to a client resuming after seq 1 of 6. */
async function lateResume(faults: FaultName[]): Promise<Frame> {
  const redisKeyPrefix = prefix();
  const a = await startServer({ contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, presence: false });
  await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 6 });
  const late = await startServer({ contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, faults: new Set(faults), presence: false });
  return (await subscribed(late, 1)).ack;
}

/** The first event or resync a client of an instance whose Redis connection was starved then cut gets (seq 4 is the first it missed). */
async function afterCut(faults: FaultName[]): Promise<Frame> {
  const redisKeyPrefix = prefix();
  const cutter = await startTcpCutter(6379);
  cleanups.push(() => cutter.close());
  const restored = loggerWaitingFor(/connection restored/);
  const a = await startServer({ contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, presence: false });
  const b = await startServer({ contracts: ['taskforge'], redisUrl: cutter.url, redisKeyPrefix, logger: restored.logger, faults: new Set(faults), presence: false });
  const { c } = await subscribed(b);
  await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 });
  await c.next((f) => f.type === 'activity' && f.seq === 3);
  cutter.blackhole();
  await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'comment deleted', count: 5 });
  cutter.cut();
  await restored.seen;
  // One more event after B is back: whatever B does about 4..8, the client hears something.
  await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created' });
  return c.next((f) => f.type === 'activity' || f.type === 'resync', 10_000);
}

/** The answer to a third connection from one IP on instance B while two are open on A, with a limit of 2. */
async function thirdOnOtherInstance(faults: FaultName[]): Promise<{ ok: boolean; status?: number }> {
  const redisKeyPrefix = prefix();
  const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits: { connectionsPerIp: 2 }, faults: new Set(faults), presence: false };
  const a = await startServer(options);
  const b = await startServer(options);
  const url = async (s: ReferenceServer) => `${s.url}/realtime?token=${await token('taskforge', ALICE)}`;
  await open_(await url(a), { protocols: ['taskforge.v1'] });
  await open_(await url(a), { protocols: ['taskforge.v1'] });
  const r = await connect(await url(b), { protocols: ['taskforge.v1'] });
  return r.ok ? { ok: true } : { ok: false, status: r.status };
}

describe.skipIf(!available)('Redis backplane mutants, each killed', () => {
  it('lists a killer for every redis mutant', () => {
    expect(REDIS_MUTANTS.map((m) => m.name).sort()).toEqual(Object.keys(REDIS_KILLERS).sort());
  });

  it('history-local-only: the unbroken late instance replays the gap from Redis, the mutant does not', async () => {
    expect(await lateResume([])).toMatchObject({ seq: 6, replaying: 5 });
    expect(await lateResume(['history-local-only'])).not.toMatchObject({ replaying: 5 });
  });

  it('relay-gap-on-reconnect: the unbroken instance delivers seq 4 after the cut, the mutant jumps silently to 9', async () => {
    expect(await afterCut([])).toMatchObject({ type: 'activity', seq: 4 });
    expect(await afterCut(['relay-gap-on-reconnect'])).toMatchObject({ type: 'activity', seq: 9 });
  });

  it('connection-limit-per-instance: the unbroken pair refuses the third connection on B (429), the mutant accepts it', async () => {
    expect(await thirdOnOtherInstance([])).toEqual({ ok: false, status: 429 });
    expect(await thirdOnOtherInstance(['connection-limit-per-instance'])).toEqual({ ok: true });
  });
});
