/**
 * The specwire reference server: every contract (or the named ones) on one HTTP port — WebSocket
 * endpoints at their channel addresses, Server-Sent Events and HTTP polling endpoints beside them
 * (CORS for `allowedOrigins`), `/metrics`, and the test
 * hooks under `/__specwire` when enabled. The conformance kit's proof of soundness, the default
 * target of `specwire test --all`, and a mock frontends can develop against.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { DEFAULT_ISSUER } from '../protocol/claims.js';
import { discoverContracts, CONTRACTS_DIR } from '../contract/discover.js';
import { loadContract } from '../contract/load.js';
import type { ContractModel } from '../contract/model.js';
import { adapterFor } from './contracts/registry.js';
import { type Backplane, InMemoryBackplane } from './core/backplane.js';
import { loadCodec } from './core/codec.js';
import { ContractRuntime } from './core/contract-runtime.js';
import { backplaneWithFaults } from './core/fault-injection.js';
import { handleHook, resetRuntime } from './core/hooks.js';
import { closeGoingAway, listen, sendJson } from './core/http.js';
import { stderrLogger } from './core/log.js';
import { answerPreflight, corsHeaders } from './core/cors.js';
import { PrometheusMetrics } from './core/metrics.js';
import { findPollingRoute, handlePoll } from './core/polling.js';
import { RedisBackplane } from './core/redis-backplane.js';
import { findSseRoute, handleSse } from './core/sse.js';
import { findChannel, handleUpgrade } from './core/upgrade.js';
import type { ReferenceServerOptions } from './options.js';

export type { ReferenceServerOptions, LimitOverrides, HeartbeatOverrides } from './options.js';
export type { Backplane, StreamEvent } from './core/backplane.js';
export { InMemoryBackplane, BackplaneUnavailableError } from './core/backplane.js';
export { RedisBackplane, type RedisBackplaneOptions } from './core/redis-backplane.js';
export type { Logger } from './core/log.js';
export { silentLogger, stderrLogger } from './core/log.js';

export interface StreamMetrics {
  subscribers: number;
  seq: number;
  buffered: number;
}

export interface ServerMetrics {
  uptimeSeconds: number;
  backplane: string;
  contracts: Record<string, { connections: number; subscriptions: number; streams: Record<string, StreamMetrics> }>;
}

export interface ReferenceServer {
  /** WebSocket base URL, e.g. `ws://127.0.0.1:41234`; channel addresses are appended to it. */
  url: string;
  /** HTTP base URL of the polling endpoints, `/metrics` (Prometheus) and `/metrics.json`. */
  httpUrl: string;
  /** Base URL of the test hooks, e.g. `http://127.0.0.1:41234/__specwire`; absent unless `hooks` is on. */
  hooksUrl?: string;
  port: number;
  /** Ids of the contracts served. */
  contracts: string[];
  /** Connections and subscription counts per stream, as `GET /metrics.json` answers (with stream ids). */
  metrics(): ServerMetrics;
  /** Graceful shutdown: stop accepting, close every client with 1001, wait (bounded), release the port. Idempotent. */
  close(): Promise<void>;
}

