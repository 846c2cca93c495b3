/**
 * The runner tests deployments (conformance/instances.ts): the placement policy, and the `instances`
 * scenarios against real reference servers — two instances that share nothing must fail them
 * whichever instance the hooks point at; two on one Redis (and two on one in-process bus) pass them.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deploymentOf, formatPlacement, Placement } from '../../conformance/instances.js';
import { runConformance } from '../../conformance/run-conformance.js';
import type { RunResult } from '../../conformance/result.js';
import { toHtml } from '../../conformance/reporters/html.js';
import { toJunit } from '../../conformance/reporters/junit.js';
import { discoverScenarios } from '../../conformance/scenario/load.js';
import { CONTRACTS_DIR } from '../../contract/discover.js';
import { SharedBus } from '../mutants/shared-backplane.js';
import type { Backplane } from '../../server/index.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from '../support/redis.js';
import { specwire } from '../support/specwire-cli.js';
import { closeAll, SECRET, startServer } from '../server/helpers.js';

const CONTRACTS_WITH_STREAMS = ['juke-world', 'phase-events', 'media-timeline', 'leaderboard', 'taskforge', 'taskforge.v2'];
const KINDS = ['instances-fanout.yaml', 'instances-resume.yaml', 'instances-polling.yaml'];
/** Failures that mean "the events did not cross instances", not a broken setup (reset, handshake, runner). */
const DELIVERY_CHECKS = new Set(['expect', 'expect-none', 'same-events', 'seq-order', 'poll', 'poll-consistent', 'step-deadline']);

let prefix: string | undefined;
afterEach(async () => {
  await closeAll();
  if (prefix) await deletePrefix(prefix);
  prefix = undefined;
});

describe('placement', () => {
  it('spreads first connects round-robin, keeps a client where it is, and moves a reconnect to the next instance', () => {
    const p = new Placement([{ wsUrl: 'ws://a' }, { wsUrl: 'ws://b' }, { wsUrl: 'ws://c' }]);
    expect(['v#1', 'v#2', 'v#3', 'v#4'].map((c) => p.connect(c, undefined))).toEqual([0, 1, 2, 0]);
    expect(p.connect('v#2', undefined)).toBe(1);
    expect(p.reconnect('v#3', undefined)).toBe(0);
    expect(p.reconnect('v#3', undefined)).toBe(1);
    expect(p.label('v#3')).toBe('v#3@1');
    expect(formatPlacement(p.summary()!)).toBe('v#1@0, v#2@1, v#3@2→0→1, v#4@0');
  });

  it('takes pins modulo the number of instances, so one --url runs every scenario on it, with plain names', () => {
    const two = new Placement([{ wsUrl: 'ws://a' }, { wsUrl: 'ws://b' }]);
    expect(two.connect('alice', 3)).toBe(1);
    expect(two.reconnect('alice', 2)).toBe(0);
    expect(two.poll(5)).toBe(1);
    const one = new Placement([{ wsUrl: 'ws://a' }]);
    expect(one.connect('alice', 1)).toBe(0);
    expect(one.reconnect('alice', undefined)).toBe(0);
    expect(one.label('alice')).toBe('alice');
    expect(one.summary()).toBeUndefined();
  });

  it('polls round-robin with the connects unless pinned', () => {
    const p = new Placement([{ wsUrl: 'ws://a' }, { wsUrl: 'ws://b' }]);
    expect([p.connect('alice', undefined), p.poll(undefined), p.poll(undefined), p.poll(0)]).toEqual([0, 1, 0, 0]);
  });

  it('pairs --http with --url one to one, derives each from its --url without any, refuses other counts', () => {
    expect(deploymentOf(['ws://a:1/x', 'wss://b:2'], [])).toEqual({ ok: true, instances: [{ wsUrl: 'ws://a:1/x', httpUrl: 'http://a:1/x' }, { wsUrl: 'wss://b:2', httpUrl: 'https://b:2' }] });
    expect(deploymentOf(['ws://a', 'ws://b'], ['http://p', 'http://q'])).toEqual({ ok: true, instances: [{ wsUrl: 'ws://a', httpUrl: 'http://p' }, { wsUrl: 'ws://b', httpUrl: 'http://q' }] });
    expect(deploymentOf(['ws://a'], ['http://p'])).toEqual({ ok: true, instances: [{ wsUrl: 'ws://a', httpUrl: 'http://p' }] });
    const bad = deploymentOf(['ws://a', 'ws://b'], ['http://p']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/one --http per --url/);
  });
});

