/** Phase events on the reference server: `connected` first, roles, and a state endpoint that says what the events said. */
import { afterEach, describe, expect, it } from 'vitest';
import { loadContract } from '../../../contract/load.js';
import { compileSchema } from '../../../contract/schema-validator.js';
import { closeAll, getJson, open_, startServer, token, trigger } from '../helpers.js';

const GAME = '0d5b8e3a-7f21-4c9e-b6a4-2e8f1c3d5a70';
/** Ana: a player of the examples' roster. */
const ANA = { sub: '5f2c9a1e-3b7d-4e80-9c6a-1d4e7b2f8a35', games: [GAME] };
/** In the game's claim but not in the roster: a spectator. */
const WATCHER = { sub: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', games: [GAME] };

afterEach(closeAll);

async function join(server: { url: string }, user = ANA, query = '') {
  return open_(`${server.url}/ws/game/${GAME}/?token=${await token('phase-events', user)}${query}`);
}

async function gameStateSchema() {
  const r = await loadContract('asyncapi/phase-events.yaml');
  if (!r.ok) throw new Error('phase-events does not load');
  const compiled = compileSchema(r.contract.specwire!.polling![0]!.response!);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.fn;
}

describe('phase-events connected', () => {
  it('greets in the lobby as a player, then as player or spectator by the announced roster', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    const first = await join(server);
    expect(await first.next()).toEqual({ type: 'connected', gameId: GAME, seq: 0, status: 'lobby', role: 'player', playerId: ANA.sub, replaying: 0 });
    await trigger(server, 'phase-events', 'phase.lie_started', GAME);
    const ana = await join(server);
    expect(await ana.next()).toMatchObject({ type: 'connected', seq: 1, status: 'lie', role: 'player', playerId: ANA.sub });
    const watcher = await join(server, WATCHER);
    expect(await watcher.next()).toMatchObject({ type: 'connected', seq: 1, status: 'lie', role: 'spectator', playerId: null });
  });

  it('sends connected with the replay count before the replayed events', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    await trigger(server, 'phase-events', 'phase.lie_started', GAME, { count: 3 });
    const c = await join(server, ANA, '&lastSeq=1');
    expect(await c.next()).toMatchObject({ type: 'connected', seq: 3, replaying: 2 });
    expect((await c.next()).seq).toBe(2);
    expect((await c.next()).seq).toBe(3);
  });
});

describe('phase-events state endpoint', () => {
  it('serves the latest phase object, then the result once the game is over, valid against GameState', async () => {
    const server = await startServer({ contracts: ['phase-events'] });
    const valid = await gameStateSchema();
    const bearer = await token('phase-events', ANA);
    const url = `${server.httpUrl}/api/games/${GAME}/state`;
    const lobby = await getJson(url, bearer);
    expect(lobby).toEqual({ status: 200, json: { gameId: GAME, seq: 0, status: 'lobby', players: [], phase: null, result: null } });
    expect(valid(lobby.json)).toBe(true);

    const c = await join(server);
    await c.next((f) => f.type === 'connected');
    await trigger(server, 'phase-events', 'phase.lie_started', GAME);
    await trigger(server, 'phase-events', 'phase.scoreboard', GAME);
    const lie = await c.next((f) => f.type === 'phase.lie_started');
    const board = await c.next((f) => f.type === 'phase.scoreboard');
    const during = await getJson(url, bearer);
    expect(valid(during.json)).toBe(true);
    expect(during.json).toMatchObject({ seq: 2, status: 'scoreboard', phase: board.phase, players: lie.phase.players, result: null });

    await trigger(server, 'phase-events', 'phase.game_over', GAME);
    const over = await c.next((f) => f.type === 'phase.game_over');
    const after = await getJson(url, bearer);
    expect(valid(after.json)).toBe(true);
    expect(after.json).toMatchObject({ seq: 3, status: 'finished', phase: null });
    expect(after.json.result).toEqual({
      finishedAt: over.ts,
      reason: 'completed',
      roundsPlayed: board.phase.round,
      standings: board.phase.scores.map(({ playerId, name, score, rank }: Record<string, unknown>) => ({ playerId, name, score, rank })),
      winnerPlayerIds: [ANA.sub],
    });
  });
});
