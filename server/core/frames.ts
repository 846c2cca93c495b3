/**
 * Frames in and out. Inbound: one gate (`decodeClientFrame`, over the contract's generated decoder)
 * turns raw bytes into a typed frame or a typed error with the wire error code. Outbound: control frames are shaped from their message schema
 * (flat `{type, ...}` or the `{type, payload}` envelope, whichever the schema declares) and every
 * outgoing frame is validated by the generated validators (`ContractRuntime.outboundError`); an
 * invalid one is a server bug and is never sent.
 */
import type { JsonSchema, MessageModel } from '../../contract/model.js';
import type { ContractCodec } from './codec.js';

/** The closed `ErrorCode` enum of common/components.yaml. */
export type ErrorCode =
  | 'bad_frame'
  | 'unknown_type'
  | 'invalid_payload'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'not_subscribed'
  | 'rate_limited'
  | 'internal';

export type Frame = Record<string, unknown>;

export type DecodeResult =
  | { ok: true; type: string; frame: Frame; message: MessageModel }
  | { ok: false; code: ErrorCode; message: string; ref?: string; /** JSON Pointer of the field that failed (`invalid_payload`). */ path?: string };

/**
 * The contract's generated decoder (JSON, an object, a known client `type`, valid against that
 * message's schema), then the channel's own client types. A binary frame is refused: every contract
 * speaks JSON text frames.
 */
export function decodeClientFrame(data: Buffer, isBinary: boolean, codec: Pick<ContractCodec, 'decodeClientMessage'>, clientTypes: ReadonlyMap<string, MessageModel>): DecodeResult {
  if (isBinary) return { ok: false, code: 'bad_frame', message: `binary frame (${data.length} bytes): send JSON in a text frame` };
  const decoded = codec.decodeClientMessage(data);
  if (!decoded.ok) {
    const { kind, message, type, path } = decoded.error;
    if (kind === 'not-json') return { ok: false, code: 'bad_frame', message: 'frame is not valid JSON' };
    if (kind === 'not-object') return { ok: false, code: 'bad_frame', message: 'frame must be a JSON object' };
    if (kind === 'unknown-type') {
      if (typeof type !== 'string') return { ok: false, code: 'bad_frame', message: 'frame has no string "type"' };
      return { ok: false, code: 'unknown_type', message: `unknown frame type "${type.slice(0, 64)}"`, ref: type.slice(0, 64) };
    }
    return { ok: false, code: 'invalid_payload', message, ...(type !== undefined ? { ref: type } : {}), ...(path !== undefined ? { path } : {}) };
  }
  const frame = decoded.message;
  const type = String(frame.type);
  const message = clientTypes.get(type);
  // Known to the contract but not sent on this channel.
  if (!message) return { ok: false, code: 'unknown_type', message: `frame type "${type.slice(0, 64)}" is not sent on this channel`, ref: type.slice(0, 64) };
  return { ok: true, type, frame, message };
}

/** Reads a field from a flat frame or from its `payload` envelope. */
export function fieldOf(frame: Frame, name: string): unknown {
  if (name in frame) return frame[name];
  const payload = frame.payload;
  return payload && typeof payload === 'object' ? (payload as Frame)[name] : undefined;
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined {
  return schema && typeof schema.properties === 'object' ? (schema.properties as Record<string, JsonSchema>) : undefined;
}

/**
 * Builds a control frame of `message` from named fields: each goes top-level if the schema has it
 * there, else into `payload` if the schema is an envelope that has it; fields the schema lacks are
 * dropped (e.g. `replaying` for an ack that has no such field).
 */
export function shapeFrame(message: MessageModel, fields: Record<string, unknown>): Frame {
  const top = properties(message.payload) ?? {};
  const envelope = properties(top.payload);
  const out: Frame = { type: message.type };
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || k === 'type') continue;
    if (k in top && k !== 'payload') out[k] = v;
    else if (envelope && k in envelope) ((out.payload ??= {}) as Frame)[k] = v;
  }
  const required = Array.isArray(message.payload.required) ? (message.payload.required as string[]) : [];
  if (envelope && required.includes('payload') && out.payload === undefined) out.payload = {};
  return out;
}

/** Does the message schema declare `name` top-level, or in its `payload` envelope? */
export function fieldPlace(message: MessageModel, name: string): 'top' | 'payload' | undefined {
  const top = properties(message.payload) ?? {};
  if (name in top) return 'top';
  return properties(top.payload) && name in properties(top.payload)! ? 'payload' : undefined;
}

export function isPlainObject(v: unknown): v is Frame {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars replace (docs/hooks.md). Returns a new value. */
export function deepMerge(base: unknown, overlay: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return structuredClone(overlay);
  const out: Frame = structuredClone(base);
  for (const [k, v] of Object.entries(overlay)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}
