/**
 * Preflight: before the first scenario, make sure the run can be made at all — every WebSocket URL
 * and the HTTP URL answer, the hooks reset (or the driver's reset) works, and the token path gives a
 * token. A server that is not up, a wrong hooks path or a refused hook is one sentence and exit 2,
 * not twenty identical scenario failures. With a wait, unreachable targets are retried with backoff
 * (`server & specwire test --wait 30000 …`); a target that answers but refuses is not retried.
 * The same probe, re-run after a failed scenario, tells a server that died mid-run (run.ts).
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomBytes } from 'node:crypto';
import { RESET_PATH, TOKEN_PATH, type HooksDriver } from '../protocol/hooks.js';
import { originOf } from '../protocol/origin.js';

export interface PreflightTarget {
  /** WebSocket base URLs of the instances under test. */
  wsUrls: string[];
  /** HTTP base URL of the polling endpoints (one, or one per instance). */
  httpUrl?: string | string[];
  /** Base URL of the test hooks; its reset is called directly, so a 404 or 401 can be named. */
  hooksUrl?: string;
  /** A driver module instead of the hooks URL: its `reset()` is the probe. */
  driver?: HooksDriver;
  /** Ask `POST <hooks>/token` for a token for this contract id (the `--token-hook` path). */
  tokenHookContract?: string;
  /** `User-Agent` of every probe (the runner's). */
  userAgent?: string;
  /** `Origin` of the upgrade and GET probes, as the run sends it (default: each URL's own); a server that guards origins must not refuse the probe. */
  origin?: string;
  /** Deadline of each probe in ms. Default 5000. */
  probeTimeoutMs?: number;
}

/** Why the run cannot be made: what failed, how, and whether waiting could help. */
export interface PreflightProblem {
  /** `the WebSocket URL ws://…`, `the hooks reset POST http://…/reset`. */
  what: string;
  /** `connection refused (ECONNREFUSED)`, `answered 404`. */
  how: string;
  /** The target did not answer (refused, DNS, timeout, reset): the server may still be starting. */
  unreachable: boolean;
  /**
   * A TCP connection was made, then no HTTP answer came (a hang-up, bytes that are not HTTP, silence):
   * something listens there, maybe still starting behind a proxy. Waited for like an unreachable
   * target; when the wait is over, the scenarios judge it (a hostile server fails checks, exit 1).
   */
  listening?: boolean;
}

export function describeProblem(p: PreflightProblem): string {
  return `${p.what}: ${p.how}`;
}

/** Probes every target once, in order; the first problem, or undefined when the run can be made. */
export async function preflight(target: PreflightTarget): Promise<PreflightProblem | undefined> {
  const timeoutMs = target.probeTimeoutMs ?? 5000;
  let listening: PreflightProblem | undefined;
  for (const url of target.wsUrls) {
    const how = await probeHttp(url, { upgrade: true, timeoutMs, userAgent: target.userAgent, origin: target.origin ?? originOf(url) });
    if (how?.listening) listening ??= { what: `the WebSocket URL ${url}`, ...how };
    else if (how) return { what: `the WebSocket URL ${url}`, ...how };
  }
  for (const httpUrl of new Set([target.httpUrl ?? []].flat())) {
    const how = await probeHttp(httpUrl, { upgrade: false, timeoutMs, userAgent: target.userAgent, origin: target.origin ?? originOf(httpUrl) });
    if (how?.listening) listening ??= { what: `the HTTP URL ${httpUrl}`, ...how };
    else if (how) return { what: `the HTTP URL ${httpUrl}`, ...how };
  }
  if (target.hooksUrl && !target.driver) {
    const url = `${target.hooksUrl.replace(/\/+$/, '')}${RESET_PATH}`;
    const how = await probeHook(url, {}, timeoutMs, target.userAgent);
    if (how) return { what: `the hooks reset POST ${url}`, ...how };
  } else if (target.driver) {
    try {
      await target.driver.reset(AbortSignal.timeout(timeoutMs));
    } catch (err) {
      return { what: 'the driver’s reset()', how: (err as Error).message, unreachable: isUnreachableMessage((err as Error).message) };
    }
  }
  if (target.tokenHookContract && target.hooksUrl) {
    const url = `${target.hooksUrl.replace(/\/+$/, '')}${TOKEN_PATH}`;
    const how = await probeHook(url, PREFLIGHT_TOKEN_REQUEST(target.tokenHookContract), timeoutMs, target.userAgent, true);
    if (how) return { what: `the token hook POST ${url}`, ...how };
  }
  return listening;
}

/** What the preflight asks the token hook for: a user like the scenarios' (a UUID `sub`), for a minute. */
export const PREFLIGHT_TOKEN_REQUEST = (contract: string) => ({ contract, sub: '00000000-0000-4000-8000-000000000000', roles: [], expiresIn: 60 });

export interface WaitOptions {
  /** How long to keep retrying an unreachable target, in ms. 0: probe once. */
  waitMs: number;
  /** First pause between attempts, doubled up to `maxDelayMs`. Default 100. */
  firstDelayMs?: number;
  /** Default 2000. */
  maxDelayMs?: number;
}

