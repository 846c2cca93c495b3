/**
 * A scenario demands exactly what the contract says (issue #16): where the text allows several
 * behaviours the runner accepts all of them, and reads the thresholds from `x-specwire` instead of
 * hard-coding them. Each policy both ways: a permissive-but-correct server passes, a wrong one fails.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { runConformance } from '../../conformance/run-conformance.js';
import { silentLogger, startReferenceServer } from '../../server/index.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const POLICIES = resolve(import.meta.dirname, '../fixtures/conformance/policies');
const SECRET = 'contract-policies-secret';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A copy of asyncapi/taskforge.yaml (and the shared components) with `edit` applied to its text. */
function taskforgeCopy(edit: (text: string) => string): string {
  const temp: TempFiles = tempFiles();
  cleanups.push(() => temp.remove());
  const file = temp.path('taskforge.yaml');
  mkdirSync(temp.path('common'), { recursive: true });
  copyFileSync(join(ROOT, 'asyncapi/common/components.yaml'), temp.path('common/components.yaml'));
  const text = readFileSync(join(ROOT, 'asyncapi/taskforge.yaml'), 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
  return file;
}

async function referenceServer(contractsDir: string | undefined, badFramesBeforeClose: number) {
  const server = await startReferenceServer({ port: 0, jwtSecret: SECRET, hooks: true, logger: silentLogger, contracts: ['taskforge'], ...(contractsDir ? { contractsDir } : {}), limits: { badFramesBeforeClose } });
  cleanups.push(() => server.close());
  return server;
}

/**
 * A scripted taskforge server for transport-level policies: closes a frame over 1000 bytes with
 * `oversizedClose`, never sends protocol pings (while confirming the test timers it is asked for),
 * answers each `ping`, rate-limits without ever closing, and counts the frames of each connection.
 */
async function scripted(oversizedClose: number) {
  const frames: number[] = [];
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => offered.values().next().value ?? false });
  const http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += String(c)));
    req.on('end', () => {
      if (req.url?.endsWith('/reset') && body.includes('heartbeat')) {
        const asked = (JSON.parse(body) as { heartbeat: Record<string, number> }).heartbeat;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ heartbeat: { pingIntervalMs: 25000, idleTimeoutMs: 60000, ...asked } }));
      } else res.writeHead(req.url?.endsWith('/state') ? 404 : 204).end();
    });
  });
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      const index = frames.push(0) - 1;
      ws.on('message', (data: Buffer) => {
        frames[index]!++;
        if (data.length > 1000) return ws.close(oversizedClose, 'too big');
        // One rate_limited error at the 21st frame (taskforge's messagesPerSecond is 20), never a close.
        if (frames[index] === 21) ws.send(JSON.stringify({ type: 'error', code: 'rate_limited', message: 'slow down' }));
        else ws.send(JSON.stringify({ type: 'pong', id: 'x', ts: new Date().toISOString() }));
      });
    }),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  cleanups.push(async () => {
    for (const c of wss.clients) c.terminate();
    http.closeAllConnections();
    await new Promise<void>((r) => http.close(() => r()));
  });
  const port = (http.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}`, hooks: `http://127.0.0.1:${port}/hooks`, frames };
}

const failuresOf = (r: Awaited<ReturnType<typeof runConformance>>) => r.scenarios.flatMap((s) => s.failures.map((f) => `${f.check}: ${f.message}`));

