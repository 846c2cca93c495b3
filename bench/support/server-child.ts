/**
 * A server in its own process for the connection benchmarks (its own file-descriptor budget and
 * heap, measured apart from the clients'): `reference` is `startReferenceServer` with the per-IP
 * connection limit lifted (taskforge; `reference-media`: media-timeline); `bare` is a plain `ws` server that answers taskforge's `subscribe` and
 * broadcasts `activity` frames on `POST /trigger {count}` — the raw baseline. Talks to its parent
 * over IPC: sends `{ ready, url, hooksUrl }`, answers `'memory'` with `process.memoryUsage()` after a GC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, startReferenceServer } from '../../server/index.js';

const kind = process.argv[2];
const secret = process.argv[3] ?? 'bench-secret';
/** taskforge's `activity` example payload, stamped like the reference server stamps it. */
const activityExample = JSON.parse(process.argv[4] ?? '{}') as Record<string, unknown>;

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (m) => {
  if (m === 'memory') {
    gc?.();
    gc?.();
    process.send!({ memory: process.memoryUsage() });
  }
});

if (kind === 'reference' || kind === 'reference-media' || kind === 'reference-redis') {
  // `reference-media`: media-timeline, whose streams are served over WebSocket and SSE (bench/sse-fanout.bench.ts).
  // `reference-redis`: taskforge on the Redis backplane of env SPECWIRE_BENCH_REDIS_URL / _PREFIX (bench/instances.bench.ts).
  const contracts = [kind === 'reference-media' ? 'media-timeline' : 'taskforge'];
  const redis = kind === 'reference-redis' ? { redisUrl: process.env.SPECWIRE_BENCH_REDIS_URL, redisKeyPrefix: process.env.SPECWIRE_BENCH_REDIS_PREFIX } : {};
  // Idle benchmark clients send no pings: the idle timeout must outlast a slow run (1 000 connections on a busy machine).
  const server = await startReferenceServer({ port: 0, jwtSecret: secret, hooks: true, presence: false, logger: silentLogger, contracts, limits: { connectionsPerIp: 1_000_000 }, heartbeat: { idleTimeoutMs: 3_600_000 }, ...redis });
  process.send!({ ready: true, url: server.url, hooksUrl: server.hooksUrl });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
} else if (kind === 'bare') {
  const subscribers = new Set<WebSocket>();
  let seq = 0;
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { count = 1, stream = 'team-a' } = JSON.parse(body || '{}') as { count?: number; stream?: string };
      for (let i = 0; i < count; i++) {
        const frame = JSON.stringify({ ...activityExample, teamId: stream, seq: ++seq, ts: new Date().toISOString() });
        for (const ws of subscribers) ws.send(frame);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"published":[]}');
    });
  });
  const wss = new WebSocketServer({ server: http, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; teamId?: string; id?: string };
      if (frame.type === 'subscribe') {
        subscribers.add(ws);
        ws.send(JSON.stringify({ type: 'subscribed', teamId: frame.teamId, seq }));
      } else if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong', id: frame.id, ts: new Date().toISOString() }));
    });
    ws.on('close', () => subscribers.delete(ws));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  process.send!({ ready: true, url: `ws://127.0.0.1:${port}`, hooksUrl: `http://127.0.0.1:${port}` });
  process.on('disconnect', () => process.exit(0));
} else {
  process.stderr.write(`server-child: unknown kind "${kind}" (reference, reference-media or bare)\n`);
  process.exit(2);
}
