/**
 * The `poll` step: GET a polling endpoint the contract declares, check status, response schema, a
 * partial body pattern, and — with `matchesEventsOf` — that it lists the very events (by `seq`) a
 * client received on the stream: the fallback and the WebSocket must tell the same story. Read on
 * another instance than the one that delivered the events, a body that does not agree yet is read
 * again until the step's bound (the contracts say what state, not how soon another instance has it).
 */
import { closestError } from '../contract/schema-failure.js';
import { compileSchema, formatAjvError } from '../contract/schema-validator.js';
import { browserHeaders } from './browser-identity.js';
import { fillAddress } from './connect-url.js';
import type { ScenarioRun } from './engine.js';
import { preview } from './frame.js';
import { matches, mismatch } from './match.js';
import type { PollStep } from './scenario/types.js';
import type { Failure } from './result.js';
import { tokenFor } from './steps.js';

export async function pollStep(run: ScenarioRun, step: PollStep): Promise<boolean> {
  const at = run.placement.poll(step.instance);
  const { httpUrl } = run.placement.instances[at]!;
  if (!httpUrl) {
    run.fail({ check: 'poll', message: 'this scenario polls over HTTP: pass --http <base URL>' });
    return false;
  }
  const base = new URL(httpUrl);
  const url = new URL(base.pathname.replace(/\/+$/, '') + fillAddress(step.path, step.params), base);
  for (const [k, v] of Object.entries(step.query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...browserHeaders(url.toString(), run.options.origin), accept: 'application/json' };
  const member = step.client ? run.clients.get(step.client)?.[0] : undefined;
  if (member) {
    const token = await tokenFor(run, member, 'valid');
    if (token) headers.authorization = `Bearer ${token}`;
  }
  const request: PollRequest = { url, headers, who: member?.name ?? 'http', on: run.placement.size > 1 ? ` on instance ${at}` : '' };
  // Reading another instance than the one that delivered the events: the contracts promise the same
  // state, not when another instance has it, so a body that does not agree yet is read again until
  // the step's bound. Against one instance (or the same one) the first answer is the answer.
  const source = run.clients.get(step.matchesEventsOf ?? step.client ?? '')?.[0];
  const sourceAt = source ? run.placement.at(source.name) : undefined;
  const mayLag = sourceAt !== undefined && sourceAt !== at;
  const deadline = Date.now() + step.within;
  for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
    const failures: Omit<Failure, 'step'>[] = [];
    const outcome = await pollOnce(run, step, request, Math.max(1, deadline - Date.now()), (f) => failures.push(f));
    if (outcome === 'ok') return true;
    if (outcome === 'failed' || !mayLag || Date.now() + pause >= deadline || run.signal.aborted) {
      failures.forEach((f) => run.fail(f));
      return false;
    }
    await new Promise<void>((resolvePause) => {
      const timer = setTimeout(resolvePause, pause);
      run.signal.addEventListener('abort', () => (clearTimeout(timer), resolvePause()), { once: true });
    });
  }
}

interface PollRequest {
  url: URL;
  headers: Record<string, string>;
  /** Timeline column: the client whose token is used, or `http`. */
  who: string;
  /** ` on instance N` against several instances, else empty. */
  on: string;
}

/** One GET and its checks. `behind`: it failed only on the body's content, which another instance may not have yet. */
async function pollOnce(run: ScenarioRun, step: PollStep, req: PollRequest, timeoutMs: number, fail: (f: Omit<Failure, 'step'>) => void): Promise<'ok' | 'failed' | 'behind'> {
  const { url } = req;
  const where = `${url.pathname}${req.on}`;
  run.timeline.push({ t: Date.now() - run.startedAt, client: req.who, dir: 'note', text: `GET ${url.pathname}${url.search}${req.on}` });
  let status: number;
  let text: string;
  try {
    const res = await fetch(url, { headers: req.headers, signal: AbortSignal.any([run.signal, AbortSignal.timeout(timeoutMs)]) });
    status = res.status;
    text = await res.text();
  } catch (err) {
    fail({ check: 'poll', message: `GET ${where}: ${(err as Error).name === 'TimeoutError' ? `no answer within ${step.within} ms` : (err as Error).message}` });
    return 'failed';
  }
  run.timeline.push({ t: Date.now() - run.startedAt, client: req.who, dir: 'received', text: `HTTP ${status} ${preview(text)}` });
  if (status !== step.status) {
    fail({ check: 'poll', message: `GET ${where} answered ${status}, expected ${step.status}`, frame: preview(text) });
    return 'failed';
  }
  if (status >= 300) return 'ok';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail({ check: 'poll', message: `GET ${where} body is not JSON`, frame: preview(text) });
    return 'failed';
  }
  const schema = run.options.view.pollingEndpoint(step.path)?.response;
  if (schema) {
    const compiled = compileSchema(schema);
    if (compiled.ok && !compiled.fn(body)) {
      const e = closestError(schema, body) ?? compiled.fn.errors![0]!;
      fail({ check: 'poll-schema', message: `GET ${where}: ${formatAjvError(e)}`, schemaPath: e.schemaPath, instancePath: e.instancePath || '/', frame: preview(text) });
      return 'failed';
    }
  }
  if (step.body && !matches(body, step.body)) {
    fail({ check: 'poll', message: `GET ${where} body does not match: ${mismatch(body, step.body)}`, frame: preview(text) });
    return 'behind';
  }
  if (step.matchesEventsOf && !consistent(run, step, body, where, fail)) return 'behind';
  return 'ok';
}

