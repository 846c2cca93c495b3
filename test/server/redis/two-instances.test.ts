/**
 * Two reference-server instances on one Redis (127.0.0.1:6379), in one test each: an event triggered
 * on either reaches subscribers on both, in one seq order; a client resumes on the other instance;
 * a reset on one resets both, and so does a state step.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../protocol/close-codes.js';
import type { ReferenceServer } from '../../../server/index.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from '../../support/redis.js';
import { closeAll, getJson, hook, open_, startServer, token, trigger, until } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const available = await requireRedis('Redis backplane (two instances)');
const prefixes: string[] = [];

afterEach(async () => {
  await closeAll();
  while (prefixes.length) await deletePrefix(prefixes.pop()!);
});

async function twoInstances(): Promise<[ReferenceServer, ReferenceServer]> {
  const redisKeyPrefix = uniquePrefix();
  prefixes.push(redisKeyPrefix);
  // Presence off: these tests count seqs of their own events only (presence: test/server/contracts/taskforge.test.ts).
  const options = { contracts: ['taskforge'], redisUrl: REDIS_URL, redisKeyPrefix, limits: { connectionsPerIp: 500 }, presence: false };
  return [await startServer(options), await startServer(options)];
}

async function subscribed(server: ReferenceServer, lastSeq?: number) {
  const c = await open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`, { protocols: ['taskforge.v1'] });
  c.send({ type: 'subscribe', teamId: 'team-a', ...(lastSeq === undefined ? {} : { lastSeq }) });
  const ack = await c.next((f) => f.type === 'subscribed');
  return { c, ack };
}

describe.skipIf(!available)('Redis backplane, two instances', () => {
  it('delivers an event triggered on A to subscribers on B and A, and /metrics says redis', async () => {
    const [a, b] = await twoInstances();
    const { c: onB } = await subscribed(b);
    const { c: onA } = await subscribed(a);
    expect(await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 })).toEqual([1, 2, 3]);
    for (const client of [onB, onA]) {
      for (const seq of [1, 2, 3]) expect(await client.next((f) => f.type === 'activity')).toMatchObject({ seq, teamId: 'team-a', activity: { type: 'task.created' } });
    }
    expect((await getJson(`${b.httpUrl}/metrics`)).json).toMatchObject({ backplane: 'redis', contracts: { taskforge: { streams: { 'team-a': { seq: 3, buffered: 3, subscribers: 1 } } } } });
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
