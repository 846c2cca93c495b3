/**
 * A server that dies in the middle of a run is reported once — "the server stopped answering after
 * scenario N" — the remaining scenarios are skipped, and the run exits 1; its death is not a column
 * of identical contract failures. The server (`specwire serve`, its own process) is killed by the
 * run's own driver as the second scenario resets it, so the moment of death is exact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SPAWN_DEADLINE_MS, specwire } from '../support/specwire-cli.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';

const SECRET = 'server-stopped-secret';
/** The hooks over HTTP, except that the third reset (preflight, scenario 1, scenario 2) first kills the server and waits until it refuses connections. */
const DRIVER = `
const hooks = process.env.TEST_HOOKS_URL;
const pid = Number(process.env.TEST_SERVER_PID);
let resets = 0;
async function post(path, body, signal) {
  const res = await fetch(hooks + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}), signal });
  const text = await res.text();
  if (res.status >= 300) throw new Error('POST ' + path + ' answered ' + res.status);
  return text ? JSON.parse(text) : undefined;
}
async function gone() {
  const deadline = Date.now() + 20000;
  for (;;) {
    try { await fetch(hooks + '/reset', { method: 'POST', body: '{}' }); } catch { return; }
    if (Date.now() > deadline) throw new Error('the server did not die');
    await new Promise((r) => setTimeout(r, 50));
  }
}
export default {
  async reset(signal, request) {
    if (++resets === 3) { process.kill(pid, 'SIGKILL'); await gone(); }
    return post('/reset', request, signal);
  },
  trigger: (request, signal) => post('/trigger', request, signal),
  state: (request, signal) => post('/state', request, signal),
};
`;

let server: ChildProcess;
let base: { ws: string; hooks: string };
let files: TempFiles;

beforeAll(async () => {
  files = tempFiles({ 'driver.mjs': DRIVER });
  server = spawn(process.execPath, [join(ROOT, 'bin/specwire.js'), 'serve', '--hooks', '--port', '0', '--contract', 'taskforge', '--jwt-secret', SECRET], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve did not report its address: ${out}`)), SPAWN_DEADLINE_MS);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /\(ws: (ws:\/\/\S+)\), hooks at (\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      done({ ws: m[1]!, hooks: m[2]! });
    });
  });
});

afterAll(async () => {
  files?.remove();
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGKILL');
    await exited;
  }
});

describe('a server that stops answering mid-run', () => {
  it('is reported once, after the last scenario it served; the rest are skipped; exit 1', async () => {
    const r = await specwire(
      ['test', '--contract', 'taskforge', '--tag', 'auth', '--url', base.ws, '--driver', files.path('driver.mjs'), '--jwt-secret', SECRET, '--reporter', 'console,json', '--out', files.path('out')],
      {},
      { TEST_HOOKS_URL: base.hooks, TEST_SERVER_PID: String(server.pid) },
    );
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(readFileSync(files.path('out/specwire-report.json'), 'utf8')) as { serverStopped?: { afterScenario: number; message: string }; scenarios: { name: string; status: string }[] };
    expect(report.scenarios.map((s) => s.status)).toEqual(['passed', 'skipped', 'skipped']);
    expect(report.serverStopped?.afterScenario).toBe(1);
    const sentence = `the server stopped answering after scenario 1 (taskforge › ${report.scenarios[0]!.name}): the WebSocket URL ${base.ws}: connection refused (ECONNREFUSED); the remaining scenarios were skipped.`;
    expect(report.serverStopped?.message).toBe(sentence);
    expect(r.stdout.split(sentence)).toHaveLength(2); // printed once
    expect(r.stdout).toMatch(/1 passed, 0 failed, 2 skipped \(the server stopped answering\)/);
    expect(r.stdout).not.toContain('reproduce:');
  });
});
