/**
 * Phase events: one game per connection, named by the upgrade URL (`/ws/game/{gameId}/`); the client
 * only sends `ping`. Every connection is greeted with `connected` (who the user is in this game, the
 * game's status and seq) before any replay. The state endpoint serves the game as the events
 * describe it: status, players, the latest phase object and, once over, the result.
 */
import type { SpecwireClaims } from '../../protocol/claims.js';
import { type Frame, isPlainObject } from '../core/frames.js';
import type { ContractAdapter } from './adapter.js';

type GameStatus = 'lobby' | 'lie' | 'guess' | 'scoreboard' | 'finished';

export interface GameState {
  status: GameStatus;
  /** Players of the latest lie phase (the roster Django announced); empty in the lobby. */
  players: Frame[];
  /** The `phase` object of the latest phase event; null in the lobby and once finished. */
  phase: Frame | null;
  /** Scores of the latest scoreboard: the final standings when the game ends. */
  scores: Frame[];
  /** Round of the latest phase event: rounds played when the game ends. */
  round: number;
  result: Frame | null;
}

const STATUS_OF: Record<string, GameStatus> = {
  'phase.lie_started': 'lie',
  'phase.guess_started': 'guess',
  'phase.scoreboard': 'scoreboard',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The contract leaves open how a server knows a user's role (Django knows it from its own tables;
 * the `games` claim covers players and spectators alike). The reference server decides from what
 * it has: a token with the `spectator` role, or a user missing from the announced roster, watches;
 * anyone else plays, with the token subject (a UUID) as player id.
 */
function roleOf(claims: SpecwireClaims, state: GameState): { role: 'player' | 'spectator'; playerId: string | null } {
  const spectator = { role: 'spectator' as const, playerId: null };
  if (claims.roles?.includes('spectator') || !UUID.test(claims.sub)) return spectator;
  if (state.players.length && !state.players.some((p) => p.playerId === claims.sub)) return spectator;
  return { role: 'player', playerId: claims.sub };
}

/** `GameResult` of a game that just ended, from the last scoreboard's scores. */
function resultOf(state: GameState, frame: Frame): Frame {
  const reason = String(frame.reason);
  const standings = state.scores.map((s) => ({ playerId: s.playerId, name: s.name, score: s.score, rank: s.rank }));
  return {
    finishedAt: frame.ts,
    reason,
    roundsPlayed: state.round,
    standings,
    winnerPlayerIds: reason === 'abandoned' ? [] : standings.filter((s) => s.rank === 1).map((s) => s.playerId),
  };
}

export const phaseEventsAdapter: ContractAdapter<GameState> = {
  id: 'phase-events',
  projection: {
    initial: () => ({ status: 'lobby', players: [], phase: null, scores: [], round: 0, result: null }),
    apply(state, frame) {
      const phase = isPlainObject(frame.phase) ? frame.phase : undefined;
      if (frame.type === 'phase.game_over') {
        state.result = resultOf(state, frame);
        state.status = 'finished';
        state.phase = null;
        return;
      }
      const status = STATUS_OF[String(frame.type)];
      if (!status || !phase) return;
      state.status = status;
      state.phase = phase;
      state.result = null;
      if (typeof phase.round === 'number') state.round = phase.round;
      if (Array.isArray(phase.players)) state.players = phase.players as Frame[];
      if (Array.isArray(phase.scores)) state.scores = phase.scores as Frame[];
    },
  },
  hello(session, { stream, seq, replaying, state }) {
    return { type: 'connected', gameId: stream, seq, status: state.status, ...roleOf(session.claims, state), replaying };
  },
  poll({ state, stream, seq }) {
    return { status: 200, body: { gameId: stream, seq, status: state.status, players: state.players, phase: state.phase, result: state.result } };
  },
};
