/**
 * Redis for tests: the machine's Redis at 127.0.0.1:6379 (probed once; missing → the suite fails when
 * `CI` is set, is skipped with a visible message otherwise), a unique key prefix per test with its
 * keys deleted afterwards, and a private `redis-server` child on a free port for fault tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Socket } from 'node:net';
import { Redis } from 'ioredis';
export { freePort } from './free-port.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Answers whether a Redis answers PING at host:port within `timeoutMs`. */
export function redisAnswers(port = 6379, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('error', () => finish(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.on('data', (d) => finish(String(d).startsWith('+PONG')));
  });
}

/**
 * True when the suite may run. Throws when `CI` is set and Redis is missing (CI must not pass by
 * skipping); prints why and answers false otherwise.
 */
export async function requireRedis(suite: string): Promise<boolean> {
  if (await redisAnswers()) return true;
  const why = `${suite}: no Redis answers at 127.0.0.1:6379`;
  if (process.env.CI) throw new Error(`${why} (CI is set: Redis is required)`);
  process.stderr.write(`\nSKIPPED ${why} (start redis-server to run it; with CI set this fails)\n\n`);
  return false;
}

/** A key prefix no other test uses. */
export function uniquePrefix(): string {
  return `specwire-test:${randomBytes(5).toString('hex')}:`;
}

/** Deletes every key under `prefix` (call after the servers using it are closed). */
export async function deletePrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}


/** A private, non-persistent `redis-server` child on `port`, resolved once it accepts connections. */
export interface RedisChild {
  port: number;
  url: string;
  /** SIGKILL, resolved once the process exited. */
  kill(): Promise<void>;
}

export async function startRedisServer(port: number, deadlineMs = 10_000): Promise<RedisChild> {
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`redis-server on port ${port} not ready within ${deadlineMs} ms: ${out.slice(-400)}`)), deadlineMs);
    const onData = (d: Buffer) => {
      out += String(d);
      if (/Ready to accept connections/.test(out)) done();
    };
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve();
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += String(d)));
    child.once('error', (err) => fail(new Error(`cannot start redis-server: ${err.message}`)));
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before it was ready: ${out.slice(-400)}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
  };
}
