/** Taskforge on the reference server: flat frames, subscribe per team, resume, polling, abuse paths. */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../protocol/close-codes.js';
import { loadContract } from '../../../contract/load.js';
import { compileSchema } from '../../../contract/schema-validator.js';
import { closeAll, connect, getJson, hook, open_, startServer, token, trigger, until } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const BOB = { sub: 'a3c5e7f9-1b2d-4c6e-8f0a-2b4c6d8e0f13', teams: ['team-a'] };
const MALLORY = { sub: '0a0b0c0d-1111-4222-8333-444455556666', teams: ['team-b'] };

afterEach(closeAll);

async function client(server: { url: string }, user = ALICE, protocols = ['taskforge.v1']) {
  return open_(`${server.url}/realtime?token=${await token('taskforge', user)}`, { protocols });
}

async function subscribed(server: { url: string }, user = ALICE, teamId = 'team-a') {
  const c = await client(server, user);
  c.send({ type: 'subscribe', teamId });
  await c.next((f) => f.type === 'subscribed' && f.teamId === teamId);
  return c;
}

describe('taskforge handshake', () => {
  it.each(['none', 'malformed', 'wrong-signature', 'expired', 'wrong-audience', 'alg-none'] as const)('refuses a %s token with HTTP 401 before the upgrade', async (variant) => {
    const server = await startServer({ contracts: ['taskforge'] });
    const t = await token('taskforge', ALICE, variant);
    const r = await connect(`${server.url}/realtime${t ? `?token=${t}` : ''}`, { protocols: ['taskforge.v1'] });
    expect(r).toEqual({ ok: false, status: 401 });
  });

  it('selects taskforge.v1, serves v1 without a subprotocol, and closes an unsupported major with 4406', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const t = await token('taskforge', ALICE);
    const v1 = await connect(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v1'] });
    expect(v1.ok && v1.protocol).toBe('taskforge.v1');
    const none = await open_(`${server.url}/realtime?token=${t}`);
    await none.barrier();
    const v9 = await open_(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v9'] });
    expect((await v9.waitClose()).code).toBe(CloseCode.UnsupportedVersion);
  });

  it('accepts the token as Authorization: Bearer too', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const c = await open_(`${server.url}/realtime`, { headers: { authorization: `Bearer ${await token('taskforge', ALICE)}` } });
    await c.barrier();
  });
});

