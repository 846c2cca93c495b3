import { isEvent, type FrameCheck } from './check.js';

/**
 * Over SSE the `id:` line is the resume point a browser sends back as `Last-Event-ID`: a stream
 * event carries its `seq`, a control frame carries none (else the browser would resume from it).
 */
export const sseIdCheck: FrameCheck = {
  id: 'sse-id',
  description: 'Over Server-Sent Events, a stream event\'s `id:` is its `seq` and a control frame has no `id:`',
  check(frame) {
    if (!frame.sse || !frame.message) return undefined;
    const id = frame.sse.id;
    if (isEvent(frame)) {
      if (frame.seq === undefined) return undefined; // payload-schema reports the missing seq
      if (id === String(frame.seq)) return undefined;
      return { message: id === undefined ? `no \`id:\` line for event seq ${frame.seq}: a reconnecting EventSource cannot resume from it` : `\`id: ${id}\` for event seq ${frame.seq}`, instancePath: '/seq' };
    }
    if (id === undefined) return undefined;
    return { message: `\`id: ${id}\` on control frame "${frame.type}": a reconnecting EventSource would resume from it instead of the last event` };
  },
};
