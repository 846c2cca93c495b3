/**
 * The one gate for a mock connection's inbound frames: JSON, then valid against one of the messages
 * the document lets clients send on the channel. A refusal names the message the frame was taken for
 * (by its discriminator, or the channel's only message) and the JSON pointer of the first problem.
 */
import type { ErrorObject } from 'ajv';
import { MockErrorCode } from '../../protocol/mock.js';
import type { MessageModel } from '../../contract/model.js';
import { closestError } from '../../contract/schema-failure.js';
import { compileSchema, formatAjvError } from '../../contract/schema-validator.js';
import { discriminatorOf, labelOf, type MockChannel } from './plan.js';

export type InboundResult =
  | { ok: true; message: MessageModel; frame: unknown }
  | { ok: false; code: MockErrorCode; text: string; path: string; frame?: unknown; message?: MessageModel };

/** First schema problem of `value` as a pointer and a sentence, or undefined when valid. */
export function firstProblem(message: MessageModel, value: unknown): { path: string; text: string } | undefined {
  const compiled = compileSchema(message.payload);
  if (!compiled.ok) return { path: '', text: `the schema of ${labelOf(message)} does not compile: ${compiled.error}` };
  if (compiled.fn(value)) return undefined;
  // for a oneOf/anyOf, the failure of the branch the frame is closest to, not the first branch's
  const error = closestError(message.payload, value) ?? compiled.fn.errors![0]!;
  return { path: pointerOf(error), text: formatAjvError(error) };
}

/** ajv points at the parent object of a missing or extra property: point at the property itself. */
function pointerOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  return child === undefined ? error.instancePath : `${error.instancePath}/${child.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function classifyFrame(data: string, channel: MockChannel): InboundResult {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { ok: false, code: MockErrorCode.NotJson, text: 'frame is not valid JSON', path: '' };
  }
  if (!channel.inbound.length) {
    return { ok: false, code: MockErrorCode.ReceiveOnly, text: `clients send nothing on ${channel.model.address}: the document declares no receive operation there`, path: '', frame };
  }
  const claimed = isObject(frame)
    ? channel.inbound.find((m) => {
        const d = discriminatorOf(m);
        return d !== undefined && frame[d.key] === d.value;
      })
    : undefined;
  // The message the frame names itself as first: one validation per frame in the common case.
  const ordered = claimed ? [claimed, ...channel.inbound.filter((m) => m !== claimed)] : channel.inbound;
  const valid = ordered.find((m) => firstProblem(m, frame) === undefined);
  if (valid) return { ok: true, message: valid, frame };
  const keys = [...new Set(channel.inbound.map((m) => discriminatorOf(m)?.key).filter((k): k is string => k !== undefined))];
  const key = keys.length === 1 ? keys[0]! : undefined;
  // A frame that names itself with an unknown discriminator value is an unknown message, even when the
  // channel accepts a single one: "op is x" says more than the first schema error of that message.
  const misnamed = !claimed && key !== undefined && isObject(frame) && key in frame;
  const candidate = claimed ?? (channel.inbound.length === 1 && !misnamed ? channel.inbound[0] : undefined);
  if (candidate) {
    const problem = firstProblem(candidate, frame)!;
    return { ok: false, code: MockErrorCode.InvalidMessage, text: `invalid ${labelOf(candidate)}: ${problem.text}`, path: problem.path, frame, message: candidate };
  }
  const expected = channel.inbound.map(labelOf).join(', ');
  if (key !== undefined && isObject(frame)) {
    const got = key in frame ? `${JSON.stringify(frame[key])?.slice(0, 64)}` : 'missing';
    return { ok: false, code: MockErrorCode.UnknownMessage, text: `unknown message: "${key}" is ${got} (clients may send ${expected})`, path: `/${key}`, frame };
  }
  return { ok: false, code: MockErrorCode.UnknownMessage, text: `frame matches none of the messages clients may send here (${expected})`, path: '', frame };
}
