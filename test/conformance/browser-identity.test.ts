/**
 * The runner behaves like a browser client: every handshake and poll carries an `Origin` (the
 * requested URL's own, or `origin` / `--origin`) and a `User-Agent` naming specwire. The server here
 * guards its upgrades the way Django Channels' `AllowedHostsOriginValidator` does: no `Origin`, or
 * one not allowed, is HTTP 403 before the upgrade.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { browserHeaders, lowerCaseHeaders, originOf, originProblem, runnerUserAgent } from '../../conformance/browser-identity.js';
import { ConformanceSetupError, runConformance } from '../../conformance/run-conformance.js';
import { packageVersion } from '../../contract/package-root.js';
import { specwire } from '../support/specwire-cli.js';

const SCENARIOS = resolve(import.meta.dirname, '../fixtures/conformance/browser-identity');

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

interface Seen {
  upgrades: IncomingHttpHeaders[];
  polls: IncomingHttpHeaders[];
  hooks: IncomingHttpHeaders[];
}

/** A taskforge look-alike that refuses upgrades whose Origin is missing or not in `allowed`. */
async function originGuardedServer(allowed: (port: number) => string[]): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { upgrades: [], polls: [], hooks: [] };
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => offered.values().next().value ?? false });
  const http = createServer((req, res) => {
    if (req.url?.startsWith('/hooks/')) {
      seen.hooks.push(req.headers);
      return res.writeHead(204).end();
    }
    seen.polls.push(req.headers);
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no token"}');
  });
  http.on('upgrade', (req, socket, head) => {
    seen.upgrades.push(req.headers);
    if (!req.headers.origin || !allowed(port).includes(req.headers.origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; teamId: string };
        if (frame.type === 'subscribe') ws.send(JSON.stringify({ type: 'subscribed', teamId: frame.teamId, seq: 0 }));
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  closers.push(async () => {
    wss.clients.forEach((c) => c.terminate());
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  return { port, seen };
}

describe('the runner as a browser client', () => {
  it('sends the URL’s own origin and a specwire User-Agent on every handshake, poll and hook call', async () => {
    const { port, seen } = await originGuardedServer((p) => [`http://127.0.0.1:${p}`]);
    const run = await runConformance({ contract: 'taskforge', url: `ws://127.0.0.1:${port}`, hooks: `http://127.0.0.1:${port}/hooks`, jwtSecret: 's', scenarios: SCENARIOS });
    expect(run.scenarios.map((s) => [s.name, s.status, s.failures.map((f) => f.message)])).toEqual([[expect.any(String), 'passed', []]]);
    // The preflight's upgrade, then the scenario's: both as a page of the server's own origin.
    expect(seen.upgrades.map((h) => h.origin)).toEqual([`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}`]);
    expect(seen.polls.map((h) => h.origin)).toEqual([`http://127.0.0.1:${port}`]);
    const ua = `specwire/${packageVersion()} (conformance runner)`;
    for (const h of [...seen.upgrades, ...seen.polls, ...seen.hooks]) expect(h['user-agent']).toBe(ua);
    expect(seen.hooks.length).toBeGreaterThan(0);
  });

  it('sends the given origin instead when told, and the guard that allows only it lets the run pass', async () => {
    const { port, seen } = await originGuardedServer(() => ['https://app.example.com']);
    const run = await runConformance({ contract: 'taskforge', url: `ws://127.0.0.1:${port}`, jwtSecret: 's', scenarios: SCENARIOS, origin: 'https://app.example.com/' });
    expect(run.failed).toBe(0);
    expect(seen.upgrades.map((h) => h.origin)).toEqual(['https://app.example.com', 'https://app.example.com']); // preflight, scenario
    expect(seen.polls.map((h) => h.origin)).toEqual(['https://app.example.com']);
  });

  it('a guard that does not allow the origin refuses the handshake: the failure says HTTP 403', async () => {
    const { port } = await originGuardedServer(() => ['https://app.example.com']);
    const run = await runConformance({ contract: 'taskforge', url: `ws://127.0.0.1:${port}`, jwtSecret: 's', scenarios: SCENARIOS });
    expect(run.scenarios[0]?.failures[0]).toMatchObject({ check: 'handshake', message: expect.stringContaining('HTTP 403') });
  });

  it('refuses an origin that is not one, before connecting to anything', async () => {
    await expect(runConformance({ contract: 'taskforge', url: 'ws://127.0.0.1:9', jwtSecret: 's', scenarios: SCENARIOS, origin: 'https://app.example.com/page' })).rejects.toThrow(ConformanceSetupError);
    await expect(runConformance({ contract: 'taskforge', url: 'ws://127.0.0.1:9', jwtSecret: 's', scenarios: SCENARIOS, origin: 'app.example.com' })).rejects.toThrow(/origin: "app.example.com" has no origin|is not a URL/);
  });

  it('--origin that is not an origin is a usage error (exit 2, no stack trace)', async () => {
    const r = await specwire(['test', '--contract', 'taskforge', '--url', 'ws://127.0.0.1:9', '--jwt-secret', 's', '--origin', 'https://x.example/path']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--origin: "https://x.example/path" is not an origin: use https://x.example');
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('a derived run (a document without scenarios)', () => {
  it('sends the same Origin and User-Agent on every handshake', async () => {
    const upgrades: IncomingHttpHeaders[] = [];
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (_ws, req) => upgrades.push(req.headers));
    await new Promise<void>((done) => wss.once('listening', () => done()));
    closers.push(() => new Promise<void>((done) => wss.close(() => done())));
    const { port } = wss.address() as AddressInfo;
    const kraken = resolve(import.meta.dirname, '../fixtures/third-party/asyncapi-kraken-websocket.yaml');
    await runConformance({ contract: kraken, url: `ws://127.0.0.1:${port}`, derive: { listenMs: 50, runs: 0 }, origin: 'https://app.example.com', timeoutMs: 60_000 });
    expect(upgrades.length).toBeGreaterThan(0);
    expect(new Set(upgrades.map((h) => h.origin))).toEqual(new Set(['https://app.example.com']));
    expect(new Set(upgrades.map((h) => h['user-agent']))).toEqual(new Set([runnerUserAgent()]));
  }, 90_000);
});

describe('browser identity helpers', () => {
  it('maps WebSocket URLs to the origin of a page on the same server', () => {
    expect(originOf('ws://127.0.0.1:8000/ws/game/1/?token=x')).toBe('http://127.0.0.1:8000');
    expect(originOf('wss://party.example.com/ws')).toBe('https://party.example.com');
    expect(originOf('wss://party.example.com:443/ws')).toBe('https://party.example.com');
    expect(originOf('http://localhost:3000/api/x')).toBe('http://localhost:3000');
  });

  it('accepts serialized origins and null, and says why anything else is not one', () => {
    expect(originProblem('https://app.example.com')).toBeUndefined();
    expect(originProblem('http://localhost:8000')).toBeUndefined();
    expect(originProblem('https://app.example.com/')).toBeUndefined();
    expect(originProblem('null')).toBeUndefined();
    expect(originProblem('app.example.com')).toMatch(/not a URL|no origin/);
    expect(originProblem('https://app.example.com/x')).toContain('use https://app.example.com');
  });

  it('default headers are lower case, so a scenario header named Origin in any case replaces them', () => {
    expect(browserHeaders('ws://h:1/x', undefined)).toEqual({ origin: 'http://h:1', 'user-agent': runnerUserAgent() });
    expect({ ...browserHeaders('ws://h:1/x', 'https://a.example'), ...lowerCaseHeaders({ Origin: 'https://evil.example' }) }).toEqual({ origin: 'https://evil.example', 'user-agent': runnerUserAgent() });
    expect(runnerUserAgent()).toMatch(/^specwire\/\d+\.\d+\.\d+/);
  });
});
