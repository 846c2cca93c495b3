/**
 * Waiting for the answer to a request on a live connection: the first frame that is one of the
 * declared reply messages; a frame that claims to be one (its discriminator, or the request's
 * correlation id) but is not valid ends the wait at once as a misfit; events the server sends on its
 * own meanwhile are let through. Event-driven, with a deadline.
 */
import { claims, labelOf } from '../../contract/discriminator.js';
import { getAt } from '../../contract/correlation.js';
import { describeMismatch, matchMessage } from '../../contract/match-message.js';
import type { MessageModel } from '../../contract/model.js';
import type { TestConnection } from '../connection.js';
import type { ReplyOutcome } from './checks/reply-message.js';

export interface ReplyWait {
  replies: MessageModel[];
  /** The request's correlation id and where replies carry it, when the document says. */
  correlation?: { pointer: string; value: unknown; replyPointers: Record<string, string> };
  /** Inbox index of the first frame that can answer (frames before the send are not answers). */
  from: number;
  withinMs: number;
  signal: AbortSignal;
}

function carriesId(json: unknown, w: ReplyWait): boolean {
  const c = w.correlation;
  if (!c) return false;
  const pointers = new Set([c.pointer, ...Object.values(c.replyPointers)]);
  return [...pointers].some((p) => JSON.stringify(getAt(json, p)) === JSON.stringify(c.value));
}

/** Sorts one frame: the reply, a misfit (claims to be the reply, is not), or something else. */
export function sortFrame(json: unknown, raw: string, w: ReplyWait): ReplyOutcome | undefined {
  if (json === undefined) return undefined;
  const match = matchMessage(w.replies, json);
  if (match.ok) return { kind: 'reply', message: match.message, frame: json, raw };
  const claimed = w.replies.some((m) => claims(m, json));
  if (!claimed && !carriesId(json, w)) return undefined;
  const why = claimed ? describeMismatch(match, 'the reply') : `it carries the request's correlation id, but ${describeMismatch(match, 'the reply').replace(/^./, (c) => c.toLowerCase())}`;
  return { kind: 'misfit', raw, why, instancePath: match.problem.instancePath || '/', schemaPath: match.problem.schemaPath || undefined };
}

export async function awaitReply(conn: TestConnection, w: ReplyWait): Promise<ReplyOutcome> {
  let scanned = w.from;
  let found: ReplyOutcome | undefined;
  const outcome = await conn.waitUntil(() => {
    for (; scanned < conn.inbox.length && !found; scanned++) {
      const item = conn.inbox[scanned]!;
      if (item.consumed) continue;
      found = sortFrame(item.frame.json, item.frame.raw, w);
      if (found) item.consumed = true;
    }
    if (found) return found;
    return conn.closed ? ({ kind: 'closed', code: conn.closed.code } as const) : undefined;
  }, w.withinMs, w.signal);
  return outcome ?? { kind: 'timeout', others: conn.inbox.length - w.from };
}

/** `ping` (example "x") → `pong` | `error`, for notes. */
export function replyLabel(replies: MessageModel[]): string {
  return replies.map(labelOf).join(' | ');
}
