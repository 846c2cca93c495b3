/**
 * `specwire mock` as a frontend developer runs it: a real process on port 0 that prints its URLs,
 * answers a real `ws` client, and exits 0 on Ctrl-C (closing the client with 1001); a document that
 * does not load exits 2 with file:line:col. Every wait has a deadline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { relative, resolve } from 'node:path';
import { tempFiles, type TempFiles } from '../support/temp-files.js';
import { closeAll, open_ } from '../server/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = 'test/fixtures/mock/greenhouse-controller.yaml';
// A cold start (tsx + parser) takes 2-4 s on an idle machine; CI boxes are slower and busy.
const SPAWN_DEADLINE_MS = 45_000;

const children: ChildProcess[] = [];
let temp: TempFiles | undefined;
afterEach(async () => {
  await closeAll();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  temp?.remove();
  temp = undefined;
});

/** Resolves with the process's stdout once `pattern` appears in it; rejects on exit or deadline. */
function waitForOutput(child: ChildProcess, pattern: RegExp, out: { stdout: string; stderr: string }): Promise<RegExpMatchArray> {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${pattern} within ${SPAWN_DEADLINE_MS} ms; stdout: ${out.stdout}; stderr: ${out.stderr}`)), SPAWN_DEADLINE_MS);
    const check = () => {
      const m = out.stdout.match(pattern);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        done(m);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before ${pattern}; stdout: ${out.stdout}; stderr: ${out.stderr}`));
    });
    check();
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done, fail) => {
    if (child.exitCode !== null) return done(child.exitCode);
    const timer = setTimeout(() => fail(new Error(`did not exit within ${SPAWN_DEADLINE_MS} ms`)), SPAWN_DEADLINE_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

describe('specwire mock (process)', { timeout: 2 * SPAWN_DEADLINE_MS + 5_000 }, () => {
  it('prints its channel URLs, answers a client, and exits 0 on SIGINT after closing clients with 1001', async () => {
    const child = spawn(process.execPath, ['bin/specwire.js', 'mock', FIXTURE, '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    children.push(child);
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (out.stdout += String(d)));
    child.stderr.on('data', (d) => (out.stderr += String(d)));
    await waitForOutput(child, /Ctrl-C to stop\.\n/, out);
    const base = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out.stdout);
    expect(base).not.toBeNull();
    const ws = `ws://127.0.0.1:${base![2]}`;
    expect(out.stdout).toContain(`  ${ws}/v2/sites/{siteId}/zones/{zoneId}/live   (zoneLive)\n    e.g.     ${ws}/v2/sites/north-farm/zones/3/live\n`);
    expect(out.stdout).toContain('    accepts  get_state → replies zone_state\n             set_setpoint → replies setpoint_accepted\n    emits    reading, alarm_raised\n');
    expect(out.stdout).toContain(`curl -X POST ${base![1]}/__specwire/trigger`);

    expect(out.stdout).toContain('    auth     apiKey (query parameter "api_key"): any value (HTTP 401 without)\n');
    const client = await open_(`${ws}/v2/sites/north-farm/zones/3/live?api_key=dev`);
    client.send({ op: 'get_state', request_id: 'from-cli-test' });
    expect(await client.next()).toMatchObject({ op: 'zone_state', request_id: 'from-cli-test' });

    child.kill('SIGINT');
    expect((await client.waitClose(SPAWN_DEADLINE_MS)).code).toBe(1001);
    expect(await exitOf(child)).toBe(0);
    expect(out.stderr).not.toContain('    at ');
    // Not a terminal: plain lines, no colour, no padding (regression: a log padded with hundreds of spaces).
    for (const line of `${out.stdout}${out.stderr}`.split('\n')) {
      expect(line).not.toMatch(/\u001b\[|\r| $| {14,}/);
    }
    expect(out.stderr).toContain('specwire mock: ← /v2/sites/north-farm/zones/3/live: get_state (valid) → zone_state\n');
  });

  it('exits 2 at once when its port is taken, also with --emit-every (regression: the emit ticker kept the process alive)', async () => {
    const busy = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const port = (busy.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, ['bin/specwire.js', 'mock', FIXTURE, '--port', String(port), '--emit-every', '100'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      children.push(child);
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      expect(await exitOf(child)).toBe(2);
      expect(stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
      expect(stderr).not.toContain('    at ');
    } finally {
      busy.close();
    }
  });

  it('exits 2 with file:line:col and no stack trace when the document does not load', async () => {
    temp = tempFiles({ 'broken.yaml': 'asyncapi: 3.0.0\ninfo:\n  title: Broken\n  version: 1.0.0\nchannels:\n  room: { address: /rooms\n' });
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['bin/specwire.js', 'mock', temp!.path('broken.yaml'), '--port', '0'], { cwd: ROOT, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
      );
    });
    expect(run.code).toBe(2);
    // Same line format as `specwire lint`: path relative to the working directory.
    expect(run.stderr.split('\n')[0]).toMatch(/^(\S+):7:1  error  yaml-syntax  /);
    expect(run.stderr.split(':')[0]).toBe(relative(ROOT, temp.path('broken.yaml')));
    expect(run.stderr).toContain('specwire: cannot mock');
    expect(run.stderr).not.toContain('    at ');
    expect(run.stdout).toBe('');
  });
});
