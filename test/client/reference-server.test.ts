/**
 * The client against the real reference server (taskforge: streams joined by `subscribe`, a feed
 * polling endpoint): whatever happens to the connection, the sequence the app sees is exactly the
 * sequence published — no loss, no duplicate.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract as taskforge } from '../../generated/taskforge/client.js';
import { mintToken } from '../../protocol/claims.js';
import type { ReferenceServer } from '../../server/index.js';
import { SECRET, startServer, token } from '../server/helpers.js';
import { startFaultProxy, type FaultProxy } from '../support/ws-proxy.js';
import { closeClients, makeClient, publish, range, Recorder, teamToken } from './helpers.js';

let server: ReferenceServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startServer({ contracts: ['taskforge'], heartbeat: { idleTimeoutMs: 60_000 } });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  closeClients();
  await proxy?.close();
});

async function proxied(team: string, options: Record<string, unknown> = {}) {
  proxy = await startFaultProxy(server);
  const client = makeClient(taskforge, { url: proxy.url, token: await teamToken(team), ...options });
  const rec = new Recorder().attach(client);
  client.subscribe(team);
  await rec.nextJoin('first join');
  return { client, rec };
}

/** Blocks the WebSocket path, drops every connection, runs `during`, unblocks, waits for the rejoin. */
async function outage(rec: Recorder, during: () => Promise<void>): Promise<void> {
  proxy.faults.blockUpgrades = true;
  const joins = rec.joins.length;
  const from = rec.states.length;
  proxy.killAll();
  // Two `reconnecting`: the drop was noticed and at least one attempt was refused while blocked.
  await rec.waitFor(() => rec.states.slice(from).filter((s) => s.state === 'reconnecting').length >= 2, 'client retried while blocked');
  await during();
  proxy.faults.blockUpgrades = false;
  await rec.waitFor(() => rec.joins.length > joins, 'rejoined after the outage');
}

