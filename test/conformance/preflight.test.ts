/**
 * Preflight against real sockets: each way a target can be unusable is named (refused, DNS, TLS,
 * timeout, 404 and 401 on the hooks), a refused unauthenticated upgrade counts as reachable, and the
 * wait retries an unreachable target until it comes up.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { preflight, preflightWithWait } from '../../conformance/preflight.js';
import { closeAll, startServer } from '../server/helpers.js';
import { freePort as closedPort } from '../support/free-port.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  await closeAll();
});

async function listen<T extends Server | NetServer>(server: T, port = 0): Promise<{ server: T; port: number }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  closers.push(() => new Promise<void>((done) => {
    sockets.forEach((s) => s.destroy());
    server.close(() => done());
  }));
  return { server, port: (server.address() as { port: number }).port };
}


describe('preflight', () => {
  it('passes against the reference server: WebSocket, HTTP, hooks reset and token hook', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    expect(await preflight({ wsUrls: [server.url, server.url], httpUrl: server.httpUrl, hooksUrl: server.hooksUrl, tokenHookContract: 'taskforge' })).toBeUndefined();
  });

  it('names a refused connection, and that waiting may help', async () => {
    const port = await closedPort();
    const problem = await preflight({ wsUrls: [`ws://127.0.0.1:${port}`] });
    expect(problem).toEqual({ what: `the WebSocket URL ws://127.0.0.1:${port}`, how: 'connection refused (ECONNREFUSED)', unreachable: true });
  });

  it('names a host that does not resolve', async () => {
    const problem = await preflight({ wsUrls: ['ws://specwire-no-such-host.invalid:8000'] });
    expect(problem?.how).toMatch(/^DNS lookup failed \((ENOTFOUND|EAI_AGAIN)\)/);
  });

  it('names a TLS failure (wss:// to a port that does not speak TLS)', async () => {
    const { port } = await listen(createNetServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    const problem = await preflight({ wsUrls: [`wss://127.0.0.1:${port}`] });
    expect(problem?.what).toBe(`the WebSocket URL wss://127.0.0.1:${port}`);
    expect(problem?.how).toMatch(/^TLS (error|handshake failed)/);
  });

  it('waits for a peer that accepts connections but does not answer HTTP, then leaves it to the scenarios (a hostile server fails checks)', async () => {
    const silent = await listen(createNetServer(() => undefined));
    const problem = await preflight({ wsUrls: [`ws://127.0.0.1:${silent.port}`], probeTimeoutMs: 300 });
    expect(problem).toMatchObject({ how: 'no answer within 300 ms (the connection was accepted)', unreachable: true, listening: true });
    const hangsUp = await listen(createNetServer((socket) => socket.destroy()));
    expect(await preflight({ wsUrls: [`ws://127.0.0.1:${hangsUp.port}`] })).toMatchObject({ unreachable: true, listening: true });
    expect(await preflightWithWait({ wsUrls: [`ws://127.0.0.1:${hangsUp.port}`] }, { waitMs: 0 })).toBeUndefined();
  });

  it('takes a refused unauthenticated upgrade (401, 403) and a 404 on the base path as reachable', async () => {
    for (const status of [401, 403, 404]) {
      const { port } = await listen(createHttpServer((_req, res) => res.writeHead(status).end()));
      expect(await preflight({ wsUrls: [`ws://127.0.0.1:${port}`] })).toBeUndefined();
    }
  });

  it('names a hooks path that answers 404 and hooks that answer 401, without waiting for them', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const missing = await preflight({ wsUrls: [server.url], hooksUrl: `${server.httpUrl}/nope` });
    expect(missing).toMatchObject({ what: `the hooks reset POST ${server.httpUrl}/nope/reset`, unreachable: false });
    expect(missing?.how).toMatch(/^answered 404/);
    const { port } = await listen(createHttpServer((_req, res) => res.writeHead(401).end()));
    const refused = await preflight({ wsUrls: [server.url], hooksUrl: `http://127.0.0.1:${port}/__specwire` });
    expect(refused).toMatchObject({ what: `the hooks reset POST http://127.0.0.1:${port}/__specwire/reset`, unreachable: false });
    expect(refused?.how).toMatch(/^answered 401/);
    // A refusal ends the wait at once (a 120 s wait would outlast the test's 60 s deadline).
    expect(await preflightWithWait({ wsUrls: [server.url], hooksUrl: `${server.httpUrl}/nope` }, { waitMs: 120_000 })).toMatchObject({ unreachable: false });
  });

  it('names a token hook that gives no token', async () => {
    const { port } = await listen(createHttpServer((req, res) => res.writeHead(req.url?.endsWith('/token') ? 200 : 204, { 'content-type': 'application/json' }).end(req.url?.endsWith('/token') ? '{}' : undefined)));
    const problem = await preflight({ wsUrls: [`ws://127.0.0.1:${port}`], hooksUrl: `http://127.0.0.1:${port}/h`, tokenHookContract: 'taskforge' });
    expect(problem).toEqual({ what: `the token hook POST http://127.0.0.1:${port}/h/token`, how: 'answered 200 without a "token" string', unreachable: false });
  });

  it('waits for a server that comes up during the wait', async () => {
    const port = await closedPort();
    const waiting = preflightWithWait({ wsUrls: [`ws://127.0.0.1:${port}`], hooksUrl: `http://127.0.0.1:${port}/__specwire` }, { waitMs: 30_000 });
    await startServer({ contracts: ['taskforge'], port });
    expect(await waiting).toBeUndefined();
  });
});
