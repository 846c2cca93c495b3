/**
 * Faults with real processes: `specwire serve --redis` instances (child processes, port 0) on one
 * Redis, taskforge clients that fail over as the contract tells them to (test/server/redis/follower.ts),
 * and a 1 000-event burst published through one instance while another instance is SIGKILLed, a third
 * one starts mid-run, or Redis itself is SIGKILLed and restarted empty (a private `redis-server`).
 * Every client must end with exactly the published sequence — each seq once, in order, the same frame
 * on every client — or a `resync` answered by the polling snapshot; never a silent gap or duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../../protocol/claims.js';
import { deletePrefix, freePort, REDIS_URL, type RedisChild, requireRedis, startRedisServer, uniquePrefix } from '../../support/redis.js';
import { type ServeProcess, startServeProcess, SERVE_START_DEADLINE_MS } from '../../support/serve-process.js';
import { Follower } from './follower.js';

const SECRET = 'multi-instance-fault-secret';
const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const BURST = 1000;
const CHUNK = 50;
const available = await requireRedis('multi-instance fault tests (processes)');
const processes: ServeProcess[] = [];
const followers: Follower[] = [];
const redisChildren: RedisChild[] = [];
const prefixes: string[] = [];

afterEach(async () => {
  for (const f of followers.splice(0)) f.close();
  await Promise.all(processes.splice(0).map((p) => p.kill9()));
  while (redisChildren.length) await redisChildren.pop()!.kill();
  while (prefixes.length) await deletePrefix(prefixes.pop()!);
});

async function serve(redisUrl: string, prefix: string): Promise<ServeProcess> {
  // Presence off: the clients compare seqs with the events the test published (presence would add its own).
  const p = await startServeProcess(['--jwt-secret', SECRET, '--contract', 'taskforge', '--redis', redisUrl, '--redis-prefix', prefix, '--no-presence']);
  processes.push(p);
  return p;
}

/** POST /trigger of `count` activity events on team-a; the status and the seqs published. */
async function trigger(inst: ServeProcess, count: number): Promise<{ status: number; seqs: number[] }> {
  const res = await fetch(`${inst.hooksUrl}/trigger`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contract: 'taskforge', event: 'activity', stream: 'team-a', example: 'task created', count }),
  });
  const body = (await res.json()) as { published?: { seq: number }[] };
  return { status: res.status, seqs: (body.published ?? []).map((p) => p.seq) };
}

async function follower(name: string, instances: () => (ServeProcess | undefined)[], index: number, lastSeq?: number): Promise<Follower> {
  const token = (await mintToken(ALICE, { secret: SECRET, contract: 'taskforge', variant: 'valid' }))!;
  const f = new Follower(name, instances, token);
  followers.push(f);
  await f.connect(index, lastSeq);
  return f;
}

/** Every follower has every seq 1..last exactly once (or was resynced past it), and all agree on each frame. */
function expectConsistent(all: Follower[], last: number): void {
  for (const f of all) expect({ name: f.name, problems: f.problems }).toEqual({ name: f.name, problems: [] });
  const reference = new Map<number, string>();
  for (const f of all) {
    const seqs = [...f.bySeq.keys()].sort((a, b) => a - b);
    if (!f.resyncs.length) expect({ name: f.name, seqs }).toEqual({ name: f.name, seqs: Array.from({ length: last - f.from }, (_, i) => f.from + i + 1) });
    for (const [seq, frame] of f.bySeq) {
      const json = JSON.stringify(frame);
      const seen = reference.get(seq);
      if (seen === undefined) reference.set(seq, json);
      else expect({ seq, frame: json }).toEqual({ seq, frame: seen });
    }
  }
}

