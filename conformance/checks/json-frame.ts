import type { FrameCheck } from './check.js';

export const jsonFrame: FrameCheck = {
  id: 'json-frame',
  description: 'Every frame is a text frame holding one JSON object',
  check(frame) {
    if (frame.binary) return { message: 'binary frame; the contract speaks JSON text frames' };
    if (frame.parseError !== undefined) return { message: `not JSON: ${frame.parseError}` };
    if (frame.json === null || typeof frame.json !== 'object' || Array.isArray(frame.json)) {
      return { message: `JSON ${Array.isArray(frame.json) ? 'array' : typeof frame.json}, not an object` };
    }
    return undefined;
  },
};
