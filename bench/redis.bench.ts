/**
 * Cross-instance event latency through the Redis backplane against the in-memory backplane, in one run.
 *
 * - in-memory: one instance; the event is published on its backplane and received by a `ws` client of
 *   that same instance (the best a single process can do).
 * - Redis: two instances on the Redis at 127.0.0.1:6379 (or `REDIS_BENCH_URL`); the event is
 *   published on A's backplane (seq assigned and published in one script) and received by a `ws`
 *   client connected to B.
 *
 * Latency = from the publish call to the client's `message` event, one event in flight at a time.
 * The two paths alternate in blocks so load swings on a shared machine hit both alike; figures are
 * p50/p95/p99 over all samples and the ratio of Redis to in-memory.
 */
import { randomBytes } from 'node:crypto';
import { loadavg, cpus } from 'node:os';
import WebSocket from 'ws';
import { deleteRedisKeys, percentile, withDeadline as deadline } from './support/redis-bench.js';
import { mintToken } from '../protocol/claims.js';
import { InMemoryBackplane, RedisBackplane, type ReferenceServer, silentLogger, startReferenceServer } from '../server/index.js';

const REDIS_URL = process.env.REDIS_BENCH_URL ?? 'redis://127.0.0.1:6379';
const BLOCKS = Number(process.env.REDIS_BENCH_BLOCKS ?? 20);
const PER_BLOCK = Number(process.env.REDIS_BENCH_PER_BLOCK ?? 100);
const SECRET = 'redis-bench-secret';
const USER = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const DEADLINE_MS = 5000;

type Publish = (frame: Record<string, unknown>) => Promise<unknown>;

interface Path {
  label: string;
  publish: Publish;
  client: Receiver;
  samples: number[];
}

export async function run(): Promise<void> {
  out(`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  const closers: (() => Promise<void>)[] = [];
  try {
    const memoryBp = new InMemoryBackplane();
    const memory = await startReferenceServer({ jwtSecret: SECRET, contracts: ['taskforge'], presence: false, logger: silentLogger, backplane: memoryBp });
    closers.push(() => memory.close());
    let redisA: RedisBackplane;
    const keyPrefix = `specwire-bench:${randomBytes(4).toString('hex')}:`;
    try {
      redisA = await RedisBackplane.connect({ url: REDIS_URL, keyPrefix, logger: silentLogger });
    } catch (err) {
      out(`Redis backplane: NOT MEASURED — ${(err as Error).message}`);
      return;
    }
    const a = await startReferenceServer({ jwtSecret: SECRET, contracts: ['taskforge'], presence: false, logger: silentLogger, backplane: redisA });
    closers.push(() => a.close());
    const b = await startReferenceServer({ jwtSecret: SECRET, contracts: ['taskforge'], presence: false, logger: silentLogger, redisUrl: REDIS_URL, redisKeyPrefix: keyPrefix });
    closers.push(() => b.close());
    closers.push(() => deleteRedisKeys(REDIS_URL, keyPrefix));

    const template = exampleFrame();
    let memorySeq = 0;
    const paths: Path[] = [
      {
        label: 'in-memory, one instance (publish → ws client on it)',
        publish: (frame) => memoryBp.publish({ contract: 'taskforge', stream: 'team-a', seq: ++memorySeq, frame: { ...frame, seq: memorySeq } }),
        client: await subscribe(memory),
        samples: [],
      },
      {
        label: 'Redis, two instances (publish on A → ws client on B)',
        publish: (frame) => redisA.publishNext('taskforge', 'team-a', frame),
        client: await subscribe(b),
        samples: [],
      },
    ];
    out(`${BLOCKS} alternating blocks of ${PER_BLOCK} events per path, one event in flight; Redis at ${REDIS_URL}`);
    // Warm-up: connections, JIT, Redis script cache.
    for (const p of paths) for (let i = 0; i < 50; i++) await once(p, template);
    for (let block = 0; block < BLOCKS; block++) {
      for (const p of block % 2 ? [...paths].reverse() : paths) {
        for (let i = 0; i < PER_BLOCK; i++) p.samples.push(await once(p, template));
      }
    }
    out('');
    out('| path | events | p50 | p95 | p99 |');
    out('| --- | ---: | ---: | ---: | ---: |');
    for (const p of paths) out(`| ${p.label} | ${p.samples.length} | ${ms(percentile(p.samples, 50))} | ${ms(percentile(p.samples, 95))} | ${ms(percentile(p.samples, 99))} |`);
    const [mem, red] = paths as [Path, Path];
    out(`| **Redis ÷ in-memory** | | **${(percentile(red.samples, 50) / percentile(mem.samples, 50)).toFixed(1)}×** | **${(percentile(red.samples, 95) / percentile(mem.samples, 95)).toFixed(1)}×** | ${(percentile(red.samples, 99) / percentile(mem.samples, 99)).toFixed(1)}× |`);
    for (const p of paths) p.client.ws.terminate();
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  }
}

/** One publish → receipt, in ms. */
async function once(p: Path, template: Record<string, unknown>): Promise<number> {
  const got = p.client.nextMessage();
  const t0 = performance.now();
  await Promise.all([p.publish({ ...template }), got]);
  return (await got) - t0;
}

interface Receiver {
  ws: WebSocket;
  /** Resolves with the `performance.now()` of the next activity frame. */
  nextMessage(): Promise<number>;
}

async function subscribe(server: ReferenceServer): Promise<Receiver> {
  const token = await mintToken(USER, { secret: SECRET, contract: 'taskforge', variant: 'valid' });
  const ws = new WebSocket(`${server.url}/realtime?token=${token}`, ['taskforge.v1']);
  let waiter: ((t: number) => void) | undefined;
  let subscribed: (() => void) | undefined;
  ws.on('message', (data) => {
    const t = performance.now();
    const type = (JSON.parse(String(data)) as { type: string }).type;
    if (type === 'subscribed') subscribed?.();
    else if (type === 'activity') waiter?.(t);
  });
  await withDeadline(new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject))), 'ws open');
  ws.send(JSON.stringify({ type: 'subscribe', teamId: 'team-a' }));
  await withDeadline(new Promise<void>((resolve) => (subscribed = resolve)), 'subscribed');
  return {
    ws,
    nextMessage: () => withDeadline(new Promise<number>((resolve) => (waiter = resolve)), 'event delivery'),
  };
}

/** A taskforge activity frame without `seq`, as the streams hand it to the backplane. */
function exampleFrame(): Record<string, unknown> {
  return {
    type: 'activity',
    teamId: 'team-a',
    ts: new Date().toISOString(),
    activity: { type: 'task.created', teamId: 'team-a', actorUserId: USER.sub, ts: new Date().toISOString(), data: { task: { id: 'b1c2d3e4-0000-4000-8000-000000000001', teamId: 'team-a', title: 'Bench task' } } },
  };
}




function ms(v: number): string {
  return `${v.toFixed(3)} ms`;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function withDeadline<T>(p: Promise<T>, what: string): Promise<T> {
  return deadline(p, what, DEADLINE_MS);
}
