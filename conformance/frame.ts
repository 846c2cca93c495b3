/** Turns a raw WebSocket message into a classified `ReceivedFrame` once, before the checks run. */
import type { ReceivedFrame } from './checks/check.js';
import type { ChannelView } from './contract-view.js';

/** Frames longer than this are cut in reports (the checks still see the whole frame). */
export const PREVIEW_CHARS = 2000;

export function classifyFrame(data: Buffer | string, isBinary: boolean, channel: ChannelView, params: Record<string, string>, now: number): ReceivedFrame {
  if (isBinary) {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    return { raw: `<binary ${buf.length} bytes: ${buf.subarray(0, 32).toString('hex')}>`, binary: true, receivedAt: now };
  }
  const raw = typeof data === 'string' ? data : data.toString('utf8');
  const frame: ReceivedFrame = { raw, binary: false, receivedAt: now };
  try {
    frame.json = JSON.parse(raw);
  } catch (err) {
    frame.parseError = (err as Error).message;
    return frame;
  }
  const obj = frame.json;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return frame;
  const rec = obj as Record<string, unknown>;
  if (typeof rec.type !== 'string') return frame;
  frame.type = rec.type;
  frame.message = channel.serverTypes.get(rec.type);
  if (!frame.message || frame.message.control) return frame;
  frame.stream = streamOf(rec, channel, params);
  if (Number.isInteger(rec.seq)) frame.seq = rec.seq as number;
  return frame;
}

/**
 * Stream of an event: the channel parameter named by `x-specwire-stream.key`, else that field at the
 * top of the frame or one level down (`payload.eventId`); without a stream rule, the connection is
 * the one stream (`''`).
 */
export function streamOf(frame: Record<string, unknown>, channel: ChannelView, params: Record<string, string>): string | undefined {
  const key = channel.channel.stream?.key;
  if (!key) return '';
  if (key in params) return params[key];
  const direct = frame[key];
  if (typeof direct === 'string' || typeof direct === 'number') return String(direct);
  for (const v of Object.values(frame)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const nested = (v as Record<string, unknown>)[key];
      if (typeof nested === 'string' || typeof nested === 'number') return String(nested);
    }
  }
  return undefined;
}

export function preview(text: string): string {
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}… (${text.length} chars)` : text;
}
