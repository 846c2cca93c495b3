/**
 * Which of several messages a JSON value is, for documents whose messages are not told apart by a
 * `type` const: valid against one of them, or the reason it is none of them — the message it names
 * by its discriminator and its first schema error, or an unknown discriminator value, or the
 * closest candidate. Used by the runner's `declared-message` check and derived reply matching.
 */
import type { ErrorObject } from 'ajv';
import { claims, discriminatorOf, labelOf } from './discriminator.js';
import type { MessageModel } from './model.js';
import { compileSchema, formatAjvError } from './schema-validator.js';

export interface SchemaProblem {
  /** JSON pointer into the value (the missing or extra property itself, not its parent). */
  instancePath: string;
  schemaPath: string;
  text: string;
}

export type MessageMatch =
  | { ok: true; message: MessageModel }
  | { ok: false; kind: 'invalid'; message: MessageModel; problem: SchemaProblem }
  | { ok: false; kind: 'unknown'; key: string; value: unknown; problem: SchemaProblem }
  | { ok: false; kind: 'none'; closest?: MessageModel; problem: SchemaProblem };

/** First schema problem of `value` against the message's payload, undefined when valid. */
export function problemOf(message: MessageModel, value: unknown): SchemaProblem | undefined {
  const compiled = compileSchema(message.payload);
  if (!compiled.ok) return { instancePath: '', schemaPath: '#', text: `the schema of ${labelOf(message)} does not compile: ${compiled.error}` };
  if (compiled.fn(value)) return undefined;
  const error = compiled.fn.errors![0]!;
  return { instancePath: pointerOf(error), schemaPath: error.schemaPath, text: formatAjvError(error) };
}

/** ajv points at the parent object of a missing or extra property: point at the property itself. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  return child === undefined ? error.instancePath : `${error.instancePath}/${child.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

export function matchMessage(candidates: readonly MessageModel[], value: unknown): MessageMatch {
  const claimed = candidates.filter((m) => claims(m, value));
  // Messages the value names itself as first: one validation per frame in the common case.
  for (const m of [...claimed, ...candidates.filter((c) => !claimed.includes(c))]) if (!problemOf(m, value)) return { ok: true, message: m };
  if (claimed.length) return { ok: false, kind: 'invalid', message: claimed[0]!, problem: problemOf(claimed[0]!, value)! };
  const keys = [...new Set(candidates.map((m) => discriminatorOf(m)?.key).filter((k): k is string => k !== undefined))];
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const key = obj && keys.length === 1 && keys[0]! in obj ? keys[0]! : undefined;
  if (key !== undefined) {
    const known = candidates.map((m) => discriminatorOf(m)?.value).filter((v) => v !== undefined);
    return { ok: false, kind: 'unknown', key, value: obj![key], problem: { instancePath: `/${key}`, schemaPath: '', text: `/${key} is ${JSON.stringify(obj![key])?.slice(0, 64)}, not one of ${known.map((v) => JSON.stringify(v)).join(', ')}` } };
  }
  // No discriminator to go by: the candidate whose first problem lies deepest in the value.
  let closest: MessageModel | undefined;
  let best: SchemaProblem | undefined;
  for (const m of candidates) {
    const p = problemOf(m, value)!;
    if (!best || p.instancePath.split('/').length > best.instancePath.split('/').length) [closest, best] = [m, p];
  }
  return { ok: false, kind: 'none', ...(closest ? { closest } : {}), problem: best ?? { instancePath: '', schemaPath: '', text: 'no message is declared' } };
}

/** One sentence for a failed match: what the value was taken for and why it is not that. */
export function describeMismatch(match: Exclude<MessageMatch, { ok: true }>, where: string): string {
  switch (match.kind) {
    case 'invalid':
      return `invalid ${labelOf(match.message)}: ${match.problem.text}`;
    case 'unknown':
      return `unknown message on ${where}: ${match.problem.text}`;
    case 'none':
      return match.closest ? `matches none of the messages declared on ${where}; closest, ${labelOf(match.closest)}: ${match.problem.text}` : `no message is declared for this direction on ${where}`;
  }
}
