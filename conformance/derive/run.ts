/**
 * Runs a derived suite (`suite.ts`) against a server: per endpoint, the refusal without credentials,
 * the connection with them, a listening window, every request, then bad frames and the property run
 * (`robustness.ts`). Each case becomes a `ScenarioResult` whose failures name a derived check
 * (`checks/`) or an always-on frame check. Every wait has a deadline; a hostile server yields failed
 * checks, never a hang or a crash.
 */
import { labelOf } from '../../contract/discriminator.js';
import { matchMessage } from '../../contract/match-message.js';
import type { UserClaims } from '../../protocol/claims.js';
import type { ContractView } from '../contract-view.js';
import type { TestConnection } from '../connection.js';
import { preview } from '../frame.js';
import type { ScenarioResult } from '../result.js';
import { authRequired } from './checks/auth-required.js';
import { connectAccepted } from './checks/connect-accepted.js';
import { correlationId } from './checks/correlation-id.js';
import { replyMessage } from './checks/reply-message.js';
import { validInputKept } from './checks/valid-input-kept.js';
import { awaitReply } from './reply.js';
import { propertyRun, robustness } from './robustness.js';
import { type Credentials, EndpointSession, hasCredentials } from './session.js';
import type { DerivedCase, DerivedEndpoint, DerivedRequest, DerivedSuite, NotDerived } from './suite.js';
import { describeScheme, credentialPlace } from '../../contract/ws-server.js';

export interface DerivedRunOptions {
  view: ContractView;
  /** WebSocket base URL: the server's pathname and the channel address are appended. */
  wsUrl: string;
  credentials: Credentials;
  /** Claims of the minted token, for `x-specwire-access` documents (the token itself is in `credentials`). */
  claims: UserClaims;
  /** Only cases whose name matches (connecting still happens). */
  grep?: RegExp;
  /** Only cases with one of these tags. */
  tags?: string[];
  /** Deadline of a handshake. Default 5000 ms. */
  handshakeTimeoutMs?: number;
  /** Deadline of a reply. Default 2000 ms. */
  replyWithinMs?: number;
  /** How long a refusal may take after an accepted upgrade (a close or an error frame). Default 2000 ms. */
  refusalWindowMs?: number;
  signal: AbortSignal;
  onResult?(result: ScenarioResult): void;
}

/** After a send that expects no reply, how long a close still counts as the answer to it. */
const SETTLE_MS = 300;

export async function runDerivedSuite(suite: DerivedSuite, options: DerivedRunOptions): Promise<{ results: ScenarioResult[]; notDerived: NotDerived[] }> {
  const results: ScenarioResult[] = [];
  const notDerived = [...suite.notDerived];
  for (const endpoint of suite.endpoints) {
    if (options.signal.aborted) break;
    const session = new EndpointSession(endpoint, {
      view: options.view,
      suite,
      wsUrl: options.wsUrl,
      credentials: options.credentials,
      claims: options.claims,
      signal: options.signal,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 5000,
      replyWithinMs: options.replyWithinMs ?? 2000,
    });
    try {
      await runEndpoint(session, endpoint, options, notDerived, (r) => {
        results.push(r);
        options.onResult?.(r);
      });
    } finally {
      session.closeAll();
    }
  }
  return { results, notDerived };
}

function selected(kase: DerivedCase, options: DerivedRunOptions): boolean {
  return (!options.grep || options.grep.test(kase.name)) && (!options.tags?.length || options.tags.some((t) => TAG_OF[kase.kind].includes(t)));
}

const TAG_OF: Record<DerivedCase['kind'], string[]> = { refused: ['auth'], connect: ['auth'], listen: ['schema'], request: ['schema'], robustness: ['robustness'], property: ['robustness', 'schema'] };

async function runEndpoint(session: EndpointSession, endpoint: DerivedEndpoint, options: DerivedRunOptions, notDerived: NotDerived[], report: (r: ScenarioResult) => void): Promise<void> {
  const path = endpoint.endpoint.path;
  if (endpoint.secured && !hasCredentials(options.credentials)) {
    const schemes = endpoint.endpoint.security.filter((s) => credentialPlace(s)).map(describeScheme).join(' or ');
    notDerived.push({ what: `everything on ${path} but the refusal`, reason: `it declares ${schemes}: pass credentials (--query, --header, --bearer or --jwt-secret)` });
  }
  let main: TestConnection | undefined;
  const passedRequests: DerivedRequest[] = [];
  for (const kase of endpoint.cases) {
    if (options.signal.aborted) return;
    const wanted = selected(kase, options);
    if (kase.kind === 'refused') {
      if (wanted) report(await refused(session, kase, options));
      continue;
    }
    if (endpoint.secured && !hasCredentials(options.credentials)) return;
    if (kase.kind === 'connect') {
      session.begin(kase);
      const { conn, handshake, url } = await session.open('client', true);
      const finding = connectAccepted.judge({ handshake, url });
      if (finding) session.fail(connectAccepted.id, { ...finding, client: conn.name });
      const result = session.end();
      if (wanted || finding) report(result);
      if (finding) {
        const rest = endpoint.cases.filter((c) => c.kind !== 'refused' && c.kind !== 'connect').length;
        if (rest) notDerived.push({ what: `${rest} more case(s) on ${path}`, reason: 'not run: the connection was not accepted' });
        return;
      }
      main = conn;
      continue;
    }
    if (!wanted || !main) continue;
    session.begin(kase);
    try {
      switch (kase.kind) {
        case 'listen':
          await listen(session, main, options);
          break;
        case 'request':
          if (await request(session, main, kase.request, options)) passedRequests.push(kase.request);
          break;
        case 'robustness':
          await robustness(session, main, kase.frames, passedRequests[0], options);
          break;
        case 'property':
          await propertyRun(session, kase.values, options);
          break;
      }
    } catch (err) {
      session.fail('runner', { message: `runner error: ${(err as Error).stack ?? String(err)}` });
    }
    report(session.end());
    // A connection the server closed cannot carry the next cases: reopen it, and say so.
    if (main.closed) {
      const again = await session.open('client', true);
      if (again.handshake.kind !== 'open') return;
      main = again.conn;
    }
  }
}

