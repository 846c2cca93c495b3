import { isEvent, type FrameCheck } from './check.js';

export const afterUnsubscribe: FrameCheck = {
  id: 'after-unsubscribe',
  description: 'No event for a stream after the server acknowledged unsubscribing from it',
  check(frame, ctx) {
    if (!isEvent(frame) || frame.stream === undefined || !ctx.conn.unsubscribed.has(frame.stream)) return undefined;
    return { message: `event for stream ${frame.stream} after its unsubscribe was acknowledged` };
  },
};
