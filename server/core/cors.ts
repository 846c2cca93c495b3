/**
 * CORS for the plain-HTTP endpoints a browser page reads across origins: the polling endpoints
 * (`fetch`) and the SSE endpoints (`EventSource`). A page of an allowed origin gets
 * `access-control-allow-origin` (its own origin, never `*`: tokens may ride in `Authorization`) and
 * answered preflights for the headers our clients send; any other origin gets no CORS header, so its
 * browser withholds the response. WebSocket upgrades are not CORS requests (their Origin check is
 * in the handshake).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { originAllowed } from '../../protocol/origin.js';

/** Request headers a page may send: the token, SSE's resume point, content negotiation. */
const ALLOWED_HEADERS = 'authorization, last-event-id, accept, cache-control';
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/** The CORS headers of an actual (non-preflight) answer to `req`; empty when none apply. */
export function corsHeaders(req: IncomingMessage, allowed: readonly string[] | undefined): Record<string, string> {
  const origin = req.headers.origin;
  // The same rule as the WebSocket handshake's (protocol/origin.ts): the server's own origin, the allowed list, or `*`.
  if (typeof origin !== 'string' || !originAllowed(origin, req.headers.host, allowed)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin' };
}

/** Answers an `OPTIONS` preflight for a GET endpoint: 204 with the allowances, or 204 without them for a foreign origin. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowed: readonly string[] | undefined): void {
  const base = corsHeaders(req, allowed);
  const headers: Record<string, string> = { ...base, 'content-length': '0' };
  if (base['access-control-allow-origin']) {
    headers['access-control-allow-methods'] = 'GET, HEAD, OPTIONS';
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = String(PREFLIGHT_MAX_AGE_S);
  }
  res.writeHead(204, headers).end();
}
