import { isAuthorized } from '../access.js';
import { isEvent, type FrameCheck } from './check.js';

export const streamAuthorized: FrameCheck = {
  id: 'stream-authorized',
  description: "Events arrive only for streams the token's claims grant under the channel's x-specwire-access rule",
  check(frame, ctx) {
    const rule = ctx.channel.channel.access;
    if (!isEvent(frame) || frame.stream === undefined || !rule) return undefined;
    if (isAuthorized(rule, frame.stream, ctx.conn.claims) !== false) return undefined;
    return { message: `event for stream ${frame.stream} leaked to ${String(ctx.conn.claims.sub)}: rule ${rule.rule} does not grant it` };
  },
};
