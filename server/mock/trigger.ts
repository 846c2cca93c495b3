/**
 * `POST /__specwire/trigger` of the mock (protocol/mock.ts): one gate for the body, then `emit` on
 * every channel the message travels on (or the one named). Conventions of the reference server's
 * hooks: JSON in and out, 400 with `{ error }` for anything the caller got wrong.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockTriggerRequest, MockTriggerResponse } from '../../protocol/mock.js';
import { isPlainObject } from '../core/frames.js';
import { readJson, sendJson } from '../core/http.js';
import type { MockConnection } from './connection.js';
import { emit } from './emit.js';
import { labelOf, messageNamed, type MockPlan } from './plan.js';

/** Largest `count` of one trigger. */
const MAX_COUNT = 1000;

export async function handleTrigger(plan: MockPlan, connections: Set<MockConnection>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'the trigger hook answers POST only' });
  const body = await readJson(req);
  if (!body.ok) return sendJson(res, 400, { error: body.error });
  const checked = checkRequest(body.json);
  if (typeof checked === 'string') return sendJson(res, 400, { error: checked });
  const channels = plan.channels.filter((c) => (checked.channel === undefined || c.channelIds.includes(checked.channel)) && c.triggerable.some((m) => messageNamed(m, checked.message)));
  if (!channels.length) {
    const known = [...new Set(plan.channels.flatMap((c) => c.triggerable.map(labelOf)))].join(', ');
    return sendJson(res, 400, { error: `no server message "${checked.message}"${checked.channel === undefined ? '' : ` on channel "${checked.channel}"`} (messages: ${known})` });
  }
  const params = checked.params ?? {};
  const unknownParam = Object.keys(params).find((p) => !channels.some((c) => c.paramNames.includes(p)));
  if (unknownParam !== undefined) {
    return sendJson(res, 400, { error: `"params.${unknownParam}": ${channels.map((c) => `${c.model.address} has ${c.paramNames.length ? c.paramNames.join(', ') : 'no parameters'}`).join('; ')}` });
  }
  let delivered = 0;
  let sent: string | undefined;
  for (const channel of channels) {
    const message = channel.triggerable.find((m) => messageNamed(m, checked.message))!;
    const r = emit(connections, { channel, message, params, example: checked.example, payload: checked.payload, count: checked.count });
    if (!r.ok) return sendJson(res, 400, { error: r.error });
    delivered += r.delivered;
    sent ??= message.id;
  }
  const answer: MockTriggerResponse = { message: sent!, delivered };
  sendJson(res, 200, answer);
}

function checkRequest(json: unknown): MockTriggerRequest | string {
  if (!isPlainObject(json)) return 'body must be a JSON object';
  const r = json as Partial<MockTriggerRequest> & Record<string, unknown>;
  if (typeof r.message !== 'string' || !r.message) return '"message" must be a non-empty string (a message key, name or discriminator value)';
  if (r.channel !== undefined && typeof r.channel !== 'string') return '"channel" must be a string';
  if (r.example !== undefined && typeof r.example !== 'string') return '"example" must be a string (an example name)';
  if (r.payload !== undefined && !isPlainObject(r.payload)) return '"payload" must be an object';
  if (r.params !== undefined && (!isPlainObject(r.params) || !Object.values(r.params).every((v) => typeof v === 'string'))) return '"params" must be an object of strings';
  const count = r.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) return `"count" must be an integer from 1 to ${MAX_COUNT}`;
  return { ...(r as MockTriggerRequest), count };
}
