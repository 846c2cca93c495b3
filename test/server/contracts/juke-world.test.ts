/** Juke world on the reference server: known and unknown streams, and the three polling endpoints. */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, getJson, open_, startServer, token, trigger } from '../helpers.js';

/** Named by the contract's examples: the reference server's seed directory. */
const SESSION = '6a0f3c2e-91b4-4d7a-8e15-3f2b9c7d4e60';
const USER = '3b9d2f71-5c8e-4a06-b1d4-7e2a9f0c6b58';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const FAN = { sub: '9e1c7a4b-2d6f-4b83-a5c0-8f3e1d2c4b7a' };

afterEach(closeAll);

async function fan(server: { url: string }) {
  return open_(`${server.url}/ws/world?token=${await token('juke-world', FAN)}`, { protocols: ['juke-world.v1'] });
}

describe('juke-world streams', () => {
  it('answers not_found for an unknown user or session until an event is published for it', async () => {
    const server = await startServer({ contracts: ['juke-world'] });
    const c = await fan(server);
    for (const stream of [`session:${UNKNOWN}`, `profile:${UNKNOWN}`]) {
      c.send({ type: 'subscribe', stream });
      expect(await c.next()).toMatchObject({ type: 'error', code: 'not_found', ref: 'subscribe' });
    }
    for (const stream of ['world', `session:${SESSION}`, `profile:${USER}`]) {
      c.send({ type: 'subscribe', stream });
      expect(await c.next()).toEqual({ type: 'subscribed', stream, seq: 0 });
    }
    await trigger(server, 'juke-world', 'session.scheduled', `session:${UNKNOWN}`);
    c.send({ type: 'subscribe', stream: `session:${UNKNOWN}` });
    expect(await c.next()).toEqual({ type: 'subscribed', stream: `session:${UNKNOWN}`, seq: 1 });
  });
});

describe('juke-world polling', () => {
  it('pages the world feed as stream "world" with the very frames delivered', async () => {
    const server = await startServer({ contracts: ['juke-world'] });
    const c = await fan(server);
    c.send({ type: 'subscribe', stream: 'world' });
    await c.next((f) => f.type === 'subscribed');
    await trigger(server, 'juke-world', 'world.updated', 'world', { count: 3 });
    const delivered = [await c.next(), await c.next(), await c.next()];
    const bearer = await token('juke-world', FAN);
    expect((await getJson(`${server.httpUrl}/api/world/feed`, bearer)).json).toEqual({ stream: 'world', seq: 3, items: delivered, hasMore: false });
    expect((await getJson(`${server.httpUrl}/api/world/feed?after=2`, bearer)).json).toEqual({ stream: 'world', seq: 3, items: [delivered[2]], hasMore: false });
  });

  it('serves session state from its events, with the session id stamped, and 404 for unknown ones', async () => {
    const server = await startServer({ contracts: ['juke-world'] });
    const bearer = await token('juke-world', FAN);
    const stream = `session:${UNKNOWN}`;
    expect((await getJson(`${server.httpUrl}/api/sessions/${UNKNOWN}/state`, bearer)).status).toBe(404);
    await trigger(server, 'juke-world', 'session.started', stream);
    await trigger(server, 'juke-world', 'session.listener_joined', stream);
    await trigger(server, 'juke-world', 'playback.state_changed', stream);
    const state = await getJson(`${server.httpUrl}/api/sessions/${UNKNOWN}/state`, bearer);
    expect(state.status).toBe(200);
    expect(state.json).toMatchObject({ stream, seq: 3, session: { sessionId: UNKNOWN, status: 'live', listenerCount: 14 }, listeners: [{ displayName: 'Tomás Reyes' }] });
    expect(state.json.playback).not.toBeNull();
    await trigger(server, 'juke-world', 'session.ended', stream);
    const ended = await getJson(`${server.httpUrl}/api/sessions/${UNKNOWN}/state`, bearer);
    expect(ended.json).toMatchObject({ seq: 4, session: { status: 'ended' }, playback: null, listeners: [] });
    expect((await getJson(`${server.httpUrl}/api/users/${USER}/profile`, bearer)).json).toMatchObject({ stream: `profile:${USER}`, seq: 0, profile: { userId: USER } });
    expect((await getJson(`${server.httpUrl}/api/users/${UNKNOWN}/profile`, bearer)).status).toBe(404);
  });
});
