import { describeMismatch, matchMessage } from '../../contract/match-message.js';
import { discriminatesOnType, type FrameCheck } from './check.js';

/**
 * For documents that do not tell messages apart by a `type` const (Kraken's `event`, Slack's
 * one-value `enum`s, no discriminator at all), where `known-type` and `payload-schema` cannot tell
 * which schema a frame claims: the frame must be valid against one of the messages the server may
 * send on the channel (its events, replies and error message).
 */
export const declaredMessage: FrameCheck = {
  id: 'declared-message',
  description: "The frame is valid against one of the channel's server→client messages (documents without `type` consts)",
  check(frame, ctx) {
    if (frame.binary || frame.parseError !== undefined || discriminatesOnType(ctx.channel)) return undefined;
    const obj = frame.json;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined; // json-frame reports it
    const match = matchMessage(ctx.channel.serverMessages, obj);
    if (match.ok) return undefined;
    return { message: describeMismatch(match, ctx.channel.channel.address), instancePath: match.problem.instancePath || '/', ...(match.problem.schemaPath ? { schemaPath: match.problem.schemaPath } : {}) };
  },
};
