import { isEvent, type FrameCheck } from './check.js';

export const streamSubscribed: FrameCheck = {
  id: 'stream-subscribed',
  description: 'Events arrive only for streams this connection subscribed to (or the stream in its URL)',
  check(frame, ctx) {
    if (!isEvent(frame) || frame.stream === undefined) return undefined;
    if (ctx.conn.subscribed.has(frame.stream)) return undefined;
    const streams = [...ctx.conn.subscribed].join(', ') || 'none';
    return { message: `event for stream ${frame.stream}, which this connection is not subscribed to (subscribed: ${streams})` };
  },
};
