/** Leaderboard on the reference server: admin-only broadcast fanned out on the board stream only; standings polling. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../../contract/load.js';
import { compileSchema } from '../../../contract/schema-validator.js';
import { closeAll, getJson, open_, startServer, token, trigger } from '../helpers.js';

const ADMIN = { sub: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', boards: ['spring'], roles: ['admin'] };
const PLAYER = { sub: '5b0c7e3a-9d41-4f2b-8e6a-1c3d5f7a9b20', boards: ['spring'] };
const OTHER = { sub: '0a0b0c0d-1111-4222-8333-444455556666', boards: ['autumn'] };
const LB = 'leaderboard';

afterEach(closeAll);

async function player(server: { url: string }, user: Record<string, unknown>, boardId?: string) {
  const c = await open_(`${server.url}/ws/leaderboard?token=${await token(LB, user as never)}`, { protocols: ['leaderboard.v1'] });
  if (boardId) {
    c.send({ type: 'subscribe', boardId });
    await c.next((f) => f.type === 'subscribed');
  }
  return c;
}

describe('leaderboard admin broadcast', () => {
  it('acks the admin, delivers admin.broadcast to the board only, and forbids non-admins', async () => {
    const server = await startServer({ contracts: [LB] });
    const admin = await player(server, ADMIN);
    const spring = await player(server, PLAYER, 'spring');
    const autumn = await player(server, OTHER, 'autumn');
    admin.send({ type: 'admin.broadcast.send', boardId: 'spring', requestId: 'bc-1', message: 'Double points tonight', severity: 'info' });
    const ack = await admin.next();
    expect(ack).toMatchObject({ type: 'admin.broadcast.accepted', boardId: 'spring', requestId: 'bc-1' });
    expect(await spring.next()).toMatchObject({ type: 'admin.broadcast', boardId: 'spring', seq: 1, broadcast: { id: ack.broadcastId, message: 'Double points tonight', from: { id: ADMIN.sub } } });
    autumn.send({ type: 'admin.broadcast.send', boardId: 'autumn', requestId: 'r-1', message: 'Free points for me' });
    expect(await autumn.next()).toMatchObject({ type: 'error', code: 'forbidden', ref: 'admin.broadcast.send' });
    await autumn.barrier();
    await admin.barrier();
    expect(autumn.pending('admin.broadcast')).toEqual([]);
    expect(admin.pending('admin.broadcast')).toEqual([]);
  });
});

describe('leaderboard standings', () => {
  it('ranks players by the points the events reported, valid against Standings; 403 for another board', async () => {
    const loaded = await loadContract('asyncapi/leaderboard.yaml');
    if (!loaded.ok) throw new Error('leaderboard does not load');
    const validate = compileSchema(loaded.contract.specwire!.polling![0]!.response!);
    const server = await startServer({ contracts: [LB] });
    const nova = { id: 'c4e8a2f6-9b1d-4e3c-a7f5-0d2b4c6e8a19', displayName: 'NovaStrike', avatarUrl: null };
    const panda = { id: '0f3b5d7e-9a1c-4b2d-8e6f-a1b3c5d7e9f2', displayName: 'quietpanda', avatarUrl: null };
    await trigger(server, LB, 'points.updated', 'spring', { payload: { player: nova, points: 100 } });
    await trigger(server, LB, 'points.updated', 'spring', { payload: { player: panda, points: 300 } });
    await trigger(server, LB, 'presence.changed', 'spring', { payload: { player: panda, status: 'online' } });
    await trigger(server, LB, 'achievement.unlocked', 'spring');
    await trigger(server, LB, 'system.maintenance', 'spring');
    const standings = await getJson(`${server.httpUrl}/api/boards/spring/standings`, await token(LB, PLAYER));
    expect(validate.ok && validate.fn(standings.json)).toBe(true);
    expect(standings.json).toMatchObject({
      boardId: 'spring',
      seq: 5,
      total: 2,
      entries: [
        { rank: 1, player: panda, points: 300, online: true },
        { rank: 2, player: nova, points: 100, online: false },
      ],
    });
    expect(standings.json.recentAchievements).toHaveLength(1);
    expect(standings.json.maintenance).toHaveLength(1);
    expect((await getJson(`${server.httpUrl}/api/boards/spring/standings`, await token(LB, OTHER))).status).toBe(403);
  });
});
