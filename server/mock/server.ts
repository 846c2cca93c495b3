/**
 * `specwire mock`: a WebSocket server for any AsyncAPI 3.0 document, before its backend exists.
 * Routes upgrades to the document's channels (shared template matching and refusals with the
 * reference server), validates inbound frames, answers request/reply, and sends example events on a
 * trigger or a timer. No auth: the mock accepts every client.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { MOCK_HOOKS_PREFIX } from '../../protocol/mock.js';
import { TRIGGER_PATH } from '../../protocol/hooks.js';
import type { ContractModel } from '../../contract/model.js';
import { matchTemplate } from '../core/contract-runtime.js';
import { closeGoingAway, listen, sendJson } from '../core/http.js';
import { type Logger, stderrLogger } from '../core/log.js';
import { refuseHttp } from '../core/upgrade.js';
import { credentialPlace, credentialPresent, describeScheme } from '../../contract/ws-server.js';
import { MockConnection } from './connection.js';
import type { MockFault } from './faults.js';
import { emit, emitCycle } from './emit.js';
import { buildMockPlan, type MockChannel, type MockPlan } from './plan.js';
import { handleTrigger } from './trigger.js';

export interface MockServerOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Send the next server→client example (cycling through all of them) to its channel's connections every this many ms. Default: off. */
  emitEveryMs?: number;
  /** Largest inbound frame in bytes; bigger ones close the connection with 1009. Default 1 MiB. */
  maxPayloadBytes?: number;
  /** How long `close()` waits for clients to acknowledge the 1001 close before terminating them. Default 2000. */
  shutdownGraceMs?: number;
  /** Log sink: one line per inbound frame and per problem. Default: stderr. */
  logger?: Logger;
  /**
   * Refuse an upgrade (HTTP 401) that carries no credential for any security scheme the channel
   * declares, where the credential can travel on an upgrade (query, header, cookie). Presence only:
   * every value is accepted. Default true.
   */
  auth?: boolean;
  /** Test-only: break the mock on purpose (`faults.ts`, the derived-conformance zoo). Default none. */
  faults?: ReadonlySet<MockFault>;
}

export interface MockServer {
  /** WebSocket base URL, e.g. `ws://127.0.0.1:41234`; channel paths are appended to it. */
  url: string;
  httpUrl: string;
  /** `POST <triggerUrl>` sends a server message (protocol/mock.ts). */
  triggerUrl: string;
  port: number;
  plan: MockPlan;
  /** Open connections. */
  connections: ReadonlySet<MockConnection>;
  /** Whether upgrades must carry a credential where the document declares security (`auth` option). */
  auth: boolean;
  /** Stop accepting, close every client with 1001, wait (bounded), release the port. Idempotent. */
  close(): Promise<void>;
}

function route(channels: MockChannel[], pathname: string): { channel: MockChannel; params: Record<string, string> } | undefined {
  for (const channel of channels) {
    const params = matchTemplate(channel, pathname);
    if (params) return { channel, params };
  }
  return undefined;
}

/** Why the upgrade lacks credentials, or undefined when it has one (or the channel needs none the mock can see). */
function missingCredential(channel: MockChannel, request: Parameters<typeof credentialPresent>[1]): string | undefined {
  const checkable = channel.security.filter((s) => credentialPlace(s));
  if (!checkable.length || checkable.some((s) => credentialPresent(s, request))) return undefined;
  return `credentials required: ${checkable.map(describeScheme).join(' or ')}`;
}

export async function startMockServer(model: ContractModel, options: MockServerOptions = {}): Promise<MockServer> {
  const logger = options.logger ?? stderrLogger;
  const plan = buildMockPlan(model);
  const connections = new Set<MockConnection>();
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
  let accepting = true;
  const hooksTrigger = `${MOCK_HOOKS_PREFIX}${TRIGGER_PATH}`;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fail = (err: unknown) => {
      logger.error(`HTTP ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      sendJson(res, 500, { error: 'internal error' });
    };
    if (url.pathname === hooksTrigger) return void handleTrigger(plan, connections, req, res).catch(fail);
    if (route(plan.channels, url.pathname)) return sendJson(res, 426, { error: 'this is a WebSocket endpoint: send an upgrade request' });
    sendJson(res, 404, { error: `nothing at ${url.pathname}` });
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!accepting) return refuseHttp(socket, 503, 'server is shutting down');
    const found = route(plan.channels, url.pathname);
    if (!found) return refuseHttp(socket, 404, `no channel at ${url.pathname} (channels: ${plan.channels.map((c) => c.path).join(', ')})`);
    const missing = options.auth === false ? undefined : missingCredential(found.channel, { query: url.searchParams, headers: req.headers });
    if (missing) {
      logger.info(`refused ${url.pathname}: ${missing}`);
      return refuseHttp(socket, 401, missing);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const crash = () => [...connections].forEach((x) => x.close(1011, 'internal error'));
      const c = new MockConnection(found.channel, found.params, url.pathname, ws, logger, (gone) => connections.delete(gone), options.faults, crash);
      connections.add(c);
      logger.info(`connection ${c.id} on ${url.pathname}`);
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  const { port, httpUrl, wsUrl } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  // Armed once listening: a failed listen must leave no interval keeping the process alive.
  const cycle = emitCycle(plan.channels);
  let next = 0;
  const ticker =
    options.emitEveryMs && cycle.length
      ? setInterval(() => {
          const item = cycle[next++ % cycle.length]!;
          const r = emit(connections, item);
          if (!r.ok) logger.warn(`--emit-every: ${r.error}`);
        }, options.emitEveryMs)
      : undefined;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      accepting = false;
      clearInterval(ticker);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await closeGoingAway([...connections], options.shutdownGraceMs ?? 2000);
      for (const c of [...connections]) c.terminate();
      wss.close();
      server.closeAllConnections();
      await stopped;
    })());

  return { url: wsUrl, httpUrl, triggerUrl: `${httpUrl}${hooksTrigger}`, port, plan, connections, auth: options.auth !== false, close };
}