describe('taskforge streams', () => {
  it('acks subscribe after its own presence.joined (seq 1), delivers triggered activity with seq 2, 3, 4 and stamps the team everywhere', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const c = await subscribed(server);
    expect(c.frames[0]).toEqual({ type: 'subscribed', teamId: 'team-a', seq: 1 });
    expect(await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 })).toEqual([2, 3, 4]);
    for (const seq of [2, 3, 4]) {
      const f = await c.next((x) => x.type === 'activity');
      expect(f).toMatchObject({ seq, teamId: 'team-a', activity: { type: 'task.created', teamId: 'team-a', data: { task: { teamId: 'team-a' } } } });
    }
  });

  it('answers forbidden for another team, keeps the connection, and never delivers that team', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const mallory = await client(server, MALLORY);
    mallory.send({ type: 'subscribe', teamId: 'team-a' });
    expect(await mallory.next()).toMatchObject({ type: 'error', code: 'forbidden', ref: 'subscribe' });
    await trigger(server, 'taskforge', 'activity', 'team-a');
    await mallory.barrier();
    expect(mallory.pending('activity')).toEqual([]);
  });

  it('resumes with lastSeq: replays exactly the missed events, then live ones', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    // Bob stays subscribed, so alice's leaving and coming back are presence activity (seq 1 is bob's join).
    await subscribed(server, BOB);
    const first = await subscribed(server);
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 3 });
    await first.next((f) => f.seq === 5);
    first.close();
    await until(() => server.metrics().contracts.taskforge!.streams['team-a']!.seq === 6, 3000, 'presence.left');
    await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'comment deleted', count: 5 });
    const again = await client(server);
    again.send({ type: 'subscribe', teamId: 'team-a', lastSeq: 5 });
    expect(await again.next()).toEqual({ type: 'subscribed', teamId: 'team-a', seq: 12, replaying: 7 });
    expect(await again.next()).toMatchObject({ type: 'activity', seq: 6, activity: { type: 'presence.left', actorUserId: ALICE.sub, data: { connections: 0 } } });
    for (const seq of [7, 8, 9, 10, 11]) expect(await again.next()).toMatchObject({ type: 'activity', seq, activity: { type: 'comment.deleted' } });
    expect(await again.next()).toMatchObject({ type: 'activity', seq: 12, activity: { type: 'presence.joined', actorUserId: ALICE.sub, data: { connections: 1 } } });
    await trigger(server, 'taskforge', 'activity', 'team-a');
    expect(await again.next()).toMatchObject({ type: 'activity', seq: 13 });
  });

  it('answers resync when the gap is older than the replay buffer', async () => {
    const server = await startServer({ contracts: ['taskforge'], limits: { replayBuffer: 3 } });
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 6 });
    const c = await client(server);
    c.send({ type: 'subscribe', teamId: 'team-a', lastSeq: 1 });
    // seq 7 is the joiner's own presence.joined, announced before its ack.
    expect(await c.next()).toEqual({ type: 'subscribed', teamId: 'team-a', seq: 7, replaying: 0 });
    expect(await c.next()).toEqual({ type: 'resync', stream: 'team-a', seq: 7, reason: 'gap_too_old' });
    // Subscribing again on the same connection is idempotent: a new ack and the replay asked for.
    c.send({ type: 'subscribe', teamId: 'team-a', lastSeq: 4 });
    expect(await c.next()).toMatchObject({ type: 'subscribed', seq: 7, replaying: 3 });
    expect((await c.next()).seq).toBe(5);
  });

  it('stops delivery after unsubscribe and answers not_subscribed the second time', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const c = await subscribed(server);
    c.send({ type: 'unsubscribe', teamId: 'team-a' });
    expect(await c.next()).toEqual({ type: 'unsubscribed', teamId: 'team-a' });
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 2 });
    c.send({ type: 'unsubscribe', teamId: 'team-a' });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'not_subscribed', ref: 'unsubscribe' });
    await c.barrier();
    expect(c.pending('activity')).toEqual([]);
    // seq 1 and 2: alice's presence.joined and presence.left; then the two activities.
    expect(server.metrics().contracts.taskforge!.streams['team-a']).toMatchObject({ subscribers: 0, seq: 4 });
  });

  it('isolates teams: a burst on one team never reaches the other', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const a = await subscribed(server);
    const b = await subscribed(server, MALLORY, 'team-b');
    await trigger(server, 'taskforge', 'activity', 'team-b', { count: 20 });
    await b.next((f) => f.seq === 20);
    await a.barrier();
    expect(a.pending('activity')).toEqual([]);
  });
});

describe('taskforge presence', () => {
  it('announces a member\'s first connection and their last leave (unsubscribe, close) to the team, never a second connection', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const alice = await subscribed(server);
    const bob = await subscribed(server, BOB);
    expect(await alice.next((f) => f.type === 'activity')).toMatchObject({ activity: { type: 'presence.joined', actorUserId: BOB.sub, data: { user: { userId: BOB.sub }, connections: 1 } } });
    const bobAgain = await subscribed(server, BOB);
    bobAgain.send({ type: 'unsubscribe', teamId: 'team-a' });
    await bobAgain.next((f) => f.type === 'unsubscribed');
    bob.close();
    expect(await alice.next((f) => f.type === 'activity')).toMatchObject({ activity: { type: 'presence.left', actorUserId: BOB.sub, data: { connections: 0 } } });
    await alice.barrier();
    expect(alice.pending('activity')).toEqual([]);
  });
});