describe('malformed frames: a 4400 close after the error frames, where malformedFramesBeforeClose allows it', () => {
  it('passes a server that closes right after the 3rd error frame when the contract says 3', async () => {
    const contract = taskforgeCopy((t) => t.replace('malformedFramesBeforeClose: 10', 'malformedFramesBeforeClose: 3'));
    const server = await referenceServer(resolve(contract, '..'), 3);
    const result = await runConformance({ contract, url: server.url, http: server.httpUrl, hooks: server.hooksUrl, jwtSecret: SECRET, grep: 'malformed client frames' });
    expect(failuresOf(result)).toEqual([]);
    expect(result.scenarios).toHaveLength(1);
    expect(result.scenarios[0]!.timeline.some((e) => e.text.startsWith('closed 4400 instead, as the contract allows (x-specwire.limits.malformedFramesBeforeClose: 3)'))).toBe(true);
  });

  it('fails the same server against the shipped taskforge, which keeps a connection open for 10', async () => {
    const server = await referenceServer(undefined, 3);
    const result = await runConformance({ contract: 'taskforge', url: server.url, http: server.httpUrl, hooks: server.hooksUrl, jwtSecret: SECRET, grep: 'malformed client frames' });
    expect(failuresOf(result)).toEqual([expect.stringMatching(/^expect: expected 1 frame\(s\) matching .*still-open.*the connection closed \(4400\)/)]);
  });

  it('fails a server that closes after the 1st malformed frame, even where 3 are allowed', async () => {
    const contract = taskforgeCopy((t) => t.replace('malformedFramesBeforeClose: 10', 'malformedFramesBeforeClose: 3'));
    const server = await referenceServer(resolve(contract, '..'), 1);
    const result = await runConformance({ contract, url: server.url, http: server.httpUrl, hooks: server.hooksUrl, jwtSecret: SECRET, grep: 'malformed client frames' });
    expect(result.scenarios[0]!.status).toBe('failed');
  });
});

describe('oversized frames: 1009 or the contract’s named alternative 4009', () => {
  it.each([1009, 4009])('passes a server closing with %i', async (code) => {
    const server = await scripted(code);
    const result = await runConformance({ contract: 'taskforge', url: server.url, hooks: server.hooks, jwtSecret: SECRET, scenarios: POLICIES, grep: 'oversized' });
    expect(failuresOf(result)).toEqual([]);
  });

  it('fails a server closing with 1011', async () => {
    const server = await scripted(1011);
    const result = await runConformance({ contract: 'taskforge', url: server.url, hooks: server.hooks, jwtSecret: SECRET, scenarios: POLICIES, grep: 'oversized' });
    expect(failuresOf(result)).toEqual([expect.stringMatching(/^expect-close: expected close 1009 or 4009 within \d+ ms, got close 1011/)]);
  });
});

describe('protocol pings: a dead peer is only demanded where heartbeat.protocolPings promises them', () => {
  it('skips the scenario, with the reason, for a contract that does not promise protocol pings', async () => {
    const server = await scripted(1009);
    const contract = taskforgeCopy((t) => t.replace(', protocolPings: true }', ' }'));
    const result = await runConformance({ contract, url: server.url, hooks: server.hooks, jwtSecret: SECRET, scenarios: POLICIES, grep: 'protocol pings' });
    expect(result.scenarios[0]).toMatchObject({ status: 'skipped', skipReason: expect.stringContaining('x-specwire.heartbeat.protocolPings') });
  });

  it('fails a server without protocol pings where the contract promises them', async () => {
    const server = await scripted(1009);
    const result = await runConformance({ contract: 'taskforge', url: server.url, hooks: server.hooks, jwtSecret: SECRET, scenarios: POLICIES, grep: 'protocol pings' });
    expect(failuresOf(result)).toEqual([expect.stringMatching(/^expect-close: expected close 1006 .*got no close/)]);
  });
});

describe('rate limit: the flood sizes come from the contract', () => {
  it.each([
    ['the shipped taskforge (20, closes above 40)', (t: string) => t, [23, 42]],
    ['a copy that closes above 30', (t: string) => t.replace('messagesPerSecondBeforeClose: 40', 'messagesPerSecondBeforeClose: 30'), [23, 32]],
  ] as const)('sends messagesPerSecond + 3, then messagesPerSecondBeforeClose + 2 frames: %s', async (_name, edit, sent) => {
    const server = await scripted(1009);
    const contract = taskforgeCopyOrShipped(edit);
    await runConformance({ contract, url: server.url, hooks: server.hooks, jwtSecret: SECRET, grep: 'rate_limited' });
    // Connections that send nothing are the preflight's probes (before the run, and after a failed scenario).
    expect(server.frames.filter((n) => n > 0)).toEqual([...sent]);
  });
});

function taskforgeCopyOrShipped(edit: (text: string) => string): string {
  const text = readFileSync(join(ROOT, 'asyncapi/taskforge.yaml'), 'utf8');
  return edit(text) === text ? 'taskforge' : taskforgeCopy(edit);
}
