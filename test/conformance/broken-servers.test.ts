/**
 * The runner against deliberately broken servers written here: it must name the check that catches
 * each fault, exit 1, and finish within its deadlines when the server never answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { planRun } from '../../conformance/plan.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient } from '../../protocol/hooks.js';
import { loadContract } from '../../contract/load.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIOS = resolve(import.meta.dirname, '../fixtures/conformance/broken-server');
const SECRET = 'broken-server-secret';
const contract = await loadContract(resolve(ROOT, 'asyncapi/taskforge.yaml'));
if (!contract.ok) throw new Error('taskforge does not load');
const example = contract.contract.messages.find((m) => m.id === 'activity')!.examples[0]!.payload as Record<string, unknown>;

type Fault = 'seq-gap' | 'garbage' | 'huge' | 'flood' | 'mute';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A taskforge look-alike with one fault; hooks at /hooks. */
async function brokenServer(fault: Fault): Promise<{ port: number }> {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true });
  const http: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/hooks/reset') return res.writeHead(204).end();
      if (req.url === '/hooks/trigger') {
        const { count = 1, stream } = JSON.parse(body) as { count?: number; stream: string };
        const published = [];
        for (let i = 1; i <= count; i++) {
          const seq = fault === 'seq-gap' && i === count ? i + 1 : i; // the last one skips a seq
          published.push({ stream, type: 'activity', seq });
          for (const ws of sockets) ws.send(fault === 'garbage' ? '{"type": "activity", "seq": ' : JSON.stringify({ ...example, teamId: stream, seq, ts: new Date().toISOString() }));
        }
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ published }));
      }
      res.writeHead(404).end();
    });
  });
  http.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { type: string; teamId: string };
        if (frame.type !== 'subscribe' || fault === 'mute') return; // mute: upgraded, then silence
        sockets.add(ws);
        ws.send(JSON.stringify({ type: 'subscribed', teamId: frame.teamId, seq: 0 }));
        if (fault === 'huge') ws.send(JSON.stringify({ type: 'activity', pad: 'x'.repeat(2 << 20) }));
        if (fault === 'flood') {
          const blast = () => {
            if (ws.readyState !== ws.OPEN) return;
            for (let i = 0; i < 500; i++) ws.send('{"type":"pong","ts":"2026-01-01T00:00:00Z"}');
            setImmediate(blast);
          };
          blast();
        }
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  closers.push(async () => {
    for (const ws of wss.clients) ws.terminate();
    await new Promise((r) => http.close(r));
  });
  return { port: (http.address() as AddressInfo).port };
}

async function runAgainst(port: number, grep = 'three triggered') {
  const plan = await planRun({ contracts: ['taskforge'], scenariosDir: SCENARIOS, grep });
  if (!plan.ok) throw new Error(JSON.stringify(plan));
  return runPlan(plan.contracts, {
    wsUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    hooks: createHooksClient(`http://127.0.0.1:${port}/hooks`),
    jwtSecret: SECRET,
    reference: false,
  });
}

describe('runner against broken servers', () => {
  it('names seq-order for a gap in the stream', async () => {
    const { port } = await brokenServer('seq-gap');
    const run = await runAgainst(port);
    expect(run.failed).toBe(1);
    const failure = run.scenarios[0]!.failures.find((f) => f.check === 'seq-order');
    expect(failure?.message).toMatch(/seq 4 after 2 \(gap: 1 event\(s\) missing\)/);
    expect(failure?.client).toBe('alice');
    expect(failure?.step?.kind).toBe('trigger');
    expect(failure?.frame).toMatch(/"seq":4/);
  });

  it('names json-frame for invalid JSON and the CLI exits 1', async () => {
    const { port } = await brokenServer('garbage');
    const { code, stdout } = await cli(['--url', `ws://127.0.0.1:${port}`, '--hooks', `http://127.0.0.1:${port}/hooks`]);
    expect(stdout).toMatch(/json-frame/);
    expect(stdout).toMatch(/not JSON/);
    expect(stdout).toMatch(/deliver-three\.yaml:\d+:\d+/);
    expect(code).toBe(1);
  });

  it('names frame-size for a frame far over the contract limit, without buffering it', async () => {
    const { port } = await brokenServer('huge');
    const run = await runAgainst(port);
    expect(run.scenarios[0]!.failures.map((f) => f.check)).toContain('frame-size');
  });

  it('names frame-flood for an endless stream of frames and stops reading', async () => {
    const { port } = await brokenServer('flood');
    const started = Date.now();
    const run = await runAgainst(port, 'watching a quiet team');
    expect(run.scenarios[0]!.failures.map((f) => f.check)).toContain('frame-flood');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('fails the step, not the run, when an upgraded socket stays silent', async () => {
    const { port } = await brokenServer('mute');
    const run = await runAgainst(port);
    expect(run.scenarios[0]!.failures[0]).toMatchObject({ check: 'expect', client: 'alice', step: { index: 2, kind: 'expect' } });
  });

  it('ends within its deadline when the server never answers the upgrade', async () => {
    const sockets = new Set<Socket>();
    const tcp = createNetServer((s) => sockets.add(s)); // accepts, reads nothing, says nothing
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    closers.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => tcp.close(r));
    });
    const port = (tcp.address() as AddressInfo).port;
    const plan = await planRun({ contracts: ['taskforge'], scenariosDir: SCENARIOS, grep: 'three triggered' });
    if (!plan.ok) throw new Error('plan');
    const started = Date.now();
    const run = await runPlan(plan.contracts, { wsUrl: `ws://127.0.0.1:${port}`, jwtSecret: SECRET, reference: false });
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(run.scenarios[0]!.failures[0]).toMatchObject({ check: 'handshake', client: 'alice' });
    expect(run.scenarios[0]!.failures[0]!.message).toMatch(/no answer within the handshake deadline/);
  });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [resolve(ROOT, 'bin/specwire.js'), 'test', '--contract', 'taskforge', '--scenarios', SCENARIOS, '--jwt-secret', SECRET, '--grep', 'three triggered', '--no-color', ...args], { cwd: ROOT, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