describe('taskforge slow consumers', () => {
  it('closes a client that stops reading with 4508 once more than sendBufferBytes waits for it; the others carry on', async () => {
    // Bursts (180 KB) stay under the cap for a client that reads; the paused one passes it once the
    // kernel's socket buffers are full (a few MB on loopback).
    // No permessage-deflate: the repeated description would compress to almost nothing.
    const server = await startServer({ contracts: ['taskforge'], limits: { sendBufferBytes: 512 * 1024 }, compressionThresholdBytes: 0 });
    const slow = await subscribed(server);
    const fast = await subscribed(server, BOB);
    slow.ws.pause();
    const description = 'x'.repeat(9000);
    for (let i = 0; i < 80; i++) {
      const seqs = await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 20, payload: { activity: { data: { task: { description } } } } });
      await fast.next((f) => f.type === 'activity' && f.seq === seqs.at(-1), 10_000);
    }
    slow.ws.resume();
    expect((await slow.waitClose(10_000)).code).toBe(CloseCode.SlowConsumer);
  });
});

describe('taskforge abuse paths', () => {
  it('answers malformed frames with named errors; the connection and others carry on', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const bob = await subscribed(server, BOB);
    const alice = await client(server);
    alice.send('this is {not json');
    expect(await alice.next()).toMatchObject({ type: 'error', code: 'bad_frame' });
    alice.send({ type: 'teleport', teamId: 'team-a' });
    expect(await alice.next()).toMatchObject({ type: 'error', code: 'unknown_type' });
    alice.send({ type: 'subscribe' });
    expect(await alice.next()).toMatchObject({ type: 'error', code: 'invalid_payload', ref: 'subscribe' });
    alice.send('[1, 2]');
    expect(await alice.next()).toMatchObject({ type: 'error', code: 'bad_frame' });
    await alice.barrier('still-open');
    await trigger(server, 'taskforge', 'activity', 'team-a');
    expect(await bob.next()).toMatchObject({ type: 'activity', seq: 2, activity: { type: 'task.created' } });
  });

  it('closes with 4400 after repeated bad frames', async () => {
    const server = await startServer({ contracts: ['taskforge'], limits: { badFramesBeforeClose: 3 } });
    const c = await client(server);
    for (let i = 0; i < 3; i++) c.send('nope');
    expect((await c.waitClose()).code).toBe(CloseCode.BadFrame);
    expect(c.frames.filter((f) => f.code === 'bad_frame')).toHaveLength(3);
  });

  it('closes an oversized frame with 1009 and leaves other connections alone', async () => {
    const server = await startServer({ contracts: ['taskforge'], limits: { maxPayloadBytes: 1024 } });
    const other = await client(server);
    const c = await client(server);
    c.send({ type: 'ping', id: 'x'.repeat(2000) });
    expect((await c.waitClose()).code).toBe(CloseCode.MessageTooBig);
    await other.barrier();
  });

  it('answers rate_limited over messagesPerSecond and closes 4429 when it persists', async () => {
    const server = await startServer({ contracts: ['taskforge'], limits: { messagesPerSecond: 5 } });
    const c = await client(server);
    for (let i = 0; i < 30; i++) c.send({ type: 'ping', id: `p${i}` });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'rate_limited' });
    expect((await c.waitClose()).code).toBe(CloseCode.RateLimited);
  });

  it('answers ping with pong echoing the id, and reaps a silent connection with 4408', async () => {
    const server = await startServer({ contracts: ['taskforge'], heartbeat: { idleTimeoutMs: 300 } });
    const c = await client(server);
    c.send({ type: 'ping', id: 'hb-1' });
    expect(await c.next()).toMatchObject({ type: 'pong', id: 'hb-1' });
    expect((await c.waitClose()).code).toBe(CloseCode.IdleTimeout);
    await until(() => server.metrics().contracts.taskforge!.connections === 0, 3000, 'session cleanup');
  });

  it('idle sweep: a connection is never reaped before idleTimeoutMs has passed since its last frame', async () => {
    const server = await startServer({ contracts: ['taskforge'], heartbeat: { idleTimeoutMs: 400 } });
    const c = await client(server);
    // Frames refresh the deadline: the last one sent is the earliest the server may reap from.
    let lastSentAt = 0;
    for (let i = 0; i < 3; i++) {
      lastSentAt = Date.now();
      c.send({ type: 'ping', id: `hb-${i}` });
      expect(await c.next()).toMatchObject({ type: 'pong', id: `hb-${i}` });
    }
    expect((await c.waitClose()).code).toBe(CloseCode.IdleTimeout);
    expect(Date.now() - lastSentAt).toBeGreaterThanOrEqual(400);
  });

  it('refuses connections beyond connectionsPerIp with HTTP 429 and frees the slot on close', async () => {
    const server = await startServer({ contracts: ['taskforge'], limits: { connectionsPerIp: 2 } });
    const t = await token('taskforge', ALICE);
    const a = await open_(`${server.url}/realtime?token=${t}`);
    await open_(`${server.url}/realtime?token=${t}`);
    expect(await connect(`${server.url}/realtime?token=${t}`)).toEqual({ ok: false, status: 429 });
    a.ws.close();
    await a.waitClose();
    // The server sees the close a moment later: retry on the event, not on a timer.
    let r = await connect(`${server.url}/realtime?token=${t}`);
    for (let i = 0; !r.ok && i < 50; i++) r = await connect(`${server.url}/realtime?token=${t}`);
    expect(r.ok).toBe(true);
  });
});

