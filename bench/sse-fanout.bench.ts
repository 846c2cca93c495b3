/**
 * Server-Sent Events against WebSocket on the reference server, in the same run: two server
 * processes serving media-timeline, one with N idle WebSocket viewers of one event, one with N idle
 * SSE streams of the same event (the same code, the same stream core, only the transport differs).
 * Measures memory per idle connection of each and the fan-out throughput of `media:new` bursts,
 * rounds interleaved; prints SSE ÷ WebSocket. Clients in this process count deliveries as cheaply
 * for both (a message event; an SSE event terminator), so the client side costs about the same.
 */
import { request, type ClientRequest } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { mintToken } from '../protocol/claims.js';
import { loadContract } from '../contract/load.js';
import { kib, median, out, SECRET, startServerChild, type ServerChild } from './support/bench-kit.js';

const CONNECTIONS = Number(process.env.SSE_CONNECTIONS ?? 1000);
const BURST = Number(process.env.SSE_BURST ?? 100);
const ROUNDS = Number(process.env.SSE_ROUNDS ?? 5);
const WARM = 100;
const EVENT = 'ev-bench';

type Transport = 'websocket' | 'sse';

interface Fleet {
  transport: Transport;
  server: ServerChild;
  closers: (() => void)[];
  received: number;
  target: number;
  wake?: () => void;
}

export async function run(): Promise<void> {
  const loaded = await loadContract(resolve(import.meta.dirname, '../asyncapi/media-timeline.yaml'));
  if (!loaded.ok) throw new Error('media-timeline does not load');
  const jwt = (await mintToken({ sub: 'b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9', events: [EVENT] }, { secret: SECRET, contract: 'media-timeline' }))!;
  out(`connections: ${CONNECTIONS} per transport, burst: ${BURST} media:new per round, ${ROUNDS} interleaved rounds; load average ${loadavg()[0]!.toFixed(1)}`);
  const fleets: Fleet[] = [];
  try {
    const memory: Record<string, number> = {};
    const rss: Record<string, number> = {};
    for (const transport of ['websocket', 'sse'] as const) {
      const server = await startServerChild('reference-media', loaded.contract);
      const fleet: Fleet = { transport, server, closers: [], received: 0, target: Infinity };
      fleets.push(fleet);
      await connectFleet(fleet, jwt, WARM);
      const before = await server.memory();
      await connectFleet(fleet, jwt, CONNECTIONS - WARM);
      const after = await server.memory();
      const n = CONNECTIONS - WARM;
      memory[transport] = (after.heapUsed + after.external - before.heapUsed - before.external) / n;
      rss[transport] = (after.rss - before.rss) / n;
      out(`${transport}: ${n} more idle connections: ${kib(memory[transport]!)} heap+external and ${kib(rss[transport]!)} RSS per connection`);
    }
    const rates: Record<Transport, number[]> = { websocket: [], sse: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const fleet of round % 2 ? [...fleets].reverse() : fleets) rates[fleet.transport].push(await burst(fleet));
    }
    const ws = median(rates.websocket);
    const sse = median(rates.sse);
    out('');
    out('| transport | deliveries/s (median) | rounds | per idle connection: heap+external | RSS |');
    out('| --- | ---: | ---: | ---: | ---: |');
    out(`| WebSocket | ${Math.round(ws).toLocaleString('en')} | ${rates.websocket.map((r) => Math.round(r / 1000)).join(', ')} k | ${kib(memory.websocket!)} | ${kib(rss.websocket!)} |`);
    out(`| SSE | ${Math.round(sse).toLocaleString('en')} | ${rates.sse.map((r) => Math.round(r / 1000)).join(', ')} k | ${kib(memory.sse!)} | ${kib(rss.sse!)} |`);
    out(`| **SSE ÷ WebSocket** | **${(sse / ws).toFixed(2)}×** | | **${(memory.sse! / memory.websocket!).toFixed(2)}×** | ${(rss.sse! / rss.websocket!).toFixed(2)}× |`);
  } finally {
    for (const f of fleets) {
      for (const close of f.closers) close();
      f.server.stop();
    }
  }
}

async function connectFleet(fleet: Fleet, jwt: string, count: number): Promise<void> {
  const base = fleet.server.url.replace(/^ws/, 'http');
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => (fleet.transport === 'sse' ? openSse(fleet, `${base}/api/sse/events/${EVENT}?token=${jwt}`) : openWs(fleet, `${fleet.server.url}/api/ws/events/${EVENT}?token=${jwt}`))));
  }
}

/** Resolves at the greeting (`connected`); afterwards every message counts as one delivery. */
function openWs(fleet: Fleet, url: string): Promise<void> {
  return new Promise((done, fail) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => fail(new Error('websocket: no greeting within 30 s')), 30_000);
    ws.once('error', fail);
    ws.once('message', () => {
      clearTimeout(timer);
      ws.on('message', () => count(fleet, 1));
      done();
    });
    fleet.closers.push(() => ws.terminate());
  });
}

/** Resolves at the greeting; afterwards every blank line ending an event counts as one delivery. */
function openSse(fleet: Fleet, url: string): Promise<void> {
  return new Promise((done, fail) => {
    let greeted = false;
    let tail = '';
    const timer = setTimeout(() => fail(new Error('sse: no greeting within 30 s')), 30_000);
    const req: ClientRequest = request(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const text = tail + chunk;
        let events = 0;
        for (let at = text.indexOf('\n\n'); at >= 0; at = text.indexOf('\n\n', at + 2)) events++;
        tail = text.endsWith('\n') ? '\n' : '';
        if (!greeted) {
          // retry: and connected end with a blank line each; the greeting is the second.
          if (text.includes('event: connected')) {
            greeted = true;
            clearTimeout(timer);
            done();
          }
          return;
        }
        count(fleet, events);
      });
    });
    req.on('error', fail);
    req.end();
    fleet.closers.push(() => req.destroy());
  });
}

function count(fleet: Fleet, n: number): void {
  fleet.received += n;
  if (fleet.received >= fleet.target) fleet.wake?.();
}

async function burst(fleet: Fleet): Promise<number> {
  fleet.received = 0;
  fleet.target = CONNECTIONS * BURST;
  const started = performance.now();
  const all = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${fleet.transport}: ${fleet.received}/${fleet.target} deliveries after 120 s`)), 120_000);
    fleet.wake = () => {
      clearTimeout(timer);
      done();
    };
  });
  const res = await fetch(`${fleet.server.hooksUrl}/trigger`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ contract: 'media-timeline', event: 'media:new', stream: EVENT, count: BURST }) });
  if (!res.ok) throw new Error(`trigger: ${res.status} ${await res.text()}`);
  await all;
  return fleet.target / ((performance.now() - started) / 1000);
}
