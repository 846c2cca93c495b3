/**
 * The conformance runner's own costs, against the reference server in a child process:
 *
 * 1. capacity — one runner process opens `TestConnection`s (the runner's connection class, every
 *    always-on check wired in) in batches of 250 until `RUNNER_CONNECTIONS` (default 10 000) are
 *    open or one fails, proves each alive with an application ping/pong, and reports memory per
 *    connection in this process (and in the server's);
 * 2. per-message overhead — a burst of `activity` events to one subscribed connection, received by
 *    the runner (classify, all frame checks, inbox, timeline) and by a bare `ws` client
 *    (`JSON.parse` and a counter), interleaved rounds after one warm-up each; this process's CPU time per frame, and the ratio.
 */
import { execSync } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { FRAME_CHECKS } from '../conformance/checks/registry.js';
import { TestConnection } from '../conformance/connection.js';
import { ConnectionState } from '../conformance/connection-state.js';
import { ContractView } from '../conformance/contract-view.js';
import { kib, median, mib, out, realtimeUrl, startServerChild, taskforge, token, USER } from './support/bench-kit.js';

const TARGET = Number(process.env.RUNNER_CONNECTIONS ?? 10_000);
const BATCH = 250;
const BURST = Number(process.env.RUNNER_BURST ?? 5000);
const ROUNDS = Number(process.env.RUNNER_ROUNDS ?? 5);
/** A full GC before each memory reading, with or without `node --expose-gc`. */
const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString('--expose-gc'), runInNewContext('gc') as () => void);

export async function run(): Promise<void> {
  const contract = await taskforge();
  const view = new ContractView(contract);
  const channel = view.channel(undefined)!;
  const jwt = await token();
  const fdLimit = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
  out(`file descriptors per process: ${fdLimit} (soft = hard on this machine, so the bench cannot raise it; server and runner are separate processes); load average ${loadavg()[0]!.toFixed(1)}`);
  const server = await startServerChild('reference', contract);
  const ac = new AbortController();
  // Every pending handshake listens on it: thousands of listeners are expected.
  setMaxListeners(0, ac.signal);
  const timeline: { t: number; client: string; dir: 'sent' | 'received' | 'note'; text: string }[] = [];
  const failures: string[] = [];
  const hooks = {
    onFrame(conn: TestConnection, frame: Parameters<(typeof FRAME_CHECKS)[number]['check']>[0]) {
      const ctx = { contract: view, channel: conn.state.channel, conn: conn.state, now: Date.now(), clockSkewMs: 2000 };
      for (const check of FRAME_CHECKS) {
        const finding = check.check(frame, ctx);
        if (finding && failures.length < 5) failures.push(`${check.id}: ${finding.message}`);
      }
      conn.state.observeReceived(frame);
    },
    onTransportError: (_c: TestConnection, check: string, message: string) => void failures.push(`${check}: ${message}`),
    timeline,
    startedAt: Date.now(),
  };
  const open = (name: string) => {
    const conn = new TestConnection(name, new ConnectionState(channel, USER), hooks);
    return conn
      .open(realtimeUrl(server.url, jwt), { protocols: ['taskforge.v1'], headers: {}, timeoutMs: 30_000, maxPayload: 1 << 20, maxFrames: 10_000, maxBytes: 32 << 20, signal: ac.signal })
      .then((o) => ({ conn, ok: o.kind === 'open', outcome: o }));
  };
  const conns: TestConnection[] = [];
  try {
    // 1. capacity
    gc();
    const before = process.memoryUsage();
    const serverBefore = await server.memory();
    const started = performance.now();
    let stopped = '';
    while (conns.length < TARGET && !stopped) {
      const batch = await Promise.all(Array.from({ length: Math.min(BATCH, TARGET - conns.length) }, (_, i) => open(`c${conns.length + i}`)));
      for (const b of batch) if (b.ok) conns.push(b.conn);
      const bad = batch.find((b) => !b.ok);
      if (bad) stopped = `stopped at a failed handshake: ${JSON.stringify(bad.outcome)}`;
    }
    const openMs = performance.now() - started;
    const pingStarted = performance.now();
    for (const c of conns) c.send(JSON.stringify({ type: 'ping', id: 'alive' }));
    const alive = await Promise.all(conns.map((c) => c.waitUntil(() => (c.inbox.some((i) => i.frame.type === 'pong') ? true : undefined), 60_000, ac.signal)));
    const pingMs = performance.now() - pingStarted;
    gc();
    const after = process.memoryUsage();
    const serverAfter = await server.memory();
    const n = conns.length;
    out('');
    out(`| connections held by one runner process | ${n.toLocaleString('en')} of ${TARGET.toLocaleString('en')}${stopped ? ` (${stopped})` : ''} |`);
    out('| --- | --- |');
    out(`| opened in | ${(openMs / 1000).toFixed(1)} s (batches of ${BATCH}) |`);
    out(`| alive (ping → pong on every one) | ${alive.filter(Boolean).length.toLocaleString('en')} in ${(pingMs / 1000).toFixed(1)} s |`);
    out(`| runner memory per connection | ${kib((after.heapUsed + after.external - before.heapUsed - before.external) / n)} heap+external, ${kib((after.rss - before.rss) / n)} RSS (total RSS ${mib(after.rss)}) |`);
    out(`| reference server memory per connection | ${kib((serverAfter.heapUsed + serverAfter.external - serverBefore.heapUsed - serverBefore.external) / n)} heap+external, ${kib((serverAfter.rss - serverBefore.rss) / n)} RSS (total RSS ${mib(serverAfter.rss)}) |`);
    out(`| check failures | ${failures.length ? failures.join('; ') : 'none'} |`);
    for (const c of conns) c.terminate();
    conns.length = 0;
    timeline.length = 0;

    // 2. per-message overhead
    const cpu: Record<'runner' | 'bare', number[]> = { runner: [], bare: [] };
    // One untimed round each: the first burst pays for JIT and validator warm-up.
    await runnerBurst(open, server.trigger);
    await bareBurst(server.url, jwt, server.trigger);
    timeline.length = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 ? (['bare', 'runner'] as const) : (['runner', 'bare'] as const)) {
        cpu[kind].push(kind === 'runner' ? await runnerBurst(open, server.trigger) : await bareBurst(server.url, jwt, server.trigger));
        timeline.length = 0;
      }
    }
    const r = median(cpu.runner);
    const b = median(cpu.bare);
    out('');
    out(`| receiving a burst of ${BURST} activity frames (this process's CPU per frame, median of ${ROUNDS}) | µs/frame |`);
    out('| --- | ---: |');
    out(`| runner: classify + ${FRAME_CHECKS.length} always-on checks + inbox + timeline | ${r.toFixed(1)} (rounds: ${cpu.runner.map((x) => x.toFixed(0)).join(', ')}) |`);
    out(`| bare ws client: JSON.parse + count | ${b.toFixed(1)} (rounds: ${cpu.bare.map((x) => x.toFixed(0)).join(', ')}) |`);
    out(`| **runner ÷ bare** | **${(r / b).toFixed(1)}×** |`);
    if (failures.length) out(`check failures: ${failures.join('; ')}`);
  } finally {
    ac.abort();
    for (const c of conns) c.terminate();
    server.stop();
  }
}

