/**
 * Several instances on one Redis against the in-memory single instance, in one run: 1, 2 and 3
 * `reference-redis` server processes (bench/support/server-child.ts) sharing a Redis key prefix per
 * deployment, and one in-memory `reference` process, each deployment with the same total of
 * subscribed `ws` clients (in this process, spread round-robin over its instances) on one taskforge
 * stream.
 *
 * - Throughput: each round every instance of a deployment publishes its share of BURST events at
 *   once (trigger hook); delivered events/s = BURST × subscribers ÷ the time until every client has
 *   every event. Rounds alternate between deployments so load swings hit all alike; median of rounds.
 * - Latency: one event in flight, triggered on the first instance, timed until a client of the LAST
 *   instance receives it (for one instance: its own client) — publish → deliver across instances,
 *   hook HTTP included alike for every deployment; p50/p99.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import { deleteRedisKeys, percentile, withDeadline as deadline } from './support/redis-bench.js';
import { median, out, realtimeUrl, startServerChild, taskforge, token, type ServerChild } from './support/bench-kit.js';

const REDIS_URL = process.env.REDIS_BENCH_URL ?? 'redis://127.0.0.1:6379';
const SUBSCRIBERS = Number(process.env.INSTANCES_SUBSCRIBERS ?? 200);
const BURST = Number(process.env.INSTANCES_BURST ?? 300);
const ROUNDS = Number(process.env.INSTANCES_ROUNDS ?? 5);
const PINGS = Number(process.env.INSTANCES_PINGS ?? 200);
const DEADLINE_MS = 60_000;

interface Deployment {
  label: string;
  instances: ServerChild[];
  clients: WebSocket[];
  received: number;
  target: number;
  wake?: () => void;
  /** The client whose next event the latency probe waits for (on the last instance). */
  probe: { next?: (t: number) => void };
  rates: number[];
  latencies: number[];
  prefix?: string;
}

export async function run(): Promise<void> {
  out(`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  out(`${SUBSCRIBERS} subscribers per deployment (clients in this process), bursts of ${BURST} events × ${ROUNDS} interleaved rounds, ${PINGS} latency probes; Redis at ${REDIS_URL}`);
  const contract = await taskforge();
  const jwt = await token();
  const deployments: Deployment[] = [];
  try {
    deployments.push(await deploy('in-memory, 1 instance', [await startServerChild('reference', contract)], jwt));
    for (const n of [1, 2, 3]) {
      const prefix = `specwire-bench:${randomBytes(4).toString('hex')}:`;
      process.env.SPECWIRE_BENCH_REDIS_URL = REDIS_URL;
      process.env.SPECWIRE_BENCH_REDIS_PREFIX = prefix;
      const instances: ServerChild[] = [];
      for (let i = 0; i < n; i++) instances.push(await startServerChild('reference-redis', contract));
      const d = await deploy(`Redis, ${n} instance${n > 1 ? 's' : ''}`, instances, jwt);
      d.prefix = prefix;
      deployments.push(d);
    }
    for (const d of deployments) await burst(d, 20); // warm-up: JIT, Redis script cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const d of round % 2 ? [...deployments].reverse() : deployments) d.rates.push(await burst(d, BURST));
    }
    for (let i = 0; i < PINGS; i++) for (const d of deployments) d.latencies.push(await probe(d));

    const base = deployments[0]!;
    const baseRate = median(base.rates);
    out('');
    out('| deployment | delivered events/s (median) | ÷ in-memory | publish → deliver p50 | p99 | p50 ÷ in-memory |');
    out('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const d of deployments) {
      const rate = median(d.rates);
      out(`| ${d.label} | ${Math.round(rate).toLocaleString('en')} | ${(rate / baseRate).toFixed(2)}× | ${ms(percentile(d.latencies, 50))} | ${ms(percentile(d.latencies, 99))} | ${(percentile(d.latencies, 50) / percentile(base.latencies, 50)).toFixed(1)}× |`);
    }
    const r1 = median(deployments[1]!.rates);
    out('');
    out(`Redis scaling: 2 ÷ 1 instance ${(median(deployments[2]!.rates) / r1).toFixed(2)}×, 3 ÷ 1 instance ${(median(deployments[3]!.rates) / r1).toFixed(2)}×`);
  } finally {
    for (const d of deployments) {
      for (const c of d.clients) c.terminate();
      for (const i of d.instances) i.stop();
      if (d.prefix) await deleteRedisKeys(REDIS_URL, d.prefix).catch(() => undefined);
    }
  }
}

async function deploy(label: string, instances: ServerChild[], jwt: string): Promise<Deployment> {
  const d: Deployment = { label, instances, clients: [], received: 0, target: 0, probe: {}, rates: [], latencies: [] };
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const onLast = i === SUBSCRIBERS - 1;
    const inst = onLast ? instances.at(-1)! : instances[i % instances.length]!;
    const ws = new WebSocket(realtimeUrl(inst.url, jwt), ['taskforge.v1']);
    await within(new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject))), 'ws open');
    const acked = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.send(JSON.stringify({ type: 'subscribe', teamId: 'team-a' }));
    await within(acked, 'subscribed');
    ws.on('message', () => {
      if (onLast && d.probe.next) {
        const next = d.probe.next;
        d.probe.next = undefined;
        next(performance.now());
      }
      if (++d.received >= d.target) d.wake?.();
    });
    d.clients.push(ws);
  }
  return d;
}

/** Every instance publishes its share of `events` at once; resolves with delivered events/s. */
async function burst(d: Deployment, events: number): Promise<number> {
  d.received = 0;
  d.target = events * d.clients.length;
  const done = new Promise<void>((resolve) => (d.wake = resolve));
  const t0 = performance.now();
  const shares = d.instances.map((_, i) => Math.floor(events / d.instances.length) + (i < events % d.instances.length ? 1 : 0));
  await Promise.all(d.instances.map((inst, i) => (shares[i]! > 0 ? inst.trigger(shares[i]!) : Promise.resolve())));
  await within(done, `${d.label}: ${d.target} deliveries`);
  return d.target / ((performance.now() - t0) / 1000);
}

/** One event triggered on the first instance, until the probe client on the last instance has it (ms). */
async function probe(d: Deployment): Promise<number> {
  d.received = 0;
  d.target = d.clients.length;
  const done = new Promise<void>((resolve) => (d.wake = resolve));
  const arrived = new Promise<number>((resolve) => (d.probe.next = resolve));
  const t0 = performance.now();
  await d.instances[0]!.trigger(1);
  const t = await within(arrived, `${d.label}: probe`);
  await within(done, `${d.label}: probe fan-out`); // the next probe starts on a quiet deployment
  return t - t0;
}




function ms(v: number): string {
  return `${v.toFixed(2)} ms`;
}

function within<T>(p: Promise<T>, what: string): Promise<T> {
  return deadline(p, what, DEADLINE_MS);
}