describe('taskforge polling', () => {
  it('lists the very activity frames delivered, valid against ActivityPage; 401 without token, 403 for other teams', async () => {
    const loaded = await loadContract('asyncapi/taskforge.yaml');
    if (!loaded.ok) throw new Error('taskforge does not load');
    const schema = loaded.contract.specwire!.polling![0]!.response!;
    const server = await startServer({ contracts: ['taskforge'] });
    const c = await subscribed(server);
    await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'task created', count: 3 });
    await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'comment deleted' });
    const delivered = [await c.next(), await c.next(), await c.next(), await c.next()];
    const t = await token('taskforge', ALICE);
    const page = await getJson(`${server.httpUrl}/api/teams/team-a/activity`, t);
    expect(page.status).toBe(200);
    const validate = compileSchema(schema);
    expect(validate.ok && validate.fn(page.json)).toBe(true);
    // seq 1 is alice's presence.joined, announced before her ack: listed, not delivered to her.
    expect(page.json).toMatchObject({ teamId: 'team-a', seq: 5, items: [{ seq: 1, activity: { type: 'presence.joined' } }, ...delivered], hasMore: false });
    const after = await getJson(`${server.httpUrl}/api/teams/team-a/activity?after=3&limit=1&token=${t}`);
    expect(after.json).toMatchObject({ seq: 5, items: [delivered[2]], hasMore: true });
    expect((await getJson(`${server.httpUrl}/api/teams/team-a/activity`)).status).toBe(401);
    expect((await getJson(`${server.httpUrl}/api/teams/team-a/activity`, await token('taskforge', MALLORY))).status).toBe(403);
    expect((await getJson(`${server.httpUrl}/api/teams/team-a/activity?after=x`, t)).status).toBe(400);
  });

  it('resets streams, seq and state with the reset hook', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 2 });
    expect((await hook(server, '/reset', {})).status).toBe(204);
    expect(await trigger(server, 'taskforge', 'activity', 'team-a')).toEqual([1]);
    const page = await getJson(`${server.httpUrl}/api/teams/team-a/activity`, await token('taskforge', ALICE));
    expect(page.json.items).toHaveLength(1);
  });
});