/** CPU µs per frame in this process while the runner's connection receives a burst. */
async function runnerBurst(open: (name: string) => Promise<{ conn: TestConnection; ok: boolean }>, trigger: (n: number) => Promise<void>): Promise<number> {
  const { conn, ok } = await open('burst');
  if (!ok) throw new Error('burst connection refused');
  const subscribe = { type: 'subscribe', teamId: 'team-a' };
  conn.send(JSON.stringify(subscribe));
  conn.state.observeSent(subscribe);
  const signal = new AbortController().signal;
  await conn.waitUntil(() => (conn.inbox.length ? true : undefined), 10_000, signal);
  const cpu0 = process.cpuUsage();
  await trigger(BURST);
  const got = await conn.waitUntil(() => (conn.inbox.length > BURST ? true : undefined), 120_000, signal);
  const used = process.cpuUsage(cpu0);
  conn.terminate();
  if (!got) throw new Error(`runner got ${conn.inbox.length - 1} of ${BURST}`);
  return (used.user + used.system) / BURST;
}

async function bareBurst(url: string, jwt: string, trigger: (n: number) => Promise<void>): Promise<number> {
  const ws = new WebSocket(realtimeUrl(url, jwt), ['taskforge.v1'], { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  ws.send(JSON.stringify({ type: 'subscribe', teamId: 'team-a' }));
  await new Promise((r) => ws.once('message', r));
  let count = 0;
  const done = new Promise<void>((r) =>
    ws.on('message', (data) => {
      JSON.parse(String(data));
      if (++count >= BURST) r();
    }),
  );
  const cpu0 = process.cpuUsage();
  await trigger(BURST);
  await done;
  const used = process.cpuUsage(cpu0);
  ws.terminate();
  return (used.user + used.system) / BURST;
}