/** `preflight`, retried with backoff while the target is unreachable and the wait lasts. */
export async function preflightWithWait(target: PreflightTarget, options: WaitOptions): Promise<PreflightProblem | undefined> {
  const deadline = Date.now() + options.waitMs;
  let delay = options.firstDelayMs ?? 100;
  for (;;) {
    // Near the end of a wait a probe still gets a fair second, never less.
    const probeTimeoutMs = options.waitMs > 0 ? Math.min(target.probeTimeoutMs ?? 5000, Math.max(1000, deadline - Date.now())) : target.probeTimeoutMs;
    const problem = await preflight({ ...target, probeTimeoutMs });
    if (!problem || !problem.unreachable) return problem;
    // Out of time: a peer that listens but does not answer HTTP is left to the scenarios to judge.
    if (Date.now() + delay >= deadline) return problem.listening ? undefined : problem;
    await new Promise((done) => setTimeout(done, delay));
    delay = Math.min(delay * 2, options.maxDelayMs ?? 2000);
  }
}

/**
 * One request to `url`: a WebSocket upgrade (any HTTP answer proves a server listens there — channel
 * addresses are appended to the base URL, so a 404 or a refused unauthenticated upgrade, 401/403,
 * is reachable; an accepted upgrade is closed at once) or a plain GET. Undefined when it answered.
 */
export function probeHttp(url: string, options: { upgrade: boolean; timeoutMs: number; userAgent?: string; origin?: string }): Promise<Omit<PreflightProblem, 'what'> | undefined> {
  const target = new URL(url);
  target.protocol = target.protocol === 'wss:' ? 'https:' : target.protocol === 'ws:' ? 'http:' : target.protocol;
  const headers: Record<string, string> = { ...(options.userAgent ? { 'user-agent': options.userAgent } : {}), ...(options.origin ? { origin: options.origin } : {}) };
  if (options.upgrade) Object.assign(headers, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') });
  return new Promise((done) => {
    let req: ClientRequest;
    let connected = false;
    const settle = (result: Omit<PreflightProblem, 'what'> | undefined) => {
      clearTimeout(timer);
      req.destroy();
      done(result);
    };
    const timer = setTimeout(() => settle({ how: `no answer within ${options.timeoutMs} ms${connected ? ' (the connection was accepted)' : ''}`, unreachable: true, listening: connected }), options.timeoutMs);
    const tls = target.protocol === 'https:';
    req = (tls ? httpsRequest : httpRequest)(target, { method: 'GET', headers });
    req.on('socket', (socket) => socket.once(tls ? 'secureConnect' : 'connect', () => (connected = true)));
    req.on('response', (res: IncomingMessage) => {
      res.resume();
      settle(undefined);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      settle(undefined);
    });
    req.on('error', (err) => {
      const problem = networkProblem(err);
      // A TLS client talking to a plain-HTTP port sees the peer hang up mid-handshake.
      if (tls && !connected && (err as NodeJS.ErrnoException).code === 'ECONNRESET') problem.how = `TLS handshake failed (ECONNRESET): does ${target.host} speak TLS?`;
      else if (connected) Object.assign(problem, { unreachable: true, listening: true, how: `the connection was accepted, then ${problem.how}` });
      settle(problem);
    });
    req.end();
  });
}

/** `POST url` with a JSON body: a 2xx is fine; a 404, 401, 403 or 5xx is named. */
async function probeHook(url: string, body: unknown, timeoutMs: number, userAgent: string | undefined, wantsToken = false): Promise<Omit<PreflightProblem, 'what'> | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(userAgent ? { 'user-agent': userAgent } : {}) }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError') return { how: `no answer within ${timeoutMs} ms`, unreachable: true };
    return networkProblem((e.cause as Error | undefined) ?? e);
  }
  const text = await res.text().catch(() => '');
  if (res.status === 404) return { how: 'answered 404 (is it the hooks base URL, with the hooks enabled in the server’s test mode?)', unreachable: false };
  if (res.status === 401 || res.status === 403) return { how: `answered ${res.status} (the hooks refuse the runner: check the server’s test-mode settings)`, unreachable: false };
  // A proxy in front of a server that is still starting answers 502/503/504: worth waiting for.
  if (res.status >= 300) return { how: `answered ${res.status}${text ? ` ${JSON.stringify(text.slice(0, 120))}` : ''}`, unreachable: [502, 503, 504].includes(res.status) };
  if (wantsToken) {
    let token: unknown;
    try {
      token = (JSON.parse(text) as { token?: unknown }).token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string') return { how: `answered ${res.status} without a "token" string`, unreachable: false };
  }
  return undefined;
}

/** A socket error as words: refused, DNS, TLS, reset, with the code in brackets. */
function networkProblem(err: Error): Omit<PreflightProblem, 'what'> {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return { how: 'connection refused (ECONNREFUSED)', unreachable: true };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { how: `DNS lookup failed (${code}): the host name does not resolve`, unreachable: true };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return { how: `the connection failed (${code})`, unreachable: true };
  if (/^ERR_TLS|^ERR_SSL|CERT|SELF_SIGNED|^EPROTO$/.test(code) || /SSL|TLS|certificate/i.test(err.message)) return { how: `TLS error (${code || 'handshake'}): ${err.message}`, unreachable: false };
  return { how: `${err.message}${code ? ` (${code})` : ''}`, unreachable: false };
}

/** A driver's error message that reads as an unreachable server (its own fetch failed). */
function isUnreachableMessage(message: string): boolean {
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|fetch failed|no answer within/i.test(message);
}
