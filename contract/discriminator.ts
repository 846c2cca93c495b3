/**
 * How messages tell each other apart on the wire when a document follows no convention: a
 * top-level property fixed to one value (`type`, else the first `const` or one-value `enum`, such as
 * Kraken's `event` or Slack's `type: { enum: [hello] }`), and which server message is the document's
 * error message. Read the same way by `specwire mock` and by the runner's checks.
 */
import type { MessageModel } from './model.js';

/** A top-level property fixed to one value that tells messages apart (`type`, `op`, `event`, ...). */
export interface Discriminator {
  key: string;
  value: unknown;
}

/** The one value a property schema allows: its `const`, or a single-value `enum`. */
export function fixedValue(schema: unknown): { value: unknown } | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as { const?: unknown; enum?: unknown };
  if ('const' in s) return { value: s.const };
  return Array.isArray(s.enum) && s.enum.length === 1 ? { value: s.enum[0] } : undefined;
}

/** `type` if the payload fixes it, else the first top-level property with a `const` (or a one-value `enum`). */
export function discriminatorOf(message: MessageModel): Discriminator | undefined {
  const props = message.payload.properties;
  if (!props || typeof props !== 'object') return undefined;
  const entries = Object.entries(props as Record<string, unknown>);
  const typed = entries.find(([k, s]) => k === 'type' && fixedValue(s));
  const found = typed ?? entries.find(([, s]) => fixedValue(s));
  return found ? { key: found[0], value: fixedValue(found[1])!.value } : undefined;
}

/** Does the frame carry this message's discriminator value? */
export function claims(message: MessageModel, frame: unknown): boolean {
  const d = discriminatorOf(message);
  return d !== undefined && !!frame && typeof frame === 'object' && !Array.isArray(frame) && (frame as Record<string, unknown>)[d.key] === d.value;
}

/** The name people know a message by: its `name`, else its key. */
export function labelOf(message: MessageModel): string {
  return message.name ?? message.key ?? message.id;
}

const ERROR_NAME = /error|fault/i;

/** A server message named like an error (key, `name`, `title` or discriminator value containing `error`/`fault`). */
export function isErrorMessage(message: MessageModel): boolean {
  return [message.id, message.name, message.title, discriminatorOf(message)?.value].some((v) => typeof v === 'string' && ERROR_NAME.test(v));
}
