/**
 * Taskforge: flat frames, one stream per team joined with `subscribe {teamId, lastSeq?}`. The polling
 * endpoint `GET /api/teams/{teamId}/activity?after=&limit=` lists the very `activity` frames delivered.
 */
import { type Frame, isPlainObject } from '../core/frames.js';
import type { ContractAdapter } from './adapter.js';
import { type EventLog, eventLogProjection, pageAfter } from './event-log.js';

export const taskforgeAdapter: ContractAdapter<EventLog> = {
  id: 'taskforge',
  projection: eventLogProjection,
  /** `activity.teamId` (and a task's `teamId`) always equal the frame's `teamId`. */
  stamp(frame: Frame, stream: string) {
    const activity = frame.activity;
    if (!isPlainObject(activity)) return;
    activity.teamId = stream;
    const data = activity.data;
    if (isPlainObject(data) && isPlainObject(data.task)) data.task.teamId = stream;
  },
  /**
   * "a member joins or leaves the team view": presence.joined when a user's first connection
   * subscribes to the team, presence.left when their last one unsubscribes or closes.
   */
  presence({ claims, kind, connections }) {
    const user = { userId: claims.sub, displayName: displayName(claims as unknown as Record<string, unknown>), avatarUrl: null };
    const activity = { type: `presence.${kind}`, actorUserId: claims.sub, ts: new Date().toISOString(), data: { user, connections } };
    return { type: 'activity', example: 'presence joined', overrides: { activity } };
  },
  poll({ state, stream, seq, query }) {
    const page = pageAfter(state, query, { limit: 100, max: 500 });
    if ('error' in page) return { status: 400, body: { error: page.error } };
    return { status: 200, body: { teamId: stream, seq, items: page.items, hasMore: page.hasMore } };
  },
};

/** A `name` claim when the token has one, else the user id. */
function displayName(claims: Record<string, unknown>): string {
  return typeof claims.name === 'string' && claims.name ? claims.name.slice(0, 100) : String(claims.sub);
}
