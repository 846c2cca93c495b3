/**
 * A loopback proxy between a client under test and a real server, for the faults a network or a
 * broken server produces: refuse WebSocket upgrades while plain HTTP (polling, SSE) still passes, or
 * refuse event streams too, kill
 * every connection abruptly, go silent without closing, and rewrite frames or the upgrade URL on
 * the way (a server that ignores resume, one that replays twice). Binds port 0; close it in the test.
 */
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';

export interface ProxyFaults {
  /** Answer upgrades with 503 (the WebSocket path is blocked); HTTP still passes. */
  blockUpgrades?: boolean;
  /** Answer requests for an event stream (`Accept: text/event-stream`) with 502: SSE blocked too. */
  blockEventStreams?: boolean;
  /** Forward nothing in either direction and answer nothing; sockets stay open (a silent dead peer). */
  silent?: boolean;
  /** Rewrites the upgrade URL's path + query before it goes upstream. */
  rewriteUrl?: (pathAndQuery: string) => string;
  /** Client → server frame: return the text to forward, or undefined to drop it. */
  clientFrame?: (text: string) => string | undefined;
  /** Server → client frame: return the texts to forward (none, the same, or several). */
  serverFrame?: (text: string) => string[];
}

/** Files the proxy serves itself (a page under test, same origin as the WebSocket and polling). */
export type StaticFiles = Record<string, { type: string; body: string | Buffer }>;

export interface FaultProxy {
  /** `ws://127.0.0.1:PORT` */
  url: string;
  httpUrl: string;
  faults: ProxyFaults;
  /** Upgrades accepted so far (a client that reconnected shows up here). */
  readonly upgrades: number;
  /** Upgrades refused while blocked. */
  readonly refused: number;
  /** Open client-side sockets. */
  readonly open: number;
  /** Event streams (SSE) forwarded so far. */
  readonly eventStreams: number;
  /** Destroys every proxied connection's TCP sockets at once (no close frame): an abrupt drop. */
  killAll(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { url: string; httpUrl: string }, faults: ProxyFaults = {}, files: StaticFiles = {}): Promise<FaultProxy> {
  const pairs = new Set<{ client: WebSocket; upstream: WebSocket }>();
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols, req) => (req as IncomingMessage & { chosen?: string }).chosen ?? false });
  let upgrades = 0;
  let refused = 0;
  let eventStreams = 0;
  /** Open SSE responses, so `killAll` drops them too. */
  const streams = new Set<{ destroy(): void }>();
  const target80 = new URL(target.httpUrl);

  const server: Server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (file && req.method === 'GET') {
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
      return void res.end(file.body);
    }
    const isStream = String(req.headers.accept ?? '').includes('text/event-stream');
    if (isStream && proxy.faults.blockEventStreams) return void res.writeHead(502, { 'content-length': '0' }).end();
    if (isStream) {
      eventStreams++;
      const handle = { destroy: () => res.destroy() };
      streams.add(handle);
      res.on('close', () => streams.delete(handle));
    }
    // Plain HTTP (polling endpoints, hooks, event streams) is forwarded as is.
    const upstream = request({ host: target80.hostname, port: target80.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  const refuse = (socket: Duplex, status: number) => {
    socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req: IncomingMessage & { chosen?: string }, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (proxy.faults.blockUpgrades) {
      refused++;
      return refuse(socket, 503);
    }
    const pathAndQuery = proxy.faults.rewriteUrl ? proxy.faults.rewriteUrl(req.url ?? '/') : (req.url ?? '/');
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    const upstream = new WebSocket(`${target.url}${pathAndQuery}`, protocols);
    const early: WebSocket.RawData[] = [];
    upstream.on('message', (data) => early.push(data));
    upstream.on('unexpected-response', (_r, res) => {
      refuse(socket, res.statusCode ?? 502);
      upstream.terminate();
    });
    upstream.on('error', () => {
      if (!socket.destroyed) refuse(socket, 502);
    });
    upstream.on('open', () => {
      upgrades++;
      req.chosen = upstream.protocol || undefined;
      wss.handleUpgrade(req, socket, head, (client) => {
        const pair = { client, upstream };
        pairs.add(pair);
        const toClient = (data: WebSocket.RawData) => {
          if (proxy.faults.silent || client.readyState !== WebSocket.OPEN) return;
          const text = String(data);
          for (const out of proxy.faults.serverFrame ? proxy.faults.serverFrame(text) : [text]) client.send(out);
        };
        upstream.removeAllListeners('message');
        upstream.on('message', toClient);
        for (const data of early.splice(0)) toClient(data);
        client.on('message', (data) => {
          if (proxy.faults.silent || upstream.readyState !== WebSocket.OPEN) return;
          const text = proxy.faults.clientFrame ? proxy.faults.clientFrame(String(data)) : String(data);
          if (text !== undefined) upstream.send(text);
        });
        const end = () => {
          pairs.delete(pair);
          client.terminate();
          upstream.terminate();
        };
        client.on('close', end);
        upstream.on('close', (code, reason) => {
          pairs.delete(pair);
          if (client.readyState === WebSocket.OPEN) client.close(code === 1005 || code === 1006 ? 1011 : code, reason);
        });
        client.on('error', end);
        upstream.on('error', end);
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const proxy: FaultProxy = {
    url: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    faults,
    get upgrades() {
      return upgrades;
    },
    get refused() {
      return refused;
    },
    get open() {
      return pairs.size;
    },
    get eventStreams() {
      return eventStreams;
    },
    killAll() {
      for (const s of [...streams]) s.destroy();
      streams.clear();
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.terminate();
        pair.upstream.terminate();
      }
    },
    async close() {
      proxy.killAll();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
