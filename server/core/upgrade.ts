/**
 * The handshake: route the upgrade to a contract channel by address, refuse pages of foreign
 * origins (`x-specwire.allowedOrigins`), enforce the per-IP limit,
 * authenticate, authorize address-named streams, negotiate the wire version — and refuse the way the
 * contract's `x-specwire.refusal` says (an HTTP status before the upgrade, or a close code after it).
 */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CloseCode } from '../../protocol/close-codes.js';
import { originAllowed } from '../../protocol/origin.js';
import type { Refusal } from '../../contract/model.js';
import { authorize } from './access.js';
import { extractToken, verifyToken } from './auth.js';
import { accessSkipped, authWithFaults, negotiationWithFaults } from './fault-injection.js';
import { type ChannelRuntime, type ContractRuntime, matchTemplate, selectedProtocols } from './contract-runtime.js';
import { takeIpSlot } from './ip-slots.js';
import { Session } from './session.js';
import { negotiateVersion, pickMajor } from './version.js';

export interface UpgradeContext {
  runtimes: ContractRuntime[];
  secret: Uint8Array;
  issuer: string;
  /** False once shutdown began: new upgrades get 503. */
  accepting(): boolean;
}

/**
 * The contract channel at `pathname`. When several contracts serve one address — two wire majors of
 * one contract during a migration (`taskforge.v1`, `taskforge.v2` on `/realtime`) — the offered
 * subprotocols pick the major (see `pickMajor`).
 */
export function findChannel(
  runtimes: ContractRuntime[],
  pathname: string,
  offered: readonly string[] = [],
): ChannelRoute | undefined {
  const routes: ChannelRoute[] = [];
  for (const rt of runtimes) {
    for (const channel of rt.channels) {
      const params = matchTemplate(channel, pathname);
      if (params) {
        routes.push({ rt, channel, params, audiences: [] });
        break;
      }
    }
  }
  const picked = routes.length > 1 ? pickMajor(routes, offered) : routes[0];
  if (picked) picked.audiences = routes.map((r) => r.rt.id);
  return picked;
}

export interface ChannelRoute {
  rt: ContractRuntime;
  channel: ChannelRuntime;
  params: Record<string, string>;
  /** Token audiences accepted here: the ids of every contract (wire major) served at this address. */
  audiences: string[];
}

/** Answers an upgrade request with a plain HTTP error and drops the socket. */
export function refuseHttp(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function refuseCounted(rt: ContractRuntime, socket: Duplex, status: number, message: string): void {
  rt.countRefusal('http', status);
  refuseHttp(socket, status, message);
}

export async function handleUpgrade(ctx: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  socket.on('error', destroySocket);
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!ctx.accepting()) return refuseHttp(socket, 503, 'server is shutting down');
  const offered = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const route = findChannel(ctx.runtimes, url.pathname, offered);
  if (!route) return refuseHttp(socket, 404, `no WebSocket endpoint at ${url.pathname}`);
  const { rt, channel, params } = route;
  // Before anything else, like Channels' origin validator wrapping the whole app: a foreign page.
  if (!accessSkipped(rt.faults, 'origin') && !originAllowed(req.headers.origin, req.headers.host, rt.allowedOrigins)) {
    const refusal = rt.model.specwire?.refusal?.foreignOrigin ?? { http: 403 };
    const reason = `origin ${req.headers.origin} may not open this WebSocket`;
    if ('http' in refusal) return refuseCounted(rt, socket, refusal.http, reason);
    return accept(rt, channel, req, socket, head, (ws) => ws.close(refusal.close, 'foreign origin'), () => {});
  }
  const ip = req.socket.remoteAddress ?? 'unknown';
  // Reserved before the async token check so a burst of handshakes cannot overshoot the limit.
  const release = await takeIpSlot(rt, ip);
  if (!release) return refuseCounted(rt, socket, 429, `more than ${rt.limits.connectionsPerIp} connections from ${ip}`);
  try {
    const token = extractToken(req, url, rt.scheme);
    const auth = await authWithFaults(rt.faults, await verifyToken(token, ctx.secret, route.audiences, ctx.issuer), token, ctx.secret, rt.id, ctx.issuer);
    const version = negotiationWithFaults(rt.faults, negotiateVersion(rt.model.specwire?.versioning, rt.majors, offered, url), rt.majors);
    if (version.protocol) selectedProtocols.set(req, version.protocol);
    const refuse = (refusal: Refusal, code: number, reason: string) => {
      if ('http' in refusal) {
        release();
        return refuseCounted(rt, socket, refusal.http, reason);
      }
      accept(rt, channel, req, socket, head, (ws) => {
        release();
        ws.close(refusal.close ?? code, reason);
      }, release);
    };
    if (!auth.ok) return refuse(rt.model.specwire?.refusal?.unauthenticated ?? { http: 401 }, CloseCode.Unauthenticated, `unauthenticated: ${auth.reason}`);
    let stream: string | undefined;
    if (channel.mode === 'address' && channel.streamKey) {
      stream = params[channel.streamKey]!;
      if (!accessSkipped(rt.faults, 'upgrade') && !authorize(channel.model.access, stream, auth.claims)) {
        return refuse(rt.model.specwire?.refusal?.forbidden ?? { http: 403 }, CloseCode.Forbidden, `forbidden: not allowed to receive ${channel.streamKey} "${stream}"`);
      }
      // An unknown stream is refused like a forbidden one, so that stream ids cannot be probed.
      if (!rt.streamExists(stream)) return refuse(rt.model.specwire?.refusal?.forbidden ?? { http: 403 }, CloseCode.Forbidden, `forbidden: no ${channel.streamKey} "${stream}"`);
    }
    if (!version.ok) return refuse({ close: CloseCode.UnsupportedVersion }, CloseCode.UnsupportedVersion, version.reason.slice(0, 120));
    const lastSeqRaw = url.searchParams.get('lastSeq');
    const lastSeq = lastSeqRaw !== null && /^\d+$/.test(lastSeqRaw) ? Number(lastSeqRaw) : undefined;
    accept(rt, channel, req, socket, head, (ws) => {
      const session = new Session(rt, channel, ws, auth.claims, params, stream, release);
      session.start(lastSeq);
    }, release);
  } catch (err) {
    release();
    rt.logger.error(`${rt.id}: handshake failed: ${(err as Error).stack ?? String(err)}`);
    refuseHttp(socket, 500, 'handshake failed');
  }
}

/**
 * Closures that outlive the handshake (the socket's error listener, the session's `release`) are
 * made outside `handleUpgrade`: one created inside would keep its whole scope — the request with
 * its headers and token, the head buffer — alive for the life of the connection (~4 KiB each).
 */
function destroySocket(this: Duplex): void {
  this.destroy();
}

/** Completes the upgrade; `gone` runs instead of `then` when the client left during the token check. */
function accept(rt: ContractRuntime, channel: ChannelRuntime, req: IncomingMessage, socket: Duplex, head: Buffer, then: (ws: WebSocket) => void, gone: () => void): void {
  if (socket.destroyed) return gone();
  channel.wss.handleUpgrade(req, socket, head, (ws) => {
    try {
      then(ws);
    } catch (err) {
      rt.logger.error(`${rt.id}: accepting a connection failed: ${(err as Error).stack ?? String(err)}`);
      ws.terminate();
    }
  });
}