/** Loads the contracts to serve through the one loader; a contract that does not load is an error. */
async function loadContracts(options: ReferenceServerOptions): Promise<ContractModel[]> {
  const files = discoverContracts(options.contractsDir ?? CONTRACTS_DIR);
  const models: ContractModel[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const r = await loadContract(file);
    if (r.ok) models.push(r.contract);
    else problems.push(`${file}: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`).slice(0, 3).join('; ')}`);
  }
  if (!options.contracts) {
    if (problems.length) (options.logger ?? stderrLogger).warn(`skipping contracts that do not load:\n  ${problems.join('\n  ')}`);
    return models;
  }
  const picked: ContractModel[] = [];
  for (const id of options.contracts) {
    const m = models.find((c) => c.id === id);
    if (!m) throw new Error(`unknown contract "${id}" (available: ${models.map((c) => c.id).join(', ') || 'none'})${problems.length ? `; not loadable: ${problems.join('; ')}` : ''}`);
    picked.push(m);
  }
  return picked;
}

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  if (!options.jwtSecret) throw new Error('startReferenceServer: jwtSecret is required');
  const logger = options.logger ?? stderrLogger;
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const secret = new TextEncoder().encode(options.jwtSecret);
  const hooksPrefix = (options.hooksPrefix ?? '/__specwire').replace(/\/+$/, '');
  const models = await loadContracts(options);
  // Generated decoders are the inbound gate: a contract without (fresh) generated code stops the start-up.
  const codecs = await Promise.all(models.map((m) => loadCodec(m, options.generatedDir)));
  const chosen: Backplane =
    options.backplane ??
    (options.redisUrl
      ? await RedisBackplane.connect({ url: options.redisUrl, keyPrefix: options.redisKeyPrefix, logger, catchUp: !options.faults?.has('relay-gap-on-reconnect') })
      : new InMemoryBackplane());
  const backplane = options.faults?.size ? backplaneWithFaults(options.faults, chosen) : chosen;
  const runtimes = models.map((m, i) => new ContractRuntime(m, adapterFor(m), options, backplane, logger, codecs[i]!));
  backplane.onEvent((event) => runtimes.find((r) => r.id === event.contract)?.streams.receive(event));
  backplane.onRemoteReset?.((contract, heartbeat) =>
    runtimes
      .filter((r) => contract === undefined || r.id === contract)
      .forEach((r) => {
        resetRuntime(r);
        r.setHeartbeat(heartbeat);
      }),
  );
  backplane.onRemoteProvision?.((contract, stream, members) => runtimes.find((r) => r.id === contract)?.provision(stream, members));
  // A durable backplane hands over the history it holds before we listen: a late instance can replay.
  if (!options.faults?.has('history-local-only')) await backplane.attach?.(runtimes.map((r) => ({ contract: r.id, replayBuffer: r.limits.replayBuffer })));
  const startedAt = Date.now();
  let accepting = true;

  const metrics = (): ServerMetrics => ({
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    backplane: backplane.name,
    contracts: Object.fromEntries(
      runtimes.map((rt) => {
        const streams = rt.streams.stats();
        const subscriptions = Object.values(streams).reduce((n, s) => n + s.subscribers, 0);
        return [rt.id, { connections: rt.sessions.size, subscriptions, streams }];
      }),
    ),
  });

  const prometheus = new PrometheusMetrics(runtimes, backplane, { hooks: options.hooks ?? false, token: options.metricsToken });
  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/metrics' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': prometheus.contentType, 'cache-control': 'no-store' });
      return void res.end(await prometheus.render(prometheus.showsStreams(req)));
    }
    if (url.pathname === '/metrics.json' && req.method === 'GET') {
      const m = metrics();
      if (!prometheus.showsStreams(req)) for (const c of Object.values(m.contracts)) c.streams = {};
      return sendJson(res, 200, m);
    }
    if (url.pathname === '/healthz') return sendJson(res, accepting ? 200 : 503, { ok: accepting });
    if (url.pathname === hooksPrefix || url.pathname.startsWith(`${hooksPrefix}/`)) {
      if (!options.hooks) return sendJson(res, 404, { error: 'not found' });
      return handleHook({ runtimes, backplane, secret, issuer }, url.pathname.slice(hooksPrefix.length), req, res);
    }
    const poll = findPollingRoute(runtimes, url.pathname);
    const sse = poll ? undefined : findSseRoute(runtimes, url.pathname);
    // Browser pages on other origins read these two with fetch and EventSource: CORS applies.
    if ((poll || sse) && req.method === 'OPTIONS') return answerPreflight(req, res, (poll ?? sse)!.rt.allowedOrigins);
    if (poll) {
      for (const [k, v] of Object.entries(corsHeaders(req, poll.rt.allowedOrigins))) res.setHeader(k, v);
      return handlePoll(poll, req, res, url, secret, issuer);
    }
    if (sse) {
      if (!accepting) return sendJson(res, 503, { error: 'server is shutting down' });
      return handleSse(sse, req, res, url, secret, issuer);
    }
    if (findChannel(runtimes, url.pathname)) return sendJson(res, 426, { error: 'this is a WebSocket endpoint: send an upgrade request' });
    sendJson(res, 404, { error: `nothing at ${url.pathname}` });
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      logger.error(`HTTP ${req.method} ${req.url}: ${(err as Error).stack ?? String(err)}`);
      sendJson(res, 500, { error: 'internal error' });
    });
  });
  server.on('upgrade', (req, socket, head) => {
    handleUpgrade({ runtimes, secret, issuer, accepting: () => accepting }, req, socket, head).catch((err) => {
      logger.error(`upgrade ${req.url}: ${(err as Error).stack ?? String(err)}`);
      socket.destroy();
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  // Two sweeps per contract instead of timers per connection: protocol pings (a socket that did not
  // pong since the last sweep is dead) and the idle timeout, checked every tenth of it (at most 1 s)
  // so a silent connection is closed within 10 % after its timeout, never before. A test-hooks reset
  // may change the timers: the sweeps are re-armed then.
  const sweeps = new Map<ContractRuntime, NodeJS.Timeout[]>();
  const armSweeps = (rt: ContractRuntime) => {
    sweeps.get(rt)?.forEach(clearInterval);
    if (!accepting) return;
    const ping = setInterval(() => {
      for (const s of rt.sessions) s.protocolPing();
    }, rt.heartbeat.pingIntervalMs);
    const idle = setInterval(() => {
      const now = Date.now();
      for (const s of rt.sessions) s.idleCheck(now);
    }, idleSweepPeriodMs(rt.heartbeat.idleTimeoutMs));
    ping.unref();
    idle.unref();
    // SSE: a `: ping` comment per stream at its channel's interval (a reset may shorten it).
    const comments = rt.sseChannels.map((c) => {
      const t = setInterval(() => {
        for (const s of c.sessions) s.heartbeat();
      }, rt.sseHeartbeatMs(c));
      t.unref();
      return t;
    });
    sweeps.set(rt, [ping, idle, ...comments]);
  };
  for (const rt of runtimes) {
    armSweeps(rt);
    rt.onHeartbeatChange = () => armSweeps(rt);
  }

  const { port, httpUrl, wsUrl } = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1').catch(async (err: unknown) => {
    for (const ts of sweeps.values()) ts.forEach(clearInterval);
    await backplane.close();
    throw err;
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      accepting = false;
      for (const ts of sweeps.values()) ts.forEach(clearInterval);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await closeGoingAway(runtimes.flatMap((rt) => [...rt.sessions]), options.shutdownGraceMs ?? 2000);
      for (const rt of runtimes) for (const s of [...rt.sessions]) s.terminate();
      for (const rt of runtimes) {
        rt.reset();
        for (const c of rt.channels) c.wss.close();
      }
      server.closeAllConnections();
      await stopped;
      await backplane.close();
    })());

  logger.info(`serving ${runtimes.map((r) => r.id).join(', ')} on ${httpUrl}${options.hooks ? ` (test hooks at ${httpUrl}${hooksPrefix})` : ''}`);
  return {
    url: wsUrl,
    httpUrl,
    ...(options.hooks ? { hooksUrl: `${httpUrl}${hooksPrefix}` } : {}),
    port,
    contracts: runtimes.map((r) => r.id),
    metrics,
    close,
  };
}

/** How often the idle sweep runs: a tenth of the timeout, between 50 ms and 1 s. */
function idleSweepPeriodMs(idleTimeoutMs: number): number {
  return Math.min(1000, Math.max(50, Math.floor(idleTimeoutMs / 10)));
}