/** Every event the client received on the polled stream appears in the body with the same seq and content. */
function consistent(run: ScenarioRun, step: PollStep, body: unknown, path: string, fail: (f: Omit<Failure, 'step'>) => void): boolean {
  const member = run.clients.get(step.matchesEventsOf!)?.[0];
  const state = member?.conn?.state;
  const key = state?.channel.channel.stream?.key;
  // The stream is in the path (`/api/teams/{teamId}/…`), or, for an endpoint of one fixed stream
  // (juke-world's `/api/world/feed`), named by the body's own stream key.
  const named = (body as Record<string, unknown> | null)?.[key ?? ''];
  const stream = key === undefined ? '' : (step.params[key] ?? (typeof named === 'string' ? named : undefined));
  const received = (stream !== undefined ? state?.events.get(stream) : undefined) ?? [];
  // A snapshot states the stream seq it reflects: it must be the last one the client was sent.
  const snapshotSeq = (body as Record<string, unknown> | null)?.seq;
  const lastSeen = received.at(-1)?.seq;
  if (Number.isInteger(snapshotSeq) && lastSeen !== undefined && snapshotSeq !== lastSeen) {
    fail({ check: 'poll-consistent', client: member!.name, message: `GET ${path} reflects seq ${String(snapshotSeq)}, but the last event delivered on the stream has seq ${lastSeen}` });
    return false;
  }
  if (step.lastEventFields && !sameAsLastEvent(run, step, body, path, received.at(-1), member!.name)) return false;
  const describes = new Set(run.options.view.pollingEndpoint(step.path)?.describes ?? []);
  const items = findSeqItems(body, describes);
  if (!items) {
    if (Number.isInteger(snapshotSeq)) return true;
    fail({ check: 'poll-consistent', message: `GET ${path}: the body holds neither a seq nor a list of items with seq to compare with the events` });
    return false;
  }
  const bySeq = new Map(items.map((i) => [i.seq as number, i]));
  for (const frame of received) {
    const item = bySeq.get(frame.seq!);
    if (!item) {
      fail({ check: 'poll-consistent', client: member!.name, message: `event seq ${frame.seq} received over WebSocket is missing from GET ${path}`, frame: preview(frame.raw) });
      return false;
    }
    if (typeof item.type === 'string' && item.type === frame.type && JSON.stringify(sortKeys(item)) !== JSON.stringify(sortKeys(frame.json))) {
      fail({ check: 'poll-consistent', client: member!.name, message: `GET ${path} item seq ${frame.seq} differs from the event delivered: ${mismatch(item, frame.json) ?? mismatch(frame.json, item) ?? 'different'}`, frame: preview(JSON.stringify(item)) });
      return false;
    }
  }
  return true;
}

/**
 * A snapshot's fields that the contract says are the ones the latest event carried (phase-events'
 * `phase`, "identical to the one that event carried"): deep-equal to that event's, so a snapshot
 * with the new `seq` but the previous payload fails.
 */
function sameAsLastEvent(run: ScenarioRun, step: PollStep, body: unknown, path: string, last: { seq?: number; json?: unknown } | undefined, client: string): boolean {
  if (!last) {
    run.fail({ check: 'poll-consistent', client, message: `GET ${path}: lastEventFields needs an event received on the stream first, and ${client} has none` });
    return false;
  }
  const snapshot = (body ?? {}) as Record<string, unknown>;
  const event = (last.json ?? {}) as Record<string, unknown>;
  for (const field of step.lastEventFields ?? []) {
    if (JSON.stringify(sortKeys(snapshot[field])) === JSON.stringify(sortKeys(event[field]))) continue;
    const why = mismatch(snapshot[field], event[field]) ?? mismatch(event[field], snapshot[field]) ?? 'different';
    run.fail({ check: 'poll-consistent', client, message: `GET ${path}: \`${field}\` is not the one the last event (seq ${String(last.seq)}) carried: ${why}`, frame: preview(JSON.stringify(snapshot[field] ?? null)) });
    return false;
  }
  return true;
}

/**
 * The body's list of event frames: an array whose items carry an integer `seq` and a `type` the
 * endpoint `describes`. Other lists with `seq` (recent achievements in a snapshot) are state, not a log.
 */
function findSeqItems(body: unknown, describes: Set<string>): Record<string, unknown>[] | undefined {
  const isEvent = (i: unknown) => !!i && typeof i === 'object' && Number.isInteger((i as Record<string, unknown>).seq) && describes.has(String((i as Record<string, unknown>).type));
  if (Array.isArray(body)) return body.length && body.every(isEvent) ? (body as Record<string, unknown>[]) : undefined;
  if (body && typeof body === 'object') {
    for (const v of Object.values(body)) {
      const found = Array.isArray(v) ? findSeqItems(v, describes) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  return v;
}
