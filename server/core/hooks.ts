/**
 * The test hooks (protocol/hooks.ts, docs/hooks.md) under a prefix, only when enabled:
 * `POST /reset`, `POST /state`, `POST /trigger`, `POST /token`. Bad bodies are 400 with a JSON error.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { CloseCode } from '../../protocol/close-codes.js';
import { RESET_PATH, STATE_PATH, TOKEN_PATH, TRIGGER_PATH, type HeartbeatTimers, type PublishedEvent, type TokenRequest, type TriggerRequest } from '../../protocol/hooks.js';
import { type Backplane, BackplaneUnavailableError } from './backplane.js';
import type { ContractRuntime } from './contract-runtime.js';
import { isPlainObject } from './frames.js';
import { readJson, sendJson } from './http.js';

/** Largest `count` of one trigger: bursts test ordering, not memory. */
const MAX_TRIGGER_COUNT = 10_000;

export interface HooksContext {
  runtimes: ContractRuntime[];
  backplane: Backplane;
  secret: Uint8Array;
  issuer: string;
}

export async function handleHook(ctx: HooksContext, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { error: 'hooks answer POST only' });
  const body = await readJson(req);
  if (!body.ok) return sendJson(res, 400, { error: body.error });
  if (!isPlainObject(body.json)) return sendJson(res, 400, { error: 'body must be a JSON object' });
  switch (path) {
    case RESET_PATH:
      return reset(ctx, body.json, res);
    case STATE_PATH:
      return state(ctx, body.json, res);
    case TRIGGER_PATH:
      return trigger(ctx, body.json, res);
    case TOKEN_PATH:
      return token(ctx, body.json, res);
    default:
      return sendJson(res, 404, { error: `no hook ${path} (hooks: ${RESET_PATH}, ${STATE_PATH}, ${TRIGGER_PATH}, ${TOKEN_PATH})` });
  }
}

function runtimeOf(ctx: HooksContext, id: unknown): ContractRuntime | string {
  if (typeof id !== 'string') return '"contract" must be a string';
  return ctx.runtimes.find((r) => r.id === id) ?? `unknown contract "${id}" (served: ${ctx.runtimes.map((r) => r.id).join(', ')})`;
}

/** What a reset does on one instance: close every session (1000 "reset"), forget streams and state. */
export function resetRuntime(rt: ContractRuntime): void {
  for (const s of [...rt.sessions]) s.close(CloseCode.Normal, 'reset');
  rt.reset();
}

/** Optional `contract` scopes the reset to one contract, so contracts can be tested side by side. */
async function reset(ctx: HooksContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  let targets = ctx.runtimes;
  if (body.contract !== undefined) {
    const rt = runtimeOf(ctx, body.contract);
    if (typeof rt === 'string') return sendJson(res, 400, { error: rt });
    targets = [rt];
  }
  const heartbeat = heartbeatOf(body.heartbeat);
  if (typeof heartbeat === 'string') return sendJson(res, 400, { error: heartbeat });
  try {
    for (const rt of targets) {
      resetRuntime(rt);
      rt.setHeartbeat(heartbeat);
      await ctx.backplane.reset(rt.id, heartbeat);
    }
  } catch (err) {
    if (!(err instanceof BackplaneUnavailableError)) throw err;
    return sendJson(res, 503, { error: `reset incomplete: ${err.message}` });
  }
  if (heartbeat) return sendJson(res, 200, { heartbeat: targets[0]?.heartbeat });
  sendJson(res, 204, undefined);
}

/** Test timers of a reset (docs/hooks.md): positive integers from 50 ms, each optional. */
function heartbeatOf(value: unknown): HeartbeatTimers | undefined | string {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) return '"heartbeat" must be an object';
  const out: HeartbeatTimers = {};
  for (const key of ['pingIntervalMs', 'idleTimeoutMs'] as const) {
    const v = value[key];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || (v as number) < 50) return `"heartbeat.${key}" must be an integer of at least 50 (ms)`;
    out[key] = v as number;
  }
  return out;
}

