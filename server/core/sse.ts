/**
 * The SSE handshake (docs/conventions.md "Server-Sent Events"): route a `GET` to a contract's SSE
 * channel by address, then the same gates as a WebSocket upgrade — per-IP limit (one budget with
 * the WebSocket), token, access to the stream the path names, wire version — refused as HTTP
 * statuses before the stream starts, and the resume point from `Last-Event-ID` (or `?lastEventId=`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SSE_CONTENT_TYPE, SSE_DEFAULT_VERSION_QUERY, SSE_REFUSAL, SSE_RESUME_HEADER, SSE_RESUME_QUERY } from '../../contract/sse.js';
import { authorize } from './access.js';
import { extractToken, verifyToken } from './auth.js';
import { type ContractRuntime, matchTemplate, type SseChannelRuntime } from './contract-runtime.js';
import { corsHeaders } from './cors.js';
import { accessSkipped, authWithFaults, lastEventIdWithFaults, negotiationWithFaults } from './fault-injection.js';
import { sendJson } from './http.js';
import { takeIpSlot } from './ip-slots.js';
import { SseSession } from './sse-session.js';
import { negotiateVersion } from './version.js';

export interface SseRoute {
  rt: ContractRuntime;
  channel: SseChannelRuntime;
  params: Record<string, string>;
}

export function findSseRoute(runtimes: readonly ContractRuntime[], pathname: string): SseRoute | undefined {
  for (const rt of runtimes) {
    for (const channel of rt.sseChannels) {
      const params = matchTemplate(channel, pathname);
      if (params) return { rt, channel, params };
    }
  }
  return undefined;
}

/** Headers of every SSE answer: the media type, and no caching or buffering on the way (nginx reads `x-accel-buffering`). */
const STREAM_HEADERS = {
  'content-type': `${SSE_CONTENT_TYPE}; charset=utf-8`,
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

/** The resume point: the header a reconnecting EventSource sends wins over the query of a new stream; a non-integer is no resume point. */
export function resumePoint(req: IncomingMessage, url: URL): number | undefined {
  const header = req.headers[SSE_RESUME_HEADER];
  const raw = typeof header === 'string' && header !== '' ? header : url.searchParams.get(SSE_RESUME_QUERY);
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export async function handleSse(route: SseRoute, req: IncomingMessage, res: ServerResponse, url: URL, secret: Uint8Array, issuer: string): Promise<void> {
  const { rt, channel, params } = route;
  for (const [k, v] of Object.entries(corsHeaders(req, rt.allowedOrigins))) res.setHeader(k, v);
  if (req.method !== 'GET') return sendJson(res, 405, { error: `${channel.model.address} is a Server-Sent Events endpoint: GET it` });
  const ip = req.socket.remoteAddress ?? 'unknown';
  const release = await takeIpSlot(rt, ip); // reserved before the async token check, like the upgrade
  if (!release) {
    rt.countRefusal('http', SSE_REFUSAL.tooManyConnections);
    return sendJson(res, SSE_REFUSAL.tooManyConnections, { error: `more than ${rt.limits.connectionsPerIp} connections from ${ip}` });
  }
  try {
    const token = extractToken(req, url, rt.scheme);
    const auth = await authWithFaults(rt.faults, await verifyToken(token, secret, rt.id, issuer), token, secret, rt.id, issuer);
    if (!auth.ok) return refuse(rt, res, release, SSE_REFUSAL.unauthenticated, `unauthenticated: ${auth.reason}`);
    const stream = params[channel.streamKey]!;
    if (!accessSkipped(rt.faults, 'upgrade') && !authorize(channel.model.access, stream, auth.claims)) {
      return refuse(rt, res, release, SSE_REFUSAL.forbidden, `forbidden: not allowed to receive ${channel.streamKey} "${stream}"`);
    }
    // An unknown stream (the test hooks' state step) is refused like a forbidden one, as over WebSocket.
    if (!rt.streamExists(stream)) return refuse(rt, res, release, SSE_REFUSAL.forbidden, `forbidden: no ${channel.streamKey} "${stream}"`);
    const query = rt.model.specwire?.versioning?.query ?? SSE_DEFAULT_VERSION_QUERY;
    const version = negotiationWithFaults(rt.faults, negotiateVersion({ query }, rt.majors, [], url), rt.majors);
    if (!version.ok) return refuse(rt, res, release, SSE_REFUSAL.unsupportedVersion, version.reason);
    if (res.destroyed || req.destroyed) return release(); // the client left during the token check
    const session = new SseSession(rt, channel, res, auth.claims, params, stream, release);
    session.start(lastEventIdWithFaults(rt.faults, resumePoint(req, url), url), { ...STREAM_HEADERS, ...corsHeaders(req, rt.allowedOrigins) });
  } catch (err) {
    release();
    rt.logger.error(`${rt.id}: SSE handshake failed: ${(err as Error).stack ?? String(err)}`);
    sendJson(res, 500, { error: 'handshake failed' });
  }
}

function refuse(rt: ContractRuntime, res: ServerResponse, release: () => void, status: number, reason: string): void {
  release();
  rt.countRefusal('http', status);
  sendJson(res, status, { error: reason });
}