async function refused(session: EndpointSession, kase: DerivedCase, options: DerivedRunOptions) {
  session.begin(kase);
  const windowMs = options.refusalWindowMs ?? 2000;
  const { conn, handshake } = await session.open('anonymous', false);
  let firstFrameIsError = false;
  if (handshake.kind === 'open') {
    const opened = Date.now();
    const error = session.derived.endpoint.errorMessage;
    await conn.waitUntil(() => (conn.closed || conn.inbox.length ? true : undefined), windowMs, options.signal);
    if (conn.closed) Object.assign(handshake, { code: conn.closed.code, closedAfterMs: Date.now() - opened });
    else if (error && conn.inbox[0]) firstFrameIsError = matchMessage([error], conn.inbox[0].frame.json).ok;
  }
  const schemes = session.derived.endpoint.security.filter((s) => credentialPlace(s)).map(describeScheme).join(' or ');
  const finding = authRequired.judge({ handshake, firstFrameIsError, schemes, windowMs });
  if (finding) session.fail(authRequired.id, { ...finding, client: conn.name });
  conn.terminate();
  return session.end();
}

async function listen(session: EndpointSession, conn: TestConnection, options: DerivedRunOptions): Promise<void> {
  const before = conn.inbox.length;
  const opened = Date.now();
  const ms = session.options.suite.listenMs;
  await conn.waitUntil(() => (conn.closed ? true : undefined), ms, options.signal);
  if (conn.closed) {
    const finding = connectAccepted.judge({ handshake: { kind: 'open', code: conn.closed.code, closedAfterMs: Date.now() - opened }, url: 'the channel' });
    if (finding) session.fail(connectAccepted.id, { ...finding, client: conn.name });
  }
  const frames = conn.inbox.slice(before);
  for (const item of frames) item.consumed = true;
  const kinds = new Map<string, number>();
  for (const item of frames) {
    const m = matchMessage(session.derived.endpoint.serverMessages, item.frame.json);
    const label = m.ok ? labelOf(m.message) : 'undeclared';
    kinds.set(label, (kinds.get(label) ?? 0) + 1);
  }
  session.note(`listened ${ms} ms: ${frames.length} frame(s)${kinds.size ? ` (${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}`);
}

/** Sends one request and judges its reply; true when a valid reply came (a probe for later cases). */
export async function request(session: EndpointSession, conn: TestConnection, req: DerivedRequest, options: DerivedRunOptions): Promise<boolean> {
  const text = JSON.stringify(req.frame);
  const from = conn.inbox.length;
  if (!(await session.send(conn, text, req.frame))) {
    session.fail(validInputKept.id, { message: `cannot send ${labelOf(req.message)}: the connection is ${conn.closed ? `closed (${conn.closed.code})` : 'not open'}`, client: conn.name });
    return false;
  }
  if (!req.replies.length) {
    await conn.waitUntil(() => (conn.closed ? true : undefined), SETTLE_MS, options.signal);
    const finding = validInputKept.judge({ closed: conn.closed, after: `${labelOf(req.message)} (${req.source})` });
    if (finding) session.fail(validInputKept.id, { ...finding, client: conn.name, frame: preview(text) });
    return false;
  }
  const withinMs = session.options.replyWithinMs;
  const outcome = await awaitReply(conn, { replies: req.replies, correlation: req.correlation, from, withinMs, signal: options.signal });
  const label = `${labelOf(req.message)} (${req.source})`;
  const finding = replyMessage.judge({ outcome, replies: req.replies, request: label, withinMs });
  if (finding) {
    session.fail(replyMessage.id, { ...finding, client: conn.name, frame: outcome.kind === 'misfit' ? preview(outcome.raw) : undefined });
    return false;
  }
  if (outcome.kind !== 'reply') return false;
  const c = req.correlation;
  const pointer = c?.replyPointers[outcome.message.id];
  if (c && pointer) {
    const found = correlationId.judge({ reply: outcome.message, frame: outcome.frame, pointer, expected: c.value, location: outcome.message.correlationId!.location });
    if (found) {
      session.fail(correlationId.id, { ...found, client: conn.name, frame: preview(outcome.raw) });
      return false;
    }
  }
  session.note(`answered with ${labelOf(outcome.message)}`);
  return true;
}
