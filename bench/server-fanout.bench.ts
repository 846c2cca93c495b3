/**
 * The reference server against a bare `ws` server in the same run, each in its own process with
 * the same 1 000 subscribed `ws` clients in this one: fan-out throughput of taskforge `activity`
 * bursts to the 1 000 subscribers of one stream (target ≥ 0.8× the bare broadcast) and memory per
 * idle subscribed connection (target ≤ 1.5× the bare server's). The bare server sends the same
 * frames (the contract's example, stamped with seq and ts) with `for (ws of subscribers) ws.send()`.
 */
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import { kib, median, out, realtimeUrl, startServerChild, taskforge, token, type ServerChild } from './support/bench-kit.js';

const SUBSCRIBERS = Number(process.env.FANOUT_SUBSCRIBERS ?? 1000);
const BURST = Number(process.env.FANOUT_BURST ?? 100);
const ROUNDS = Number(process.env.FANOUT_ROUNDS ?? 7);
const WARM = 100;

interface Fleet {
  server: ServerChild;
  clients: WebSocket[];
  received: number;
  /** Deliveries the current burst waits for. */
  target: number;
  wake?: () => void;
}

export async function run(): Promise<void> {
  const contract = await taskforge();
  const jwt = await token();
  out(`subscribers: ${SUBSCRIBERS}, burst: ${BURST} events per round, ${ROUNDS} interleaved rounds; load average ${loadavg()[0]!.toFixed(1)}`);
  const fleets: Fleet[] = [];
  try {
    const memory: Record<string, number> = {};
    const rss: Record<string, number> = {};
    for (const kind of ['reference', 'bare'] as const) {
      const server = await startServerChild(kind, contract);
      const fleet: Fleet = { server, clients: [], received: 0, target: Infinity };
      fleets.push(fleet);
      // The first connections warm the server up (validators, JIT): measure from there on.
      await connectFleet(fleet, jwt, WARM);
      const before = await server.memory();
      await connectFleet(fleet, jwt, SUBSCRIBERS - WARM);
      const after = await server.memory();
      const n = SUBSCRIBERS - WARM;
      memory[kind] = (after.heapUsed + after.external - before.heapUsed - before.external) / n;
      rss[kind] = (after.rss - before.rss) / n;
      out(`${kind}: ${n} more idle subscribed connections: ${kib(memory[kind]!)} heap+external and ${kib(rss[kind]!)} RSS per connection`);
    }
    const rates: Record<string, number[]> = { reference: [], bare: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const fleet of round % 2 ? [...fleets].reverse() : fleets) rates[fleet.server.kind]!.push(await burst(fleet));
    }
    const ref = median(rates.reference!);
    const bare = median(rates.bare!);
    out('');
    out('| server | deliveries/s (median) | rounds | per idle connection: heap+external | RSS |');
    out('| --- | ---: | ---: | ---: | ---: |');
    out(`| reference server | ${Math.round(ref).toLocaleString('en')} | ${rates.reference!.map((r) => Math.round(r / 1000)).join(', ')} k | ${kib(memory.reference!)} | ${kib(rss.reference!)} |`);
    out(`| bare ws broadcast | ${Math.round(bare).toLocaleString('en')} | ${rates.bare!.map((r) => Math.round(r / 1000)).join(', ')} k | ${kib(memory.bare!)} | ${kib(rss.bare!)} |`);
    out(`| **reference ÷ bare** | **${(ref / bare).toFixed(2)}×** (target ≥ 0.8×) | | **${(memory.reference! / memory.bare!).toFixed(2)}×** (target ≤ 1.5×) | ${(rss.reference! / rss.bare!).toFixed(2)}× |`);
  } finally {
    for (const f of fleets) {
      for (const c of f.clients) c.terminate();
      f.server.stop();
    }
  }
}

async function connectFleet(fleet: Fleet, jwt: string, count: number): Promise<void> {
  const url = realtimeUrl(fleet.server.url, jwt);
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, () =>
        new Promise<void>((done, fail) => {
          const ws = new WebSocket(url, ['taskforge.v1'], { perMessageDeflate: false });
          const timer = setTimeout(() => fail(new Error(`${fleet.server.kind}: subscribe timed out`)), 30_000);
          ws.once('error', fail);
          ws.once('open', () => ws.send(JSON.stringify({ type: 'subscribe', teamId: 'team-a' })));
          ws.once('message', () => {
            clearTimeout(timer);
            // After the ack, count frames only: the client side costs the same for both servers.
            ws.on('message', () => {
              if (++fleet.received >= fleet.target) fleet.wake?.();
            });
            done();
          });
          fleet.clients.push(ws);
        }),
      ),
    );
  }
}

/** One burst: trigger `BURST` events, wait until every subscriber has all of them; deliveries per second. */
async function burst(fleet: Fleet): Promise<number> {
  fleet.received = 0;
  fleet.target = SUBSCRIBERS * BURST;
  const started = performance.now();
  const all = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${fleet.server.kind}: ${fleet.received}/${fleet.target} deliveries after 120 s`)), 120_000);
    fleet.wake = () => {
      clearTimeout(timer);
      done();
    };
  });
  await fleet.server.trigger(BURST);
  await all;
  return fleet.target / ((performance.now() - started) / 1000);
}
