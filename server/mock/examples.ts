/**
 * Frames the mock sends are the document's own examples, lightly adapted so a frontend sees its own
 * values come back: a reply echoes the request's fields it also declares (`request_id`), an event
 * takes the connection's channel parameters (`{zoneId}` → `zone_id`), an error frame carries the
 * reason. Every adaptation is kept only if the frame still validates; the frame is never invalid.
 */
import { MockErrorCode, type MockErrorFrame } from '../../protocol/mock.js';
import type { MessageExample, MessageModel } from '../../contract/model.js';
import { deepMerge, isPlainObject } from '../core/frames.js';
import { firstProblem } from './inbound.js';
import { discriminatorOf, type MockChannel } from './plan.js';
import { correlationPointer, getAt, setAt } from '../../contract/correlation.js';
import { sampleOf, validSample } from '../../contract/schema-sample.js';

type Json = Record<string, unknown>;

/** `zoneId`, `zone_id` and `zone-id` are one name. */
const normalize = (key: string) => key.replace(/[-_]/g, '').toLowerCase();

function declared(message: MessageModel): Record<string, unknown> {
  const props = message.payload.properties;
  return isPlainObject(props) ? props : {};
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Copies scalar fields of `source` into the top level of `frame` where the message declares a
 * property of the same (normalized) name, one at a time, keeping each only if the frame stays valid.
 * The discriminator is never touched.
 */
export function adopt(message: MessageModel, frame: unknown, source: Json): unknown {
  if (!isPlainObject(frame)) return frame;
  const props = Object.keys(declared(message));
  const discriminator = discriminatorOf(message)?.key;
  let out: Json = frame;
  for (const [key, value] of Object.entries(source)) {
    if (!isScalar(value)) continue;
    const target = props.find((p) => p === key) ?? props.find((p) => normalize(p) === normalize(key));
    if (target === undefined || target === discriminator || out[target] === value) continue;
    const next = { ...out, [target]: value };
    if (firstProblem(message, next) === undefined) out = next;
  }
  return out;
}

export type Built = { ok: true; frame: unknown } | { ok: false; error: string };

/** An example of a server message by name or index (default: the first), valid against its schema. */
export function exampleFrame(message: MessageModel, which?: string | number): Built {
  if (which === undefined && !message.examples.length) return sampleFrame(message);
  const ex = which === undefined ? message.examples[0] : typeof which === 'number' ? message.examples[which] : message.examples.find((e) => e.name === which);
  if (!ex) {
    const names = message.examples.map((e, i) => (e.name === undefined ? String(i) : JSON.stringify(e.name))).join(', ') || 'none';
    return { ok: false, error: `${message.id} has no example${which === undefined ? '' : ` ${JSON.stringify(which)}`} (examples: ${names})` };
  }
  return validExample(message, ex);
}

/** A message without examples whose only valid sample is a bare `{}`: nothing worth emitting on a timer. */
export function isEmptySchema(message: MessageModel): boolean {
  if (message.examples.length) return false;
  const sample = validSample(message.payload);
  return isPlainObject(sample) && !Object.keys(sample).length;
}

/** No example in the document: a sample built from the schema, if it validates. */
function sampleFrame(message: MessageModel): Built {
  const frame = validSample(message.payload);
  if (frame !== undefined) return { ok: true, frame };
  const problem = firstProblem(message, sampleOf(message.payload)) ?? { text: 'no valid value found' };
  return { ok: false, error: `${message.id} has no example, and the sample built from its schema is invalid (${problem.text}): add an example` };
}

function validExample(message: MessageModel, ex: MessageExample): Built {
  const problem = firstProblem(message, ex.payload);
  if (problem) return { ok: false, error: `example ${JSON.stringify(ex.name ?? message.examples.indexOf(ex))} of ${message.id} is invalid against its own schema: ${problem.text}` };
  return { ok: true, frame: structuredClone(ex.payload) };
}

/** An event for one connection: example, the connection's parameters adopted, then the payload merged over it (it wins). */
export function eventFrame(message: MessageModel, options: { example?: string | number; payload?: Json; params: Record<string, string> }): Built {
  const base = exampleFrame(message, options.example);
  if (!base.ok) return base;
  const frame = adopt(message, base.frame, options.params);
  if (!options.payload) return { ok: true, frame };
  const merged = deepMerge(frame, options.payload);
  const problem = firstProblem(message, merged);
  if (problem) return { ok: false, error: `${message.id} with the given payload is invalid: ${problem.text}` };
  return { ok: true, frame: merged };
}

/** How many top-level fields of the example agree with the request (the discriminator aside). */
function agreement(example: MessageExample, request: unknown, skip: string | undefined): number {
  if (!isPlainObject(example.payload) || !isPlainObject(request)) return 0;
  const payload = example.payload;
  return Object.keys(request).filter((k) => k !== skip && k in payload && JSON.stringify(payload[k]) === JSON.stringify(request[k])).length;
}

/**
 * Of the reply's examples, best first: the one named like a request example equal to the frame,
 * then by how many fields agree with the request, in document order on ties.
 */
function rankReplyExamples(reply: MessageModel, request: MessageModel, frame: unknown): MessageExample[] {
  const sameAsRequest = request.examples.find((e) => e.name !== undefined && JSON.stringify(e.payload) === JSON.stringify(frame));
  const skip = discriminatorOf(request)?.key;
  const score = (ex: MessageExample) => (sameAsRequest && ex.name === sameAsRequest.name ? 1e6 : 0) + agreement(ex, frame, skip);
  return reply.examples.map((ex, i) => ({ ex, i, s: score(ex) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.ex);
}

/** The request's correlation id copied to where the reply keeps its own (the request's location if the reply names none), if it stays valid. */
export function withCorrelation(reply: MessageModel, request: MessageModel, frame: unknown, answer: unknown): unknown {
  const from = correlationPointer(request);
  const to = correlationPointer(reply) ?? from;
  if (!from || !to) return answer;
  const id = getAt(frame, from);
  if (id === undefined) return answer;
  const next = setAt(answer, to, id);
  return firstProblem(reply, next) === undefined ? next : answer;
}

/**
 * The reply to a valid request: reply messages other than the error message first (those with
 * examples first), each tried with its valid examples, best match first, then its schema sample; the
 * request's fields adopted and its correlation id copied. An example that violates its own schema is
 * skipped (Kraken's `subscriptionStatus` examples do), never sent.
 */
export function replyFrame(channel: MockChannel, request: MessageModel, frame: unknown): { message: MessageModel; frame: unknown } | { error: string } | undefined {
  const candidates = channel.replies.get(request.id);
  if (!candidates?.length) return undefined;
  const ordered = [
    ...candidates.filter((m) => m !== channel.errorMessage && m.examples.length),
    ...candidates.filter((m) => m !== channel.errorMessage && !m.examples.length),
    ...candidates.filter((m) => m === channel.errorMessage),
  ];
  const problems: string[] = [];
  for (const message of ordered) {
    const tries: Built[] = [...rankReplyExamples(message, request, frame).map((ex) => validExample(message, ex)), sampleFrame(message)];
    const picked = tries.find((t): t is Extract<Built, { ok: true }> => t.ok);
    if (!picked) {
      problems.push(...tries.map((t) => (t.ok ? '' : t.error)));
      continue;
    }
    const adopted = isPlainObject(frame) ? adopt(message, picked.frame, frame) : picked.frame;
    return { message, frame: withCorrelation(message, request, frame, adopted) };
  }
  return { error: problems.join('; ') };
}

const TEXT_FIELDS = ['message', 'detail', 'details', 'description', 'reason', 'error', 'msg', 'text'];
const PATH_FIELDS = ['path', 'pointer', 'field'];

const CODE_FIELDS = ['code', 'reason', 'error_code', 'errorCode', 'kind'];

/** The example's optional top-level fields belong to the example's story (its `request_id`), not ours. */
function withoutOptional(message: MessageModel, frame: Json): Json {
  const required = Array.isArray(message.payload.required) ? (message.payload.required as string[]) : [];
  const keep = discriminatorOf(message)?.key;
  let out = frame;
  for (const key of Object.keys(frame)) {
    if (required.includes(key) || key === keep) continue;
    const { [key]: _, ...rest } = out;
    if (firstProblem(message, rest) === undefined) out = rest;
  }
  return out;
}

/** For a top-level enum field among `fields`, picks the first allowed value matching `like` (`malformed`). */
function placeEnum(message: MessageModel, frame: Json, fields: string[], like: RegExp): Json {
  const props = declared(message);
  for (const f of fields) {
    const schema = props[f];
    const allowed = isPlainObject(schema) && Array.isArray(schema.enum) ? schema.enum : [];
    const value = allowed.find((v): v is string => typeof v === 'string' && like.test(v));
    if (value === undefined || !(f in frame)) continue;
    const next = { ...frame, [f]: value };
    if (firstProblem(message, next) === undefined) return next;
  }
  return frame;
}

/** Sets the first of `fields` (top level, then one level down) that keeps the frame valid. */
function place(message: MessageModel, frame: Json, fields: string[], value: string): Json {
  for (const f of fields) {
    const next = { ...frame, [f]: value };
    if (f in declared(message) && firstProblem(message, next) === undefined) return next;
  }
  for (const [k, v] of Object.entries(frame)) {
    if (!isPlainObject(v)) continue;
    for (const f of fields) {
      if (!(f in v)) continue;
      const next = { ...frame, [k]: { ...v, [f]: value } };
      if (firstProblem(message, next) === undefined) return next;
    }
  }
  return frame;
}

/**
 * The error frame for a refused inbound frame: the channel's own error message (its first valid
 * example, with the reason, path and code placed where its schema has room, and the request's
 * correlation fields adopted), else the mock's `MockErrorFrame`.
 */
export function errorFrame(channel: MockChannel, error: { code: MockErrorCode; text: string; path: string; frame?: unknown }): unknown {
  const own = channel.errorMessage;
  if (own) {
    const base = exampleFrame(own);
    if (base.ok && isPlainObject(base.frame)) {
      let frame = withoutOptional(own, base.frame);
      frame = place(own, frame, TEXT_FIELDS, error.path ? `${error.text} (at ${error.path})` : error.text);
      frame = place(own, frame, PATH_FIELDS, error.path);
      frame = place(own, frame, CODE_FIELDS, error.code);
      frame = placeEnum(own, frame, CODE_FIELDS, /malformed|invalid|bad|unknown|unsupported/i);
      return isPlainObject(error.frame) ? adopt(own, frame, error.frame) : frame;
    }
  }
  const fallback: MockErrorFrame = { type: 'error', error: { code: error.code, message: error.text, path: error.path } };
  if (error.code === MockErrorCode.UnknownMessage || error.code === MockErrorCode.NotJson) {
    fallback.error.expected = channel.inbound.map((m) => m.name ?? m.id);
  }
  return fallback;
}
