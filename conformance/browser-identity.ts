/**
 * The runner presents itself like a browser client. Every WebSocket handshake and HTTP poll carries
 * an `Origin` — the origin of a page served by the server under test (the request URL's own origin,
 * `ws:` → `http:`, `wss:` → `https:`), unless `--origin` names another — and a `User-Agent` naming
 * specwire and its version. Browsers always send `Origin` on a WebSocket handshake, and the stacks'
 * standard guards rely on it: Django Channels' `AllowedHostsOriginValidator` refuses a handshake
 * without one (HTTP 403), so a runner that sent none would fail every scenario at the handshake.
 */
import { packageVersion } from '../contract/package-root.js';
import { originOf } from '../protocol/origin.js';

export { originOf, originProblem } from '../protocol/origin.js';

let userAgent: string | undefined;

/** `specwire/0.1.0 (conformance runner)`: the User-Agent of every request the runner makes. */
export function runnerUserAgent(): string {
  return (userAgent ??= `specwire/${packageVersion()} (conformance runner)`);
}

/**
 * Headers a browser page would add to a request for `url`: `origin` (the page's, or `origin` when
 * given) and `user-agent`. Header names are lower case so a scenario's own `headers` override them.
 */
export function browserHeaders(url: string, origin: string | undefined): Record<string, string> {
  return { origin: origin ?? originOf(url), 'user-agent': runnerUserAgent() };
}

/** `headers` with lower-cased names, so `Origin:` in a scenario replaces the default `origin`. */
export function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
