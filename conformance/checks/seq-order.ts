import { isEvent, type FrameCheck } from './check.js';

export const seqOrder: FrameCheck = {
  id: 'seq-order',
  description: '`seq` increases by exactly one per event on each stream: no gap, no duplicate, no reordering',
  check(frame, ctx) {
    if (!isEvent(frame) || frame.seq === undefined || frame.stream === undefined) return undefined;
    const last = ctx.conn.lastSeq.get(frame.stream);
    if (last === undefined || frame.seq === last + 1) return undefined;
    if (ctx.conn.narrowed && frame.seq > last) return undefined; // other topics consumed the missing seqs
    const what = frame.seq <= last ? (frame.seq === last ? 'duplicate' : 'out of order') : `gap: ${frame.seq - last - 1} event(s) missing`;
    return { message: `stream ${frame.stream}: seq ${frame.seq} after ${last} (${what})`, instancePath: '/seq' };
  },
};
