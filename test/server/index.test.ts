/** The server as a whole: routing, hooks off by default, hook input errors, metrics, graceful shutdown. */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../protocol/close-codes.js';
import { closeAll, connect, getJson, hook, open_, startServer, token, trigger, until } from './helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };

afterEach(closeAll);

describe('reference server', () => {
  it('keeps the test hooks off by default (404)', async () => {
    const server = await startServer({ contracts: ['taskforge'], hooks: false });
    expect(server.hooksUrl).toBeUndefined();
    for (const path of ['/reset', '/trigger', '/token']) expect((await hook(server, path, {})).status).toBe(404);
  });

  it('answers bad hook input with 400 and a JSON error', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    expect(await hook(server, '/trigger', '{not json')).toMatchObject({ status: 400, json: { error: expect.any(String) } });
    expect((await hook(server, '/trigger', { contract: 'nope', event: 'activity', stream: 'a' })).json.error).toMatch(/unknown contract "nope"/);
    expect((await hook(server, '/trigger', { contract: 'taskforge', event: 'teleport', stream: 'a' })).status).toBe(400);
    expect((await hook(server, '/trigger', { contract: 'taskforge', event: 'activity', stream: 'a', example: 'no such' })).status).toBe(400);
    expect((await hook(server, '/trigger', { contract: 'taskforge', event: 'activity', stream: 'a', count: 0 })).status).toBe(400);
    const invalid = await hook(server, '/trigger', { contract: 'taskforge', event: 'activity', stream: 'a', payload: { activity: { type: 'task.exploded' } } });
    expect(invalid.status).toBe(400);
    // Checked by the generated validators: the error names the offending path.
    expect(invalid.json.error).toMatch(/^activity with the given payload is invalid: .*\/activity/);
  });

  it('mints tokens with the token hook, expired ones included', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const good = (await hook(server, '/token', { contract: 'taskforge', sub: ALICE.sub, teams: ['team-a'] })).json.token;
    const c = await open_(`${server.url}/realtime?token=${good}`);
    await c.barrier();
    const expired = (await hook(server, '/token', { contract: 'taskforge', sub: ALICE.sub, expiresIn: -60 })).json.token;
    expect((await getJson(`${server.httpUrl}/api/teams/team-a/activity`, expired)).status).toBe(401);
  });

  it('exposes subscription counts per stream on GET /metrics', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const t = await token('taskforge', ALICE);
    for (let i = 0; i < 3; i++) {
      const c = await open_(`${server.url}/realtime?token=${t}`);
      c.send({ type: 'subscribe', teamId: 'team-a' });
      await c.next();
    }
    await trigger(server, 'taskforge', 'activity', 'team-a');
    const m = await getJson(`${server.httpUrl}/metrics.json`);
    // One user, three connections: one presence.joined (seq 1), then the activity.
    expect(m.json.contracts.taskforge).toMatchObject({ connections: 3, subscriptions: 3, streams: { 'team-a': { subscribers: 3, seq: 2, buffered: 2 } } });
  });

  it('serves GET /metrics in the Prometheus text format: connections, subscriptions, events, replays, resyncs, refusals, process', async () => {
    const server = await startServer({ contracts: ['taskforge'], presence: false, limits: { connectionsPerIp: 2, replayBuffer: 2 } });
    const t = await token('taskforge', ALICE);
    const a = await open_(`${server.url}/realtime?token=${t}`);
    a.send({ type: 'subscribe', teamId: 'team-a' });
    await a.next();
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 3 });
    const b = await open_(`${server.url}/realtime?token=${t}`);
    b.send({ type: 'subscribe', teamId: 'team-a', lastSeq: 0 }); // seq 1 left the 2-event buffer: resync
    await b.next((f) => f.type === 'resync');
    b.send({ type: 'subscribe', teamId: 'team-a', lastSeq: 2 }); // replays seq 3
    await b.next((f) => f.type === 'activity' && f.seq === 3);
    expect(await connect(`${server.url}/realtime?token=${t}`)).toMatchObject({ ok: false, status: 429 });
    const res = await fetch(`${server.httpUrl}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const line of [
      'specwire_connections{contract="taskforge"} 2',
      'specwire_subscriptions{contract="taskforge"} 2',
      'specwire_events_published_total{contract="taskforge"} 3',
      'specwire_events_delivered_total{contract="taskforge"} 3',
      'specwire_events_replayed_total{contract="taskforge"} 1',
      'specwire_resyncs_total{contract="taskforge"} 1',
      'specwire_refusals_total{contract="taskforge",kind="http",code="429"} 1',
      'specwire_backplane_info{backplane="memory"} 1',
      // test mode (hooks on): stream ids are shown
      'specwire_stream_subscribers{contract="taskforge",stream="team-a"} 2',
      'specwire_stream_seq{contract="taskforge",stream="team-a"} 3',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^# TYPE specwire_backplane_lag_seconds histogram$/m);
  });

  it('in production mode (no hooks) shows stream ids only to callers with the metrics token', async () => {
    const server = await startServer({ contracts: ['taskforge'], hooks: false, metricsToken: 'scrape-secret' });
    const c = await open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`);
    c.send({ type: 'subscribe', teamId: 'team-a' });
    await c.next();
    for (const headers of [{}, { authorization: 'Bearer wrong-secret!' }] as Record<string, string>[]) {
      const text = await (await fetch(`${server.httpUrl}/metrics`, { headers })).text();
      expect(text).toContain('specwire_subscriptions{contract="taskforge"} 1');
      expect(text).not.toContain('team-a');
      expect((await getJson(`${server.httpUrl}/metrics.json`, headers.authorization?.slice(7))).json.contracts.taskforge).toMatchObject({ subscriptions: 1, streams: {} });
    }
    const allowed = await (await fetch(`${server.httpUrl}/metrics`, { headers: { authorization: 'Bearer scrape-secret' } })).text();
    expect(allowed).toContain('specwire_stream_subscribers{contract="taskforge",stream="team-a"} 1');
    expect((await getJson(`${server.httpUrl}/metrics.json`, 'scrape-secret')).json.contracts.taskforge.streams).toHaveProperty('team-a');
    const noToken = await startServer({ contracts: ['taskforge'], hooks: false });
    expect(await (await fetch(`${noToken.httpUrl}/metrics`, { headers: { authorization: 'Bearer ' } })).text()).not.toContain('stream=');
  });

  it('routes unknown paths to 404 and plain GETs of a WebSocket endpoint to 426', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    expect((await getJson(`${server.httpUrl}/nothing`)).status).toBe(404);
    expect((await getJson(`${server.httpUrl}/realtime`)).status).toBe(426);
  });

  it('shuts down gracefully: clients get 1001, the port is released, close is idempotent', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const c = await open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`);
    c.send({ type: 'subscribe', teamId: 'team-a' });
    await c.next();
    await Promise.all([server.close(), server.close()]);
    expect((await c.waitClose()).code).toBe(CloseCode.GoingAway);
    await expect(fetch(`${server.httpUrl}/metrics`)).rejects.toThrow();
  });

  it('survives a client that vanishes mid-stream without affecting others', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const t = await token('taskforge', ALICE);
    const gone = await open_(`${server.url}/realtime?token=${t}`);
    const stays = await open_(`${server.url}/realtime?token=${t}`);
    for (const c of [gone, stays]) {
      c.send({ type: 'subscribe', teamId: 'team-a' });
      await c.next();
    }
    gone.close();
    await trigger(server, 'taskforge', 'activity', 'team-a', { count: 50 });
    await stays.next((f) => f.seq === 50);
    await until(() => server.metrics().contracts.taskforge!.streams['team-a']!.subscribers === 1);
  });
});