describe('the instances scenarios', () => {
  it('exist for every contract with streams, each naming contract clauses that exist in its document', () => {
    for (const contract of CONTRACTS_WITH_STREAMS) {
      const files = discoverScenarios(contract).filter((f) => f.includes('/instances-'));
      expect(files.map((f) => f.split('/').pop()).sort()).toEqual([...KINDS].sort());
      const doc = parse(readFileSync(`${CONTRACTS_DIR}/${contract}.yaml`, 'utf8')) as unknown;
      for (const file of files) {
        const scenario = parse(readFileSync(file, 'utf8')) as { tags: string[]; contract: string[] };
        expect(scenario.tags).toContain('instances');
        expect(scenario.contract.length).toBeGreaterThan(0);
        for (const pointer of scenario.contract) expect(resolvePointer(doc, pointer), `${file}: ${pointer}`).toBeDefined();
      }
    }
  });

  it('fail against two instances that share no events, with the hooks on instance A and with them on instance B', async () => {
    const a = await startServer();
    const b = await startServer();
    for (const hooks of [a.hooksUrl!, b.hooksUrl!]) {
      const run = await runConformance({ urls: [a.url, b.url], hooks, jwtSecret: SECRET, tags: ['instances'] });
      expect(run.scenarios).toHaveLength(CONTRACTS_WITH_STREAMS.length * KINDS.length);
      const passed = run.scenarios.filter((s) => s.status !== 'failed').map((s) => `${s.contract}: ${s.name}`);
      expect(passed, `hooks ${hooks === a.hooksUrl ? 'A' : 'B'}`).toEqual([]);
      // They fail because events did not cross, not because the run could not start.
      for (const s of run.scenarios) expect(s.failures.every((f) => DELIVERY_CHECKS.has(f.check)), JSON.stringify(s.failures.map((f) => f.check))).toBe(true);
      // Each failure names the client with the instance it was on.
      const clients = run.scenarios.flatMap((s) => s.failures.map((f) => f.client)).filter((c) => c !== undefined);
      expect(clients.length).toBeGreaterThan(0);
      expect(clients.filter((c) => !/@\d$/.test(c))).toEqual([]);
    }
  }, 300_000);

  it('pass against two instances on one in-process bus, and the result says where each client was', async () => {
    const bus = new SharedBus();
    const a = await startServer({ backplane: bus.attach() });
    const b = await startServer({ backplane: bus.attach() });
    const run = await runConformance({ urls: [a.url, b.url], hooks: b.hooksUrl, jwtSecret: SECRET, tags: ['instances'] });
    expect(failuresOf(run)).toEqual([]);
    const fanout = run.scenarios.find((s) => s.contract === 'taskforge' && s.file.endsWith('instances-fanout.yaml'))!;
    expect(fanout.instances).toEqual({ 'viewers#1': [0], 'viewers#2': [1], 'viewers#3': [0], 'viewers#4': [1] });
    const resume = run.scenarios.find((s) => s.contract === 'taskforge' && s.file.endsWith('instances-resume.yaml'))!;
    expect(resume.instances).toEqual({ alice: [0, 1] });
    expect(resume.timeline.some((e) => e.client === 'alice@1' && e.dir === 'received')).toBe(true);
    expect(run.target.instances).toEqual([{ url: a.url, http: a.httpUrl }, { url: b.url, http: b.httpUrl }]);
    // Every report says where each client was.
    expect(toJunit(run)).toContain('<property name="instances" value="alice@0→1"/>');
    expect(toHtml(run)).toContain('<span class="instances">alice@0→1</span>');
    expect(toHtml(run)).toContain(`against 2 instances (0: ${a.url}, 1: ${b.url})`);
    expect(JSON.parse(JSON.stringify(run)).scenarios.find((s: { file: string; contract: string }) => s.contract === 'taskforge' && s.file.endsWith('instances-resume.yaml')).instances).toEqual({ alice: [0, 1] });
  }, 120_000);

  it('accept another instance that applies events late: the polling scenarios read it again until it agrees', async () => {
    const bus = new SharedBus();
    const a = await startServer({ backplane: bus.attach() });
    // B hears every event 150 ms after A does: a replica behind, which the contracts allow as long as it catches up.
    const b = await startServer({ backplane: lagging(bus.attach(), 150) });
    const run = await runConformance({ urls: [a.url, b.url], hooks: a.hooksUrl, jwtSecret: SECRET, tags: ['instances'], grep: 'instances-polling' });
    expect(run.scenarios).toHaveLength(CONTRACTS_WITH_STREAMS.length);
    expect(failuresOf(run)).toEqual([]);
    // It did have to read again: some poll on instance 1 came back before B had the events.
    expect(run.scenarios.filter((s) => s.timeline.filter((e) => e.text.includes('on instance 1')).length > 1).length).toBeGreaterThan(0);
  }, 120_000);

  it('pass against two reference servers on one Redis, for every contract, with the hooks on either instance', async () => {
    if (!(await requireRedis('instances scenarios on two Redis-backed instances'))) return;
    prefix = uniquePrefix();
    const a = await startServer({ redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    const b = await startServer({ redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    for (const hooks of [a.hooksUrl!, b.hooksUrl!]) {
      const run = await runConformance({ urls: [a.url, b.url], hooks, jwtSecret: SECRET, tags: ['instances'] });
      expect(failuresOf(run)).toEqual([]);
      expect(new Set(run.scenarios.map((s) => s.contract))).toEqual(new Set(CONTRACTS_WITH_STREAMS));
    }
  }, 180_000);
});

describe('specwire test with several --url', () => {
  it('runs against two instances and prints which instance each client used', async () => {
    const bus = new SharedBus();
    const a = await startServer({ backplane: bus.attach() });
    const b = await startServer({ backplane: bus.attach() });
    const run = await specwire(['test', '--contract', 'taskforge', '--tag', 'instances', '--url', a.url, '--url', b.url, '--hooks', a.hooksUrl!, '--jwt-secret', SECRET]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[viewers#1@0, viewers#2@1, viewers#3@0, viewers#4@1]');
    expect(run.stdout).toContain('[alice@0→1]');
    expect(run.stdout).toContain(`against 2 instances (0: ${a.url}, 1: ${b.url})`);
  }, 60_000);

  it('with one --url behaves as before: no instance labels, the one URL in the summary', async () => {
    const a = await startServer();
    const run = await specwire(['test', '--contract', 'taskforge', '--tag', 'instances', '--url', a.url, '--hooks', a.hooksUrl!, '--jwt-secret', SECRET]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/@\d/);
    expect(run.stdout).toContain(`3 passed, 0 failed`);
    expect(run.stdout).toContain(`against ${a.url}\n`);
  }, 60_000);

  it('refuses one --http for two --url (exit 2, no stack trace), and lists the repeatable flags in --help', async () => {
    const bad = await specwire(['test', '--contract', 'taskforge', '--url', 'ws://127.0.0.1:9', '--url', 'ws://127.0.0.1:10', '--http', 'http://127.0.0.1:9', '--jwt-secret', SECRET]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/one --http per --url/);
    expect(bad.stderr).not.toContain('    at ');
    const help = await specwire(['test', '--help']);
    expect(help.stdout).toMatch(/--url <ws-url>[^-]*repeatable:\s+one\s+per\s+instance/);
    expect(help.stdout).toMatch(/--http <url>[^-]*repeatable:\s+one\s+per\s+--url/);
  }, 60_000);
});

/** A backplane whose instance receives every event `ms` later than the others. */
function lagging(backplane: Backplane, ms: number): Backplane {
  return { ...backplane, name: backplane.name, onEvent: (receiver) => backplane.onEvent((event) => void setTimeout(() => receiver(event), ms)) } as Backplane;
}

function failuresOf(run: RunResult): string[] {
  return run.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.contract}: ${s.name}: ${s.failures.map((f) => `${f.check} ${f.client ?? ''} ${f.message}`).join('; ')}`);
}

/** RFC 6901 pointer (`#/info/x-specwire/polling/0`) into the document as written. */
function resolvePointer(doc: unknown, pointer: string): unknown {
  return pointer
    .slice(2)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
}
