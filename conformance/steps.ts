/** The step kinds of docs/scenarios.md, one function each. A step returns `false` after reporting a failure. */
import { mintToken, type TokenVariant } from '../protocol/claims.js';
import { ConnectionState } from './connection-state.js';
import { TestConnection, type HandshakeOutcome } from './connection.js';
import { browserHeaders, lowerCaseHeaders } from './browser-identity.js';
import { buildConnectTarget, buildSseTarget } from './connect-url.js';
import { httpBaseOf } from './instances.js';
import { SseConnection } from './sse-connection.js';
import type { ScenarioRun } from './engine.js';
import { matches, mismatch } from './match.js';
import { measureStep } from './measure.js';
import { pollStep } from './poll.js';
import type { ClientSpec, CloseAllowance, LimitCount, ConnectStep, ExpectNoneStep, ExpectStep, ReconnectStep, SameEventsStep, SendStep, Step, TriggerStep } from './scenario/types.js';
import { SSE_REFUSAL } from '../contract/sse.js';
import { preview } from './frame.js';

/** One connection of a named client (a group of `count` has one runtime per member). */
export interface ClientRuntime {
  name: string;
  spec: ClientSpec;
  conn?: TestConnection;
  lastConnect?: ConnectStep;
}

export async function runStep(run: ScenarioRun, step: Step): Promise<boolean> {
  switch (step.kind) {
    case 'connect':
      return all(run, step.client, (m) => connect(run, m, step, undefined, run.placement.connect(m.name, step.instance)));
    case 'send':
      return all(run, step.client, (m) => send(run, m, step));
    case 'expect':
      return all(run, step.client, (m) => expect(run, m, step));
    case 'expectNone':
      return all(run, step.client, (m) => expectNone(run, m, step));
    case 'trigger':
      return trigger(run, step);
    case 'disconnect':
      return all(run, step.client, async (m) => {
        if (!m.conn) return true;
        if (step.abrupt) {
          m.conn.note('abrupt disconnect (no close frame)');
          m.conn.terminate();
          return true;
        }
        const ok = await m.conn.closeCleanly(run.options.callTimeoutMs, run.signal);
        if (!ok) run.fail({ check: 'close-handshake', client: m.name, message: `the server did not answer the close frame within ${run.options.callTimeoutMs} ms` });
        return ok;
      });
    case 'reconnect':
      return all(run, step.client, (m) => reconnect(run, m, step));
    case 'poll':
      return pollStep(run, step);
    case 'measure':
      return measureStep(run, step);
    case 'sameEvents':
      return sameEvents(run, step);
    case 'pause':
    case 'resume':
      return all(run, step.client, async (m) => {
        if (!m.conn) return true;
        m.conn.note(step.kind === 'pause' ? 'stops reading (paused)' : 'reads again (resumed)');
        m.conn.setReading(step.kind === 'resume');
        return true;
      });
    case 'sleep':
      await new Promise<void>((r) => {
        const t = setTimeout(r, step.ms);
        run.signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
      return true;
  }
}

async function all(run: ScenarioRun, client: string, fn: (m: ClientRuntime) => Promise<boolean>): Promise<boolean> {
  const members = run.clients.get(client) ?? [];
  const results = await Promise.all(members.map(fn));
  return results.every(Boolean);
}

export async function tokenFor(run: ScenarioRun, m: ClientRuntime, variant: TokenVariant): Promise<string | undefined> {
  const { jwtSecret, hooks, view } = run.options;
  // A document without our conventions has no JWT of ours to mint: its credentials are in the step's query or headers.
  if (!view.contract.specwire && !jwtSecret && !hooks?.token) return undefined;
  if (jwtSecret || variant === 'none' || variant === 'malformed') {
    return mintToken(m.spec.user, { secret: jwtSecret ?? '', contract: view.id, variant });
  }
  if (!hooks?.token) throw new Error('no way to get tokens: pass --jwt-secret, or --hooks with --token-hook');
  const { sub, teams, events, games, boards, roles } = m.spec.user;
  const request = { contract: variant === 'wrong-audience' ? `not-${view.id}` : view.id, sub, teams, events, games, boards, roles, expiresIn: variant === 'expired' ? -3600 : 3600 };
  const token = await hooks.token(request, run.signal);
  if (variant === 'wrong-signature') return `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  if (variant === 'alg-none') return mintToken(m.spec.user, { secret: '', contract: view.id, variant });
  return token;
}

async function connect(run: ScenarioRun, m: ClientRuntime, step: ConnectStep, resumeState: ConnectionState | undefined, instance: number): Promise<boolean> {
  const view = run.options.view;
  const channel = view.connectChannel(step.channel, step.transport)!;
  const sse = channel.channel.sse !== undefined;
  let token: string | undefined;
  try {
    token = await tokenFor(run, m, step.token);
  } catch (err) {
    run.fail({ check: 'handshake', client: m.name, message: (err as Error).message });
    return false;
  }
  const state = resumeState ?? new ConnectionState(channel, m.spec.user);
  const query = { ...step.query };
  const rule = channel.channel.stream;
  const addressStream = !rule ? '' : !rule.subscribe && rule.key in step.params ? step.params[rule.key] : undefined;
  const stepHeaders = { ...step.headers };
  if (addressStream !== undefined) {
    const last = state.lastSeq.get(addressStream);
    // A reconnecting EventSource sends the last id it saw as a header, on its original URL.
    if (resumeState && last !== undefined) {
      if (sse) stepHeaders['last-event-id'] = String(last);
      else query.lastSeq = String(last);
    }
    state.joinAddressStream(addressStream);
  }
  const request = { channel: channel.channel, params: step.params, query, token, version: step.version, subprotocols: step.subprotocols, headers: stepHeaders };
  const { wsUrl, httpUrl } = run.placement.instances[instance]!;
  const target = sse ? buildSseTarget(httpUrl ?? httpBaseOf(wsUrl), view, request) : buildConnectTarget(wsUrl, view, request);
  m.conn?.terminate();
  const Connection = sse ? SseConnection : TestConnection;
  const conn = new Connection(run.placement.label(m.name), state, {
    onFrame: run.onFrame,
    onTransportError: (c, check, message) => run.fail({ check, client: c.name, message }),
    timeline: run.timeline,
    startedAt: run.startedAt,
  });
  conn.params = step.params;
  m.conn = conn;
  m.lastConnect = step;
  const maxPayload = Math.max(1 << 20, (view.maxPayloadBytes ?? 0) * 4);
  // A browser's handshake: Origin and User-Agent, unless the scenario's own headers say otherwise.
  const headers = { ...browserHeaders(target.url, run.options.origin), ...lowerCaseHeaders(target.headers) };
  const outcome = await conn.open(target.url, { protocols: target.protocols, headers, timeoutMs: run.options.handshakeTimeoutMs, maxPayload, maxFrames: run.options.maxFrames, maxBytes: run.options.maxBytes, autoPong: step.pong, signal: run.signal });
  state.version = outcome.kind === 'open' ? versionOf(outcome.protocol) ?? (step.version ?? view.major) : undefined;
  return judgeHandshake(run, m, conn, step, outcome);
}

async function judgeHandshake(run: ScenarioRun, m: ClientRuntime, conn: TestConnection, step: ConnectStep, outcome: HandshakeOutcome): Promise<boolean> {
  const got = describe(outcome);
  if ('accept' in step.expect) {
    if (outcome.kind === 'open') return true;
    run.fail({ check: 'handshake', client: m.name, message: `expected the handshake to be accepted, got ${got}` });
    return false;
  }
  const named = step.expect.refused;
  if (named === 'any') return judgeAnyRefusal(run, m, conn, outcome);
  // Over SSE a named refusal is the convention's HTTP status (docs/conventions.md), not the WebSocket's.
  const sse = conn instanceof SseConnection;
  // SSE has no foreignOrigin refusal: a foreign page's EventSource is answered without CORS headers instead.
  const sseStatus = typeof named === 'string' && named in SSE_REFUSAL ? SSE_REFUSAL[named as keyof typeof SSE_REFUSAL] : undefined;
  const refusal = typeof named !== 'string' ? named : sse ? (sseStatus === undefined ? undefined : { http: sseStatus }) : run.options.view.refusal(named);
  const source = typeof named !== 'string' ? '' : sse ? ` (an SSE ${named} refusal)` : ` (x-specwire.refusal.${named})`;
  if (!refusal) {
    run.fail({ check: 'handshake', client: m.name, message: sse ? `an SSE endpoint has no ${String(named)} refusal (docs/conventions.md)` : `contract declares no refusal ${String(named)}` });
    return false;
  }
  if ('http' in refusal) {
    if (outcome.kind === 'http' && outcome.status === refusal.http) return true;
    run.fail({ check: 'handshake', client: m.name, message: `expected refusal with HTTP ${refusal.http}${source}, got ${got}` });
    return false;
  }
  let code = outcome.kind === 'closed' ? outcome.code : undefined;
  if (outcome.kind === 'open') {
    const closed = await conn.waitUntil(() => conn.closed, run.options.handshakeTimeoutMs, run.signal);
    code = closed?.code;
  }
  if (code === refusal.close) return true;
  run.fail({ check: 'handshake', client: m.name, message: `expected close ${refusal.close}${source}, got ${code !== undefined ? `close ${code}` : got}${outcome.kind === 'open' && code === undefined ? ' and no close' : ''}` });
  return false;
}

/** `refused: any`: HTTP ≥ 400 before the upgrade, or a close (at once or within the handshake deadline). */
async function judgeAnyRefusal(run: ScenarioRun, m: ClientRuntime, conn: TestConnection, outcome: HandshakeOutcome): Promise<boolean> {
  if ((outcome.kind === 'http' && outcome.status >= 400) || outcome.kind === 'closed') return true;
  if (outcome.kind === 'open' && (await conn.waitUntil(() => conn.closed, run.options.handshakeTimeoutMs, run.signal))) return true;
  run.fail({ check: 'handshake', client: m.name, message: `expected a refusal (HTTP ≥ 400 or a close), got ${describe(outcome)}${outcome.kind === 'open' ? ' and no close' : ''}` });
  return false;
}

function describe(o: HandshakeOutcome): string {
  switch (o.kind) {
    case 'open':
      return 'an accepted upgrade';
    case 'http':
      return `HTTP ${o.status}`;
    case 'closed':
      return `close ${o.code}`;
    case 'timeout':
      return 'no answer within the handshake deadline';
    case 'error':
      return `a transport error (${o.message})`;
  }
}

function versionOf(protocol: string): number | undefined {
  const m = /v(\d+)$/.exec(protocol);
  return m ? Number(m[1]) : undefined;
}

function send(run: ScenarioRun, m: ClientRuntime, step: SendStep): Promise<boolean> {
  const conn = m.conn;
  if (step.ifOpen && conn && !conn.isOpen) {
    conn.note(`send skipped: the connection ${conn.closed ? `closed (${conn.closed.code})` : 'is closing'}; the next expect judges it`);
    return Promise.resolve(true);
  }
  if (!conn?.isOpen) {
    run.fail({ check: 'send', client: m.name, message: `cannot send: ${conn?.closed ? `the connection closed (${conn.closed.code})` : conn ? 'the connection is closing' : 'not connected'}` });
    return Promise.resolve(false);
  }
  let text: string;
  if (step.raw !== undefined) text = step.raw;
  else if (step.oversized) {
    const limit = run.options.view.maxPayloadBytes ?? 65536;
    const type = [...conn.state.channel.clientTypes.keys()][0] ?? 'ping';
    text = JSON.stringify({ type, pad: 'x'.repeat(limit + 1024) });
  } else text = JSON.stringify(step.message);
  const times = repeatCount(run, step);
  if (times === undefined) {
    run.fail({ check: 'send', client: m.name, message: `repeat reads x-specwire.limits.${(step.repeat as LimitCount).limit}, which contract ${run.options.view.id} does not declare` });
    return Promise.resolve(false);
  }
  for (let i = 0; i < times; i++) {
    if (!conn.isOpen) break;
    conn.send(text);
    if (step.message) conn.state.observeSent(step.message);
  }
  return Promise.resolve(true);
}

async function expect(run: ScenarioRun, m: ClientRuntime, step: ExpectStep): Promise<boolean> {
  const conn = m.conn;
  if (!conn) {
    run.fail({ check: 'expect', client: m.name, message: 'not connected' });
    return false;
  }
  const within = run.within(step);
  if (step.close !== undefined) {
    const codes = step.close;
    const closed = await conn.waitUntil(() => conn.closed, within, run.signal);
    if (closed && codes.includes(closed.code)) return true;
    const bound = typeof step.within === 'string' ? ` (${step.within}: ${JSON.stringify(run.heartbeat)})` : '';
    const abnormal = closed?.code === 1006 && !codes.includes(1006) ? ' (no close frame reached the runner: the TCP connection ended or was reset first; a server that resets right after writing its close frame loses it, docs/hooks.md "Closing a connection")' : '';
    run.fail({ check: 'expect-close', client: m.name, message: `expected close ${codes.join(' or ')} within ${within} ms${bound}, got ${closed ? `close ${closed.code}` : 'no close'}${abnormal}` });
    return false;
  }
  if (step.comment) return expectComments(run, m, conn, step, within);
  const pattern = step.message!;
  // Scan each frame once: a hostile server may send tens of thousands while we wait.
  const found: typeof conn.inbox = [];
  let scanned = 0;
  const scan = () => {
    for (; scanned < conn.inbox.length && found.length < step.count; scanned++) {
      const item = conn.inbox[scanned]!;
      if (!item.consumed && matches(item.frame.json, pattern)) found.push(item);
    }
  };
  const outcome = await conn.waitUntil(() => {
    scan();
    if (found.length >= step.count) return 'ok' as const;
    if (conn.closed) return 'closed' as const;
    return undefined;
  }, within, run.signal);
  scan();
  if (outcome === 'ok') {
    for (const item of found.slice(0, step.count)) item.consumed = true;
    return true;
  }
  const allowed = step.orClose && closeAllowed(run, step.orClose);
  if (outcome === 'closed' && allowed && allowed.includes(conn.closed!.code)) {
    conn.note(`closed ${conn.closed!.code} instead, as the contract allows${step.orClose!.limit ? ` (x-specwire.limits.${step.orClose!.limit}: ${run.options.view.limit(step.orClose!.limit) ?? 'not stated'})` : ''}`);
    return true;
  }
  const closest = conn.inbox.findLast((i) => !i.consumed && !found.includes(i));
  const why = conn.closed ? `the connection closed (${conn.closed.code}) after` : `within ${within} ms got`;
  run.fail({
    check: 'expect',
    client: m.name,
    message: `expected ${step.count} frame(s) matching ${preview(JSON.stringify(pattern))}; ${why} ${found.length}${closest ? `; last other frame differs: ${mismatch(closest.frame.json, pattern) ?? ''}` : '; no other frames'}`,
    frame: closest ? preview(closest.frame.raw) : undefined,
  });
  return false;
}

/** `repeat:` as a number: given, or the contract's limit plus `plus` (undefined: the contract lacks it). */
function repeatCount(run: ScenarioRun, step: SendStep): number | undefined {
  if (typeof step.repeat === 'number') return step.repeat;
  const limit = run.options.view.limit(step.repeat.limit);
  return limit === undefined ? undefined : Math.max(1, limit + step.repeat.plus);
}

/** Close codes an `orClose:` allows here; none when the contract's limit is stated and above `atMost`. */
function closeAllowed(run: ScenarioRun, allowance: CloseAllowance): number[] {
  if (allowance.limit === undefined) return allowance.codes;
  const limit = run.options.view.limit(allowance.limit);
  return limit === undefined || limit <= (allowance.atMost ?? 0) ? allowance.codes : [];
}

/** Waits for `count` SSE comment lines (heartbeats) not consumed by an earlier step. */
async function expectComments(run: ScenarioRun, m: ClientRuntime, conn: TestConnection, step: ExpectStep, within: number): Promise<boolean> {
  if (!(conn instanceof SseConnection)) {
    run.fail({ check: 'expect', client: m.name, message: 'comment lines exist only on Server-Sent Events streams (connect with transport: sse)' });
    return false;
  }
  const wanted = conn.commentsConsumed + step.count;
  const ok = await conn.waitUntil(() => (conn.comments.length >= wanted ? true : conn.closed ? false : undefined), within, run.signal);
  if (ok) {
    conn.commentsConsumed = wanted;
    return true;
  }
  const bound = typeof step.within === 'string' ? ` (${step.within}: ${run.sseHeartbeatMs ?? '?'} ms interval)` : '';
  run.fail({ check: 'sse-heartbeat', client: m.name, message: `expected ${step.count} comment line(s) such as ": ping" within ${within} ms${bound}; got ${conn.comments.length - conn.commentsConsumed}${conn.closed ? ` before the stream ended (${conn.closed.reason})` : ''}` });
  return false;
}

async function expectNone(run: ScenarioRun, m: ClientRuntime, step: ExpectNoneStep): Promise<boolean> {
  const conn = m.conn;
  if (!conn) return true;
  const pattern = step.message ?? {};
  let scanned = 0;
  const hit = await conn.waitUntil(() => {
    for (; scanned < conn.inbox.length; scanned++) {
      const item = conn.inbox[scanned]!;
      if (!item.consumed && matches(item.frame.json, pattern)) return item;
    }
    // A closed connection receives nothing more: no need to sit out the window.
    return conn.closed ? ('closed' as const) : undefined;
  }, step.for, run.signal);
  if (!hit || hit === 'closed') return true;
  run.fail({ check: 'expect-none', client: m.name, message: `expected no frame matching ${JSON.stringify(pattern)} for ${step.for} ms, got one`, frame: preview(hit.frame.raw) });
  return false;
}

async function trigger(run: ScenarioRun, step: TriggerStep): Promise<boolean> {
  const hooks = run.options.hooks;
  if (!hooks) {
    run.fail({ check: 'trigger', message: 'this scenario triggers events: pass --hooks <url> or --driver <module>' });
    return false;
  }
  const request = { contract: run.options.view.id, event: step.event, stream: step.stream, example: step.example, payload: step.payload, count: step.count };
  run.timeline.push({ t: Date.now() - run.startedAt, client: 'hooks', dir: 'note', text: `trigger ${JSON.stringify(request)}` });
  try {
    const res = await hooks.trigger(request, run.signal);
    if (res.published.length !== step.count) {
      run.fail({ check: 'trigger', message: `asked for ${step.count} ${step.event} event(s), the server published ${res.published.length}` });
      return false;
    }
    return true;
  } catch (err) {
    run.fail({ check: 'trigger', message: (err as Error).message });
    return false;
  }
}

/** Every client named received the same events of the stream: the same seqs, each frame deep-equal. */
function sameEvents(run: ScenarioRun, step: SameEventsStep): Promise<boolean> {
  const seen = step.clients.flatMap((name) => (run.clients.get(name) ?? []).map((m) => ({ name: m.name, frames: m.conn?.state.events.get(step.stream) ?? [] })));
  const [first, ...rest] = seen;
  if (!first) return Promise.resolve(true);
  const compared = (f: (typeof first.frames)[number]) => f.seq !== undefined && (step.message === undefined || matches(f.json, step.message));
  const bySeq = (frames: typeof first.frames) => new Map(frames.filter(compared).map((f) => [f.seq!, canonical(f.json)]));
  const reference = bySeq(first.frames);
  for (const other of rest) {
    const theirs = bySeq(other.frames);
    const seqs = (m: Map<number, string>) => [...m.keys()].sort((a, b) => a - b).join(',');
    if (seqs(reference) !== seqs(theirs)) {
      run.fail({ check: 'same-events', client: other.name, message: `stream ${step.stream}: ${other.name} received seq [${seqs(theirs)}], ${first.name} received [${seqs(reference)}]` });
      return Promise.resolve(false);
    }
    for (const [seq, text] of reference) {
      if (theirs.get(seq) !== text) {
        run.fail({ check: 'same-events', client: other.name, message: `stream ${step.stream}: seq ${seq} differs between ${first.name} and ${other.name}`, frame: preview(theirs.get(seq) ?? '') });
        return Promise.resolve(false);
      }
    }
  }
  return Promise.resolve(true);
}

/** JSON with sorted keys: two transports may serialize the same frame in another key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(value));
}

async function reconnect(run: ScenarioRun, m: ClientRuntime, step: ReconnectStep): Promise<boolean> {
  const previous = m.lastConnect;
  const old = m.conn;
  if (!previous || !old) {
    run.fail({ check: 'handshake', client: m.name, message: 'reconnect before any connect' });
    return false;
  }
  old.terminate();
  const state = old.state;
  const streams = [...state.subscribed];
  if (!step.resume) state.reset();
  const ok = await connect(run, m, { ...previous, expect: { accept: true } }, state, run.placement.reconnect(m.name, step.instance));
  if (!ok || !m.conn) return false;
  const rule = state.channel.channel.stream;
  if (rule?.subscribe) {
    for (const stream of streams) {
      const last = state.lastSeq.get(stream);
      const frame: Record<string, unknown> = { type: rule.subscribe, [rule.key]: stream };
      if (step.resume && last !== undefined) frame.lastSeq = last;
      m.conn.send(JSON.stringify(frame));
      state.observeSent(frame);
    }
  }
  return true;
}