/**
 * The state step: the stream exists (and, for contracts without a directory of their own, streams
 * no state named stop existing) until the next reset, on every instance (`--redis`: the answer
 * comes once all of them applied it).
 */
async function state(ctx: HooksContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const rt = runtimeOf(ctx, body.contract);
  if (typeof rt === 'string') return sendJson(res, 400, { error: rt });
  if (typeof body.stream !== 'string' || !body.stream) return sendJson(res, 400, { error: '"stream" must be a non-empty string' });
  const members = body.members ?? [];
  if (!Array.isArray(members) || !members.every((m) => isPlainObject(m) && typeof m.sub === 'string' && m.sub)) {
    return sendJson(res, 400, { error: '"members" must be a list of { "sub": "<user id>", "roles"?: [...] }' });
  }
  const subs = members.map((m) => String((m as { sub: string }).sub));
  rt.provision(body.stream, subs);
  try {
    await ctx.backplane.provision?.(rt.id, body.stream, subs);
  } catch (err) {
    if (!(err instanceof BackplaneUnavailableError)) throw err;
    return sendJson(res, 503, { error: `state incomplete: ${err.message}` });
  }
  sendJson(res, 204, undefined);
}

async function trigger(ctx: HooksContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const req = body as unknown as TriggerRequest;
  const rt = runtimeOf(ctx, req.contract);
  if (typeof rt === 'string') return sendJson(res, 400, { error: rt });
  if (typeof req.event !== 'string') return sendJson(res, 400, { error: '"event" must be a string' });
  if (typeof req.stream !== 'string' || !req.stream) return sendJson(res, 400, { error: '"stream" must be a non-empty string' });
  if (req.example !== undefined && typeof req.example !== 'string') return sendJson(res, 400, { error: '"example" must be a string' });
  if (req.payload !== undefined && !isPlainObject(req.payload)) return sendJson(res, 400, { error: '"payload" must be an object' });
  const count = req.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TRIGGER_COUNT) return sendJson(res, 400, { error: `"count" must be an integer from 1 to ${MAX_TRIGGER_COUNT}` });
  const built = rt.buildEvent(req.event, req.stream, req.example, req.payload);
  if (!built.ok) return sendJson(res, built.status, { error: built.error });
  try {
    const seqs = await Promise.all(Array.from({ length: count }, () => rt.publish(req.stream, structuredClone(built.frame))));
    const published: PublishedEvent[] = seqs.map((seq) => ({ stream: req.stream, type: req.event, seq }));
    sendJson(res, 200, { published });
  } catch (err) {
    // Backplane down: the server is fine but cannot publish right now, a retry may succeed.
    sendJson(res, err instanceof BackplaneUnavailableError ? 503 : 500, { error: `publishing failed: ${(err as Error).message}` });
  }
}

const CLAIM_LISTS = ['teams', 'events', 'games', 'boards', 'roles'] as const;

async function token(ctx: HooksContext, body: Record<string, unknown>, res: ServerResponse): Promise<void> {
  const req = body as unknown as TokenRequest;
  if (typeof req.contract !== 'string' || !req.contract) return sendJson(res, 400, { error: '"contract" must be a string' });
  if (typeof req.sub !== 'string' || !req.sub) return sendJson(res, 400, { error: '"sub" must be a non-empty string' });
  const claims: Record<string, unknown> = { sub: req.sub };
  for (const k of CLAIM_LISTS) {
    const v = req[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return sendJson(res, 400, { error: `"${k}" must be a list of strings` });
    claims[k] = v;
  }
  const expiresIn = req.expiresIn ?? 3600;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn)) return sendJson(res, 400, { error: '"expiresIn" must be a number of seconds' });
  const now = Math.floor(Date.now() / 1000);
  // Any contract id is signed as asked: a token for "not-taskforge" is how the wrong-audience test is made.
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(req.contract)
    .setIssuer(ctx.issuer)
    .setIssuedAt(expiresIn < 0 ? now + expiresIn - 60 : now)
    .setExpirationTime(now + Math.trunc(expiresIn))
    .sign(ctx.secret);
  sendJson(res, 200, { token: jwt });
}
