/**
 * Redis goes away and comes back: a private, non-persistent `redis-server` on a free port is killed
 * (SIGKILL) under two instances and restarted on the same port. Each instance logs one line when the
 * connection is lost and one when it is restored; a trigger in between answers 503; afterwards
 * delivery resumes across instances and seq continues (Redis came back empty: the floor applies).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../server/index.js';
import { freePort, type RedisChild, requireRedis, startRedisServer } from '../../support/redis.js';
import { closeAll, hook, open_, startServer, token, trigger } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
// The fault test needs the redis-server binary the machine's Redis comes with.
const available = await requireRedis('Redis backplane fault test');
const children: RedisChild[] = [];

afterEach(async () => {
  await closeAll();
  while (children.length) await children.pop()!.kill();
});

/** A logger that keeps its lines and lets a test await one matching a pattern. */
function recordingLogger() {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  const push = (line: string) => {
    lines.push(line);
    for (const w of [...waiters]) w();
  };
  const logger: Logger = { info: (m) => push(`info ${m}`), warn: (m) => push(`warn ${m}`), error: (m) => push(`error ${m}`) };
  const waitFor = (pattern: RegExp, timeoutMs = 15_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = lines.find((l) => pattern.test(l));
        if (!hit) return false;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; got:\n${lines.join('\n')}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  return { lines, logger, waitFor };
}

describe.skipIf(!available)('Redis backplane when Redis dies and comes back', () => {
  it('logs lost/restored once per instance, answers 503 meanwhile, then delivers across instances again', async () => {
    const port = await freePort();
    children.push(await startRedisServer(port));
    const url = `redis://127.0.0.1:${port}`;
    const logA = recordingLogger();
    const logB = recordingLogger();
    // Presence off: the test counts the seqs of its own events.
    const a = await startServer({ contracts: ['taskforge'], redisUrl: url, logger: logA.logger, presence: false });
    const b = await startServer({ contracts: ['taskforge'], redisUrl: url, logger: logB.logger, presence: false });
    const onB = await open_(`${b.url}/realtime?token=${await token('taskforge', ALICE)}`, { protocols: ['taskforge.v1'] });
    onB.send({ type: 'subscribe', teamId: 'team-a' });
    await onB.next((f) => f.type === 'subscribed');
    expect(await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'task created' })).toEqual([1]);
    await onB.next((f) => f.type === 'activity' && f.seq === 1);

    await children.pop()!.kill();
    for (const log of [logA, logB]) expect(await log.waitFor(/redis backplane: connection lost/)).toMatch(/^warn redis backplane: connection lost \(.+\), reconnecting$/);
    const refused = await hook(a, '/trigger', { contract: 'taskforge', event: 'activity', stream: 'team-a', example: 'task created' });
    expect(refused.status).toBe(503);
    expect(refused.json.error).toMatch(/redis backplane unavailable .* event not published/);
    const resetRefused = await hook(a, '/reset', { contract: 'taskforge' });
    expect({ status: resetRefused.status, error: resetRefused.json.error }).toEqual({ status: 503, error: expect.stringMatching(/^reset incomplete: redis backplane unavailable/) });

    children.push(await startRedisServer(port));
    for (const log of [logA, logB]) await log.waitFor(/redis backplane: connection restored/);
    // Redis restarted empty; seq continues from what the instances saw instead of starting at 1 again.
    expect(await trigger(a, 'taskforge', 'activity', 'team-a', { example: 'comment deleted' })).toEqual([2]);
    expect(await onB.next((f) => f.type === 'activity')).toMatchObject({ seq: 2, activity: { type: 'comment.deleted' } });
    expect(onB.closed).toBeUndefined();
    for (const s of [a, b]) expect(await (await fetch(`${s.httpUrl}/metrics`)).text()).toMatch(/^specwire_backplane_reconnects_total 1$/m);
    // Exactly one line each way per instance, however many reconnect attempts it took.
    for (const log of [logA, logB]) {
      expect(log.lines.filter((l) => l.includes('connection lost'))).toHaveLength(1);
      expect(log.lines.filter((l) => l.includes('connection restored'))).toHaveLength(1);
    }
  });

  it('refuses to start, with a clear error, when Redis cannot be reached', async () => {
    const port = await freePort();
    await expect(startServer({ contracts: ['taskforge'], redisUrl: `redis://127.0.0.1:${port}` })).rejects.toThrow(`redis backplane: cannot connect to redis://127.0.0.1:${port}`);
  });
});
