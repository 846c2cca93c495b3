/**
 * The reference server's state step (docs/hooks.md `POST /state`): without it every stream exists, as
 * before; once a state names streams, others are unknown until the next reset — refused like
 * forbidden ones at the upgrade, `not_found` on subscribe and on an admin broadcast.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../protocol/close-codes.js';
import { closeAll, connect, hook, open_, startServer, token } from './helpers.js';

afterEach(closeAll);

const PLAYER = '5f2c9a1e-3b7d-4e80-9c6a-1d4e7b2f8a35';
const GAME = '0d5b8e3a-7f21-4c9e-b6a4-2e8f1c3d5a70';
const OTHER = '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f';

describe('reference server: the state step', () => {
  it('answers 204, and 400 for bad bodies', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    expect((await hook(server, '/state', { contract: 'phase-events', stream: GAME, members: [{ sub: PLAYER }] })).status).toBe(204);
    expect((await hook(server, '/state', { contract: 'phase-events', stream: GAME })).status).toBe(204);
    expect((await hook(server, '/state', { contract: 'nope', stream: GAME, members: [] })).status).toBe(400);
    expect((await hook(server, '/state', { contract: 'phase-events', stream: '', members: [] })).status).toBe(400);
    expect((await hook(server, '/state', { contract: 'phase-events', stream: GAME, members: ['alice'] })).json.error).toMatch(/"members" must be a list/);
  });

  it('address streams: unknown games close 4403 once a state named others, and exist again after a reset', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    const t = await token('phase-events', { sub: PLAYER, games: [GAME, OTHER] });
    const game = (id: string) => `${server.url}/ws/game/${id}/?token=${t}`;
    const before = await open_(game(OTHER));
    expect((await before.next((f) => f.type === 'connected')).gameId).toBe(OTHER);
    await hook(server, '/state', { contract: 'phase-events', stream: GAME, members: [{ sub: PLAYER }] });
    const unknown = await open_(game(OTHER));
    expect((await unknown.waitClose()).code).toBe(CloseCode.Forbidden);
    const known = await open_(game(GAME));
    expect((await known.next((f) => f.type === 'connected')).gameId).toBe(GAME);
    await hook(server, '/reset', {});
    const after = await open_(game(OTHER));
    expect((await after.next((f) => f.type === 'connected')).gameId).toBe(OTHER);
  });

  it('subscribe streams: an unknown team is not_found once a state named others; a forbidden one stays forbidden', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    await hook(server, '/state', { contract: 'taskforge', stream: 'team-a', members: [{ sub: PLAYER }] });
    const c = await open_(`${server.url}/realtime?token=${await token('taskforge', { sub: PLAYER, teams: ['team-a', 'team-z'] })}`);
    c.send({ type: 'subscribe', teamId: 'team-z' });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'not_found', ref: 'subscribe' });
    c.send({ type: 'subscribe', teamId: 'team-b' });
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'forbidden', ref: 'subscribe' });
    c.send({ type: 'subscribe', teamId: 'team-a' });
    expect(await c.next((f) => f.type === 'subscribed')).toMatchObject({ teamId: 'team-a' });
  });

  it('a state for one contract leaves the others as they were', async () => {
    const server = await startServer({ contracts: ['phase-events', 'media-timeline'] });
    await hook(server, '/state', { contract: 'phase-events', stream: GAME, members: [] });
    const r = await connect(`${server.url}/api/ws/events/ev-77?token=${await token('media-timeline', { sub: PLAYER, events: ['ev-77'] })}`);
    expect(r.ok).toBe(true);
  });
});