describe('client against the reference server (taskforge)', () => {
  it('abrupt drops with events in the gap: resumes from the last seq, nothing lost or doubled', async () => {
    const { rec } = await proxied('t-drops', { fallbackAfter: 1000 });
    const published: number[] = [];
    published.push(...(await publish(server, 'taskforge', 'activity', 't-drops', 3)));
    for (let round = 0; round < 3; round++) {
      await outage(rec, async () => {
        published.push(...(await publish(server, 'taskforge', 'activity', 't-drops', 4)));
      });
      published.push(...(await publish(server, 'taskforge', 'activity', 't-drops', 2)));
    }
    await rec.waitFor(() => rec.events.length >= published.length, 'every published event');
    expect(published).toEqual(range(1, 21));
    expect(rec.seqs('t-drops')).toEqual(published);
    expect(rec.resyncs).toEqual([]); // the replay buffer held every gap
    expect(proxy.refused).toBeGreaterThan(0); // the client did retry while blocked
    expect(rec.errors.filter((e) => e.kind !== 'poll-failed')).toEqual([]);
  });

  it('two streams on one socket resume independently; unsubscribe stops one', async () => {
    proxy = await startFaultProxy(server);
    const client = makeClient(taskforge, { url: proxy.url, token: await token('taskforge', { sub: 'u-1', teams: ['t-a', 't-b'] }), fallbackAfter: 1000 });
    const rec = new Recorder().attach(client);
    client.subscribe('t-a');
    client.subscribe('t-b');
    await rec.waitFor(() => rec.joins.length === 2, 'both joined');
    const a = await publish(server, 'taskforge', 'activity', 't-a', 2);
    const b = await publish(server, 'taskforge', 'activity', 't-b', 1);
    await outage(rec, async () => {
      a.push(...(await publish(server, 'taskforge', 'activity', 't-a', 2)));
      b.push(...(await publish(server, 'taskforge', 'activity', 't-b', 3)));
    });
    await rec.waitFor(() => rec.events.length === a.length + b.length, 'both streams caught up');
    expect(rec.seqs('t-a')).toEqual(a);
    expect(rec.seqs('t-b')).toEqual(b);
    client.unsubscribe('t-a');
    // Whether the server drops t-a at once or an in-flight frame still arrives, the app sees nothing more of it.
    const more = await publish(server, 'taskforge', 'activity', 't-a', 2);
    const last = await publish(server, 'taskforge', 'activity', 't-b', 1);
    await rec.waitFor(() => rec.seqs('t-b').at(-1) === last[0], 't-b still flowing');
    expect(rec.seqs('t-a')).toEqual(a);
    expect(more).toEqual([5, 6]);
    expect(client.position('t-a')).toBeUndefined();
    expect(rec.errors).toEqual([]); // in-flight frames of the left stream are not an error
  });

  it('blocked WebSocket path: falls back to polling at the contract interval, switches back, no loss or duplicate across the switches', async () => {
    const { client, rec } = await proxied('t-poll', { fallbackAfter: 2 });
    const published = await publish(server, 'taskforge', 'activity', 't-poll', 2);
    await rec.waitFor(() => rec.events.length === 2, 'live events');
    proxy.faults.blockUpgrades = true;
    proxy.killAll();
    await rec.waitForState('polling');
    expect(client.state).toBe('polling');
    published.push(...(await publish(server, 'taskforge', 'activity', 't-poll', 3)));
    await rec.waitFor(() => rec.events.length === 5, 'events delivered by polling');
    const joins = rec.joins.length;
    proxy.faults.blockUpgrades = false;
    await rec.waitFor(() => rec.joins.length > joins && client.state === 'open', 'back on the WebSocket');
    published.push(...(await publish(server, 'taskforge', 'activity', 't-poll', 2)));
    await rec.waitFor(() => rec.events.length >= 7, 'live events after the switch back');
    expect(rec.seqs('t-poll')).toEqual(published);
    expect(published).toEqual(range(1, 7));
    const names = rec.stateNames();
    expect(names.indexOf('polling')).toBeGreaterThan(names.indexOf('open'));
    expect(names.lastIndexOf('open')).toBeGreaterThan(names.indexOf('polling'));
  });

  it('a server refusing every upgrade sees no storm: after the per-minute budget the next attempt waits out the window', async () => {
    proxy = await startFaultProxy(server, { blockUpgrades: true });
    const client = makeClient(taskforge, { url: proxy.url, token: await teamToken('t-storm'), fallbackAfter: 1000, backoff: { initialMs: 5, maxMs: 10, maxAttemptsPerMinute: 5 } });
    const rec = new Recorder().attach(client);
    client.subscribe('t-storm');
    const failures = () => rec.states.filter((s) => s.state === 'reconnecting');
    await rec.waitFor(() => failures().length === 5, 'five refused attempts');
    expect(proxy.refused).toBe(5);
    const waits = failures().map((s) => s.delayMs!);
    expect(Math.max(...waits.slice(0, 4))).toBeLessThanOrEqual(10); // backoff capped at maxMs
    expect(waits[4]).toBeGreaterThan(50_000); // the sixth waits for the oldest attempt to leave the minute
    client.close();
    expect(proxy.refused).toBe(5);
  });

  it('an expired token is refreshed through getToken before reconnecting', async () => {
    proxy = await startFaultProxy(server);
    let cached = await teamToken('t-token');
    let refreshes = 0;
    const reasons: string[] = [];
    const expired = await mintToken({ sub: 'u-1', teams: ['t-token'] }, { secret: SECRET, contract: 'taskforge', variant: 'expired' });
    const isExpired = (t: string | undefined) => !t || JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString()).exp * 1000 < Date.now();
    const client = makeClient(taskforge, {
      url: proxy.url,
      fallbackAfter: 1000,
      getToken: async ({ reason }) => {
        reasons.push(reason);
        if (isExpired(cached)) {
          refreshes++;
          cached = await teamToken('t-token');
        }
        return cached;
      },
    });
    const rec = new Recorder().attach(client);
    client.subscribe('t-token');
    await rec.nextJoin();
    const published = await publish(server, 'taskforge', 'activity', 't-token', 2);
    await outage(rec, async () => {
      cached = expired!; // time passed: the app's token expired while the connection was down
      published.push(...(await publish(server, 'taskforge', 'activity', 't-token', 3)));
    });
    await rec.waitFor(() => rec.events.length >= 5, 'events after the refresh');
    expect(refreshes).toBe(1);
    expect(reasons[0]).toBe('connect');
    expect(reasons).toContain('reconnect');
    expect(rec.seqs('t-token')).toEqual(published);
    expect(published).toEqual(range(1, 5));
  });

  it('without a refresh callback an expired token cannot reconnect (the refresh above is what worked)', async () => {
    proxy = await startFaultProxy(server);
    const expired = await mintToken({ sub: 'u-1', teams: ['t-stale'] }, { secret: SECRET, contract: 'taskforge', variant: 'expired' });
    const client = makeClient(taskforge, { url: proxy.url, token: expired, fallbackAfter: 2 });
    const rec = new Recorder().attach(client);
    client.subscribe('t-stale');
    await rec.waitFor(() => rec.errors.some((e) => e.kind === 'poll-failed' && /401/.test(e.message)), 'polling refused with 401');
    expect(rec.joins).toEqual([]);
    expect(client.state).toBe('polling');
  });

  it('a silent dead socket is detected by the heartbeat and replaced', async () => {
    const { rec } = await proxied('t-silent', { heartbeat: { intervalMs: 100, timeoutMs: 300 }, fallbackAfter: 1000 });
    const published = await publish(server, 'taskforge', 'activity', 't-silent', 2);
    await rec.waitFor(() => rec.events.length === 2, 'live events');
    proxy.faults.silent = true; // packets vanish; no FIN, no close frame
    published.push(...(await publish(server, 'taskforge', 'activity', 't-silent', 3)));
    const joins = rec.joins.length;
    await rec.waitFor(() => rec.states.some((s) => s.state === 'reconnecting' && /4408/.test(s.reason ?? '')), 'heartbeat declared the socket dead');
    proxy.faults.silent = false;
    await rec.waitFor(() => rec.joins.length > joins, 'rejoined');
    await rec.waitFor(() => rec.events.length >= 5, 'the events sent into the silence');
    expect(rec.seqs('t-silent')).toEqual(published);
  });

  it('invalid frames go to the error event, never to the app', async () => {
    const { rec } = await proxied('t-garbage');
    let injected = 0;
    proxy.faults.serverFrame = (text) => {
      const frame = JSON.parse(text);
      if (frame.type !== 'activity') return [text];
      injected++;
      // A frame with the right type but a broken payload, and one that is not JSON, before the real one.
      return [JSON.stringify({ ...frame, seq: frame.seq + 100, activity: { type: 'task.created' } }), '{not json', text];
    };
    const published = await publish(server, 'taskforge', 'activity', 't-garbage', 3);
    await rec.waitFor(() => rec.events.length === 3 && rec.errors.length >= 6, 'events and errors');
    expect(rec.seqs('t-garbage')).toEqual(published);
    expect(injected).toBe(3);
    expect(rec.errors.map((e) => e.kind)).toEqual(Array(6).fill('invalid-frame'));
    expect(rec.events.every((e) => e.frame.activity.type !== 'task.created' || e.frame.activity.data)).toBe(true);
  });
});

