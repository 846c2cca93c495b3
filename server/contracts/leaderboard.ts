/**
 * Leaderboard: flat frames, one stream per board joined with `subscribe {boardId, lastSeq?}`, plus
 * the admin-only `admin.broadcast.send` (acked to the sender, fanned out as `admin.broadcast` on the
 * board's stream only). The standings endpoint ranks players by the points the events reported.
 */
import { randomUUID } from 'node:crypto';
import { isAdmin } from '../core/access.js';
import { type Frame, isPlainObject } from '../core/frames.js';
import type { ContractAdapter } from './adapter.js';
import { intParam } from './event-log.js';

interface PlayerState {
  player: Frame;
  points?: number;
  online: boolean;
  /** Seq at which the player reached their current points: ties rank the earlier first. */
  reachedAt: number;
}

export interface BoardState {
  players: Map<string, PlayerState>;
  recentAchievements: Frame[];
  broadcasts: Frame[];
  maintenance: Map<string, Frame>;
}

const RECENT_ACHIEVEMENTS = 50;

function playerState(state: BoardState, player: unknown): PlayerState | undefined {
  if (!isPlainObject(player) || typeof player.id !== 'string') return undefined;
  let p = state.players.get(player.id);
  if (!p) {
    p = { player, online: false, reachedAt: 0 };
    state.players.set(player.id, p);
  }
  p.player = player;
  return p;
}

function setPoints(p: PlayerState | undefined, points: unknown, seq: number): void {
  if (!p || typeof points !== 'number') return;
  if (p.points !== points) p.reachedAt = seq;
  p.points = points;
}

export const leaderboardAdapter: ContractAdapter<BoardState> = {
  id: 'leaderboard',
  projection: {
    initial: () => ({ players: new Map(), recentAchievements: [], broadcasts: [], maintenance: new Map() }),
    apply(state, frame) {
      const seq = frame.seq as number;
      switch (frame.type) {
        case 'points.updated':
        case 'leaderboard.position_changed':
          setPoints(playerState(state, frame.player), frame.points, seq);
          break;
        case 'presence.changed': {
          const p = playerState(state, frame.player);
          if (p) p.online = frame.status === 'online';
          break;
        }
        case 'achievement.unlocked':
          state.recentAchievements.unshift({ player: frame.player, achievement: frame.achievement, unlockedAt: frame.unlockedAt });
          state.recentAchievements.length = Math.min(state.recentAchievements.length, RECENT_ACHIEVEMENTS);
          break;
        case 'admin.broadcast':
          if (isPlainObject(frame.broadcast)) state.broadcasts.push(frame.broadcast);
          break;
        case 'system.maintenance': {
          const notice = frame.notice;
          if (!isPlainObject(notice)) break;
          if (notice.phase === 'scheduled' || notice.phase === 'started') state.maintenance.set(String(notice.id), notice);
          else state.maintenance.delete(String(notice.id));
          break;
        }
      }
    },
  },
  async onFrame(session, type, frame) {
    if (type !== 'admin.broadcast.send') return false;
    if (!isAdmin(session.claims)) {
      session.error('forbidden', 'admin.broadcast.send requires the admin role', type);
      return true;
    }
    const boardId = String(frame.boardId);
    if (!session.streamExists(boardId)) {
      session.error('not_found', `no board "${boardId}"`, type);
      return true;
    }
    const broadcastId = randomUUID();
    session.control('admin.broadcast.accepted', { boardId, requestId: frame.requestId, broadcastId });
    const claims = session.claims as unknown as Record<string, unknown>;
    const displayName = typeof claims.name === 'string' && claims.name ? claims.name.slice(0, 40) : 'admin';
    await session.publish('admin.broadcast', boardId, {
      broadcast: {
        id: broadcastId,
        from: { id: session.claims.sub, displayName, avatarUrl: null },
        message: frame.message,
        severity: frame.severity ?? 'info',
        sentAt: new Date().toISOString(),
        expiresAt: frame.expiresAt ?? null,
      },
    });
    return true;
  },
  poll({ state, stream, seq, query }) {
    const offset = intParam(query, 'offset');
    const limit = intParam(query, 'limit');
    if (offset === null) return { status: 400, body: { error: '?offset must be a non-negative integer' } };
    if (limit === null || limit === 0 || (limit ?? 0) > 500) return { status: 400, body: { error: '?limit must be an integer from 1 to 500' } };
    const ranked = [...state.players.values()]
      .filter((p) => p.points !== undefined)
      .sort((a, b) => b.points! - a.points! || a.reachedAt - b.reachedAt)
      .map((p, i) => ({ rank: i + 1, player: p.player, points: p.points!, online: p.online }));
    const from = offset ?? 0;
    const now = Date.now();
    const broadcasts = state.broadcasts.filter((b) => b.expiresAt === null || Date.parse(String(b.expiresAt)) > now);
    return {
      status: 200,
      body: {
        boardId: stream,
        seq,
        total: ranked.length,
        entries: ranked.slice(from, from + (limit ?? 100)),
        recentAchievements: state.recentAchievements,
        broadcasts,
        maintenance: [...state.maintenance.values()],
      },
    };
  },
};
