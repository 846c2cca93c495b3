/**
 * Heartbeat scenarios: the reset hook carries the scenario's test timers, the reference server
 * applies them (and restores its own on the next reset), and the `idle-timeout` / `dead-peer`
 * bounds catch a server that does not reap. Real reference server, real clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { declaredTimers, heartbeatBoundMs } from '../../conformance/heartbeat.js';
import { planRun } from '../../conformance/plan.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient, type HooksDriver } from '../../protocol/hooks.js';
import { closeAll, SECRET, startServer } from '../server/helpers.js';

afterEach(closeAll);

async function heartbeatPlan(grep: string) {
  const plan = await planRun({ contracts: ['taskforge'], tags: ['heartbeat'], grep });
  if (!plan.ok) throw new Error(JSON.stringify(plan));
  expect(plan.contracts[0]!.scenarios).toHaveLength(1);
  return plan.contracts;
}

describe('heartbeat test timers through the reset hook', () => {
  it('the reference server confirms them, applies them, and the next plain reset restores its own', async () => {
    const server = await startServer();
    const hooks = createHooksClient(server.hooksUrl!);
    expect(await hooks.reset(undefined, { contract: 'taskforge', heartbeat: { idleTimeoutMs: 1500 } })).toEqual({ heartbeat: { idleTimeoutMs: 1500, pingIntervalMs: 25_000 } });
    expect(await hooks.reset(undefined, {})).toBeUndefined();
    const bad = await fetch(`${server.hooksUrl}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ heartbeat: { idleTimeoutMs: 0 } }) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/heartbeat\.idleTimeoutMs/);
  });

  it('idle-timeout and dead-peer follow the timers in force, with slack', async () => {
    const plan = await planRun({ contracts: ['taskforge'] });
    if (!plan.ok) throw new Error('plan');
    expect(declaredTimers(plan.contracts[0]!.view)).toEqual({ pingIntervalMs: 25_000, idleTimeoutMs: 60_000 });
    expect(heartbeatBoundMs('idle-timeout', { pingIntervalMs: 500, idleTimeoutMs: 1500 })).toBe(2650);
    expect(heartbeatBoundMs('dead-peer', { pingIntervalMs: 500, idleTimeoutMs: 60_000 })).toBe(2100);
  });

  it.each([
    ['idle connection', '4408', 'expected close 4408 within 2650 ms'],
    ['protocol pings', 'dead-peer', 'expected close 1006 within 2100 ms'],
  ])('a server that does not reap (%s) fails expect-close', async (_what, grep, message) => {
    // The server keeps its production timers but the driver claims the short ones were applied:
    // to the runner this is a server that does not reap within the bound it promised.
    const server = await startServer();
    const real = createHooksClient(server.hooksUrl!);
    const liar: HooksDriver = {
      trigger: real.trigger,
      async reset(signal, request) {
        await real.reset(signal);
        return request?.heartbeat ? { heartbeat: { pingIntervalMs: 25_000, idleTimeoutMs: 60_000, ...request.heartbeat } } : undefined;
      },
    };
    const run = await runPlan(await heartbeatPlan(grep), { wsUrl: server.url, httpUrl: server.httpUrl, hooks: liar, jwtSecret: SECRET, reference: false });
    const failure = run.scenarios[0]!.failures[0]!;
    expect(failure).toMatchObject({ check: 'expect-close', client: 'alice' });
    expect(failure.message).toContain(message);
    expect(failure.message).toContain('no close');
  }, 20_000);

  it('the shipped heartbeat scenarios pass against the reference server', async () => {
    const server = await startServer();
    const plan = await planRun({ contracts: [], tags: ['heartbeat'] });
    if (!plan.ok) throw new Error('plan');
    const run = await runPlan(plan.contracts, { wsUrl: server.url, httpUrl: server.httpUrl, hooks: createHooksClient(server.hooksUrl!), jwtSecret: SECRET, reference: true });
    expect(run.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.contract} ${s.name}: ${JSON.stringify(s.failures)}`)).toEqual([]);
    expect(run.passed).toBeGreaterThanOrEqual(8);
  }, 60_000);
});
