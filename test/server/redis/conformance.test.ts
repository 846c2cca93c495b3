/**
 * Every shipped conformance scenario passes against two instances on one Redis behind a round-robin
 * TCP balancer: the runner's connections (WebSocket, polling) land on both instances and its hook
 * calls alternate between them, so a
 * client on A sees events triggered through B, a reset (or a state step) through one instance
 * reaches both, a reconnecting client resumes on the other instance.
 * `connection-limit` too: `connectionsPerIp` counts across the instances (Redis), so the
 * one-too-many connection is refused whichever instance it lands on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planRun } from '../../../conformance/plan.js';
import { runPlan } from '../../../conformance/run.js';
import { createHooksClient, type HooksDriver } from '../../../protocol/hooks.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from '../../support/redis.js';
import { type RoundRobinProxy, startRoundRobinProxy } from '../../support/round-robin-proxy.js';
import { closeAll, SECRET, startServer } from '../helpers.js';

const available = await requireRedis('conformance on two Redis-backed instances');
let proxy: RoundRobinProxy | undefined;
let prefix: string | undefined;

afterEach(async () => {
  await proxy?.close();
  await closeAll();
  if (prefix) await deletePrefix(prefix);
});

/** A hooks driver whose calls go to each instance in turn; `calls` counts them per instance. */
function alternating(drivers: HooksDriver[]): { driver: HooksDriver; calls: number[] } {
  const calls = drivers.map(() => 0);
  let next = 0;
  const pick = () => {
    const i = next++ % drivers.length;
    calls[i]!++;
    return drivers[i]!;
  };
  return {
    calls,
    driver: { reset: (signal, request) => pick().reset(signal, request), state: (request, signal) => pick().state!(request, signal), trigger: (request, signal) => pick().trigger(request, signal) },
  };
}

function failuresOf(result: Awaited<ReturnType<typeof runPlan>>): string[] {
  return result.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.contract}: ${s.name}: ${s.failures.map((f) => `${f.check} ${f.message}`).join('; ')}`);
}

describe.skipIf(!available)('shipped conformance scenarios against two instances on Redis', () => {
  it('all pass through a round-robin balancer', async () => {
    const plan = await planRun({ contracts: [] });
    if (!plan.ok) throw new Error(`plan failed: ${plan.message ?? JSON.stringify(plan.diagnostics).slice(0, 500)}`);
    prefix = uniquePrefix();
    const a = await startServer({ redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    const b = await startServer({ redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    proxy = await startRoundRobinProxy([a.port, b.port]);
    const front = `127.0.0.1:${proxy.port}`;
    const hooksUrl = `http://${front}/__specwire`;
    // fetch keeps its connection alive, which would pin every hook call to one instance: alternate
    // them explicitly so resets and triggers come from both.
    const hooks = alternating([createHooksClient(a.hooksUrl!), createHooksClient(b.hooksUrl!)]);

    const balanced = await runPlan(plan.contracts, { wsUrl: `ws://${front}`, httpUrl: `http://${front}`, hooksUrl, hooks: hooks.driver, jwtSecret: SECRET, reference: true });
    expect(failuresOf(balanced)).toEqual([]);
    expect(balanced.passed).toBeGreaterThan(0);
    // The balancer really spread the runner's connections over both instances.
    expect(Math.min(...proxy.counts)).toBeGreaterThan(balanced.passed);
    expect(Math.min(...hooks.calls)).toBeGreaterThan(balanced.passed);

  }, 360_000);
});