describe('server restart on the same port', () => {
  it('resyncs the reset stream (stream_reset) and delivers the new epoch completely', async () => {
    const first = await startServer({ contracts: ['taskforge'] });
    const port = first.port;
    const front = await startFaultProxy(first);
    proxy = front;
    const client = makeClient(taskforge, { url: front.url, token: await teamToken('t-restart'), fallbackAfter: 1000 });
    const rec = new Recorder().attach(client);
    client.subscribe('t-restart');
    await rec.nextJoin();
    const before = await publish(first, 'taskforge', 'activity', 't-restart', 3);
    await rec.waitFor(() => rec.events.length === 3, 'events before the restart');
    front.faults.blockUpgrades = true;
    await first.close();
    await rec.waitFor(() => client.state !== 'open', 'client saw the shutdown');
    const second = await startServer({ contracts: ['taskforge'], port });
    const after = await publish(second, 'taskforge', 'activity', 't-restart', 2);
    const joins = rec.joins.length;
    front.faults.blockUpgrades = false;
    await rec.waitFor(() => rec.joins.length > joins, 'rejoined the restarted server');
    await rec.waitFor(() => rec.events.length >= 5, 'the new epoch');
    expect(second.port).toBe(port);
    expect(before).toEqual([1, 2, 3]);
    expect(after).toEqual([1, 2]);
    expect(rec.seqs('t-restart')).toEqual([...before, ...after]);
    expect(rec.resyncs.map((r) => [r.reason, r.via])).toEqual([['stream_reset', 'feed']]);
    await second.close();
  });
});
