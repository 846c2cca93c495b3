/** `bail`: the run stops at the first failed scenario and reports the rest skipped; without it, they run. */
import { afterEach, describe, expect, it } from 'vitest';
import { planRun } from '../../conformance/plan.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient } from '../../protocol/hooks.js';
import { closeAll, SECRET, startServer } from '../server/helpers.js';

afterEach(closeAll);

describe('runPlan bail', () => {
  it('skips the scenarios after the first failure only when asked', async () => {
    // burst-ordering.yaml runs before heartbeat-ping.yaml; a server that drops an event fails only the first.
    const plan = await planRun({ contracts: ['taskforge'], grep: 'burst-ordering|heartbeat-ping' });
    if (!plan.ok) throw new Error(plan.message ?? 'plan failed');
    expect(plan.contracts[0]!.scenarios.map((s) => s.file.split('/').pop())).toEqual(['burst-ordering.yaml', 'heartbeat-ping.yaml']);
    const server = await startServer({ contracts: ['taskforge'], faults: new Set(['event-dropped']) });
    const target = { wsUrl: server.url, httpUrl: server.httpUrl, hooks: createHooksClient(server.hooksUrl!), jwtSecret: SECRET, reference: true };
    const bailed = await runPlan(plan.contracts, { ...target, bail: true });
    expect(bailed.scenarios.map((s) => s.status)).toEqual(['failed', 'skipped']);
    const full = await runPlan(plan.contracts, target);
    expect(full.scenarios.map((s) => s.status)).toEqual(['failed', 'passed']);
  });
});
