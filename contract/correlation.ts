/**
 * Correlation ids on the wire: a message's `correlationId.location` is a runtime expression
 * (`$message.payload#/reqid`, parsed by runtime-expression.ts); a WebSocket JSON frame is the payload,
 * so only payload locations can be read or written, with the pointer helpers below.
 */
import type { MessageModel } from './model.js';
import { parseRuntimeExpression } from './runtime-expression.js';
import { pointerTokens as tokens } from './json-pointer.js';

/** The payload pointer of a message's correlation id, when it has one the wire can carry. */
export function correlationPointer(message: MessageModel): string | undefined {
  if (!message.correlationId) return undefined;
  const loc = parseRuntimeExpression(message.correlationId.location);
  return loc?.source === 'payload' && loc.segments.length ? `/${loc.segments.map(escape).join('/')}` : undefined;
}


/** The value at a JSON pointer (`/meta/id`), or undefined. */
export function getAt(value: unknown, pointer: string): unknown {
  let v = value;
  for (const t of tokens(pointer)) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[t];
  }
  return v;
}

/** A copy of `value` with `pointer` set, creating objects on the way; `value` itself is not changed. */
export function setAt(value: unknown, pointer: string, next: unknown): unknown {
  const path = tokens(pointer);
  if (!path.length) return next;
  const [head, ...rest] = path as [string, ...string[]];
  const base = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { ...base, [head]: rest.length ? setAt(base[head], `/${rest.map(escape).join('/')}`, next) : next };
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
