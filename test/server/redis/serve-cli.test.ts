/**
 * `specwire serve --redis` as users run it: a real process. A bad URL and an unreachable Redis exit 2
 * with one clear line; with the machine's Redis it serves, `/metrics.json` says `redis` (and `/metrics` lists stream series
 * only with `--metrics-token`), SIGTERM exits 0.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deletePrefix, freePort, REDIS_URL, requireRedis, uniquePrefix } from '../../support/redis.js';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.js';

const ROOT = resolve(import.meta.dirname, '../../..');
// A cold start (tsx + parsing five contracts) takes seconds; busy CI boxes are slower.
const SPAWN_DEADLINE_MS = 90_000;
const available = await requireRedis('specwire serve --redis');
const servers: ServeProcess[] = [];
const prefixes: string[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.kill9();
  while (prefixes.length) await deletePrefix(prefixes.pop()!);
});

function serve(...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/specwire.js', 'serve', '--jwt-secret', 's', '--port', '0', '--contract', 'taskforge', ...args], { cwd: ROOT, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL' }, (err, _stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
  });
}

describe('specwire serve --redis, refused', () => {
  it('exits 2 on a URL that is not redis://', async () => {
    const r = await serve('--redis', 'localhost:6379');
    expect(r).toEqual({ code: 2, stderr: expect.stringContaining('--redis must be a redis:// or rediss:// URL, got "localhost:6379"') });
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_DEADLINE_MS + 5000);

  it('exits 2 with one clear line when Redis cannot be reached', async () => {
    const port = await freePort();
    const r = await serve('--redis', `redis://127.0.0.1:${port}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`redis backplane: cannot connect to redis://127.0.0.1:${port}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_DEADLINE_MS + 5000);
});

describe.skipIf(!available)('specwire serve --redis, running', () => {
  it('serves with backplane redis and exits 0 on SIGTERM', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const server = await startServeProcess(['--jwt-secret', 's', '--contract', 'taskforge', '--redis', REDIS_URL, '--redis-prefix', prefix, '--metrics-token', 'scrape'], { hooks: false, deadlineMs: SPAWN_DEADLINE_MS });
    servers.push(server);
    const { httpUrl } = server;
    const metrics = (await (await fetch(`${httpUrl}/metrics.json`)).json()) as { backplane: string };
    expect(metrics.backplane).toBe('redis');
    expect(await (await fetch(`${httpUrl}/metrics`)).text()).toContain('specwire_backplane_info{backplane="redis"} 1');
    expect(await (await fetch(`${httpUrl}/metrics`, { headers: { authorization: 'Bearer scrape' } })).text()).toContain('# TYPE specwire_stream_subscribers gauge');
    expect(await server.stop()).toBe(0);
  }, SPAWN_DEADLINE_MS + 10_000);
});