describe.skipIf(!available)('several serve processes on one Redis, under faults', () => {
  it('kill -9 of an instance mid-burst and a third instance started mid-run: every client ends with the published sequence', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const instances: (ServeProcess | undefined)[] = [];
    const list = () => instances;
    [instances[0], instances[1]] = await Promise.all([serve(REDIS_URL, prefix), serve(REDIS_URL, prefix)]);
    const a = instances[0]!;
    const b = instances[1]!;
    const onA = await Promise.all([0, 1].map((i) => follower(`a${i}`, list, 0)));
    const onB = await Promise.all([0, 1, 2, 3].map((i) => follower(`b${i}`, list, 1)));
    const late: Follower[] = [];
    let third: Promise<void> | undefined;
    const published: number[] = [];
    for (let chunk = 0; chunk < BURST / CHUNK; chunk++) {
      const r = await trigger(a, CHUNK);
      expect(r.status).toBe(200);
      published.push(...r.seqs);
      if (chunk === 2) {
        // The third instance starts while the burst goes on; its clients resume from early seqs.
        third = serve(REDIS_URL, prefix).then(async (c) => {
          instances[2] = c;
          late.push(await follower('c-resume-1', list, 2, 1), await follower('c-resume-recent', list, 2, Math.max(0, published.length - 20)));
        });
      }
      if (chunk === 10) {
        await third;
        await b.kill9(); // B's clients see their sockets drop and resume on A or C with lastSeq
      }
    }
    expect(published).toEqual(Array.from({ length: BURST }, (_, i) => i + 1));
    const all = [...onA, ...onB, ...late];
    await Promise.all(all.map((f) => f.waitFor(BURST, 30_000)));
    expectConsistent(all, BURST);
    // B's clients really moved, and the late instance really served some of them.
    for (const f of onB) expect(f.used.length).toBeGreaterThanOrEqual(2);
    expect(all.some((f) => f.used.at(-1) === 2)).toBe(true);
    // Every gap here is within the 500-event history in Redis: replayed, never resync (only the resume
    // from seq 1 may be beyond it, depending on how far the burst got while C started).
    for (const f of [...onA, ...onB, late[1]!]) expect({ name: f.name, resyncs: f.resyncs }).toEqual({ name: f.name, resyncs: [] });
  }, SERVE_START_DEADLINE_MS * 3 + 60_000);

  it('Redis SIGKILLed and restarted empty during a burst: triggers answer 503 meanwhile, then every client ends consistent', async () => {
    const port = await freePort();
    redisChildren.push(await startRedisServer(port));
    const url = `redis://127.0.0.1:${port}`;
    const prefix = uniquePrefix();
    const instances: (ServeProcess | undefined)[] = [];
    const list = () => instances;
    [instances[0], instances[1]] = await Promise.all([serve(url, prefix), serve(url, prefix)]);
    const a = instances[0]!;
    const b = instances[1]!;
    const all = await Promise.all([0, 1, 2, 3].map((i) => follower(`f${i}`, list, i % 2)));
    let last = 0;
    let refused = 0;
    for (let chunk = 0; last < BURST; chunk++) {
      if (chunk === 6) {
        await redisChildren.pop()!.kill();
        await Promise.all([a, b].map((p) => p.waitForLog(/redis backplane: connection lost/)));
        const r = await trigger(a, CHUNK);
        expect(r.status).toBe(503);
        refused++;
        redisChildren.push(await startRedisServer(port));
        await Promise.all([a, b].map((p) => p.waitForLog(/redis backplane: connection restored/)));
      }
      const r = await trigger(a, Math.min(CHUNK, BURST - last));
      expect(r.status).toBe(200);
      expect(r.seqs[0]).toBe(last + 1);
      last = r.seqs.at(-1)!;
    }
    expect(refused).toBe(1);
    await Promise.all(all.map((f) => f.waitFor(BURST, 30_000)));
    expectConsistent(all, BURST);
    // Clients stayed connected to their instance through the Redis restart.
    for (const f of all) expect(f.used).toHaveLength(1);
  }, SERVE_START_DEADLINE_MS * 2 + 60_000);
});
