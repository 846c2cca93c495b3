import { sseEventName } from '../../contract/sse.js';
import type { FrameCheck } from './check.js';

/** Over SSE a browser dispatches by `event:`: a frame under another name never reaches the handler of its type. */
export const sseEventNameCheck: FrameCheck = {
  id: 'sse-event-name',
  description: 'Over Server-Sent Events, the `event:` name is the frame\'s `type` (docs/conventions.md)',
  check(frame) {
    if (!frame.sse || !frame.type) return undefined; // not SSE, or json-frame/known-type report it
    const expected = frame.message ? sseEventName(frame.message) : frame.type;
    if (frame.sse.event === expected) return undefined;
    return { message: frame.sse.event === undefined ? `no \`event:\` line for a "${frame.type}" frame (an EventSource dispatches it as "message")` : `\`event: ${frame.sse.event}\` for a "${frame.type}" frame` };
  },
};
