/**
 * The reference server is the kit's proof of soundness: every shipped scenario passes against it,
 * with the contracts' own limits (no overrides), twice in a row on one server (reset must really reset).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { planRun } from '../../conformance/plan.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient } from '../../protocol/hooks.js';
import { closeAll, SECRET, startServer } from './helpers.js';

afterEach(closeAll);

describe('shipped conformance scenarios against the reference server', () => {
  it('all pass, run after run', async () => {
    const plan = await planRun({ contracts: [] });
    if (!plan.ok) throw new Error(`plan failed: ${plan.message ?? JSON.stringify(plan.diagnostics).slice(0, 500)}`);
    const server = await startServer();
    for (let run = 0; run < 2; run++) {
      const result = await runPlan(plan.contracts, { wsUrl: server.url, httpUrl: server.httpUrl, hooksUrl: server.hooksUrl, hooks: createHooksClient(server.hooksUrl!), jwtSecret: SECRET, reference: true });
      const failures = result.scenarios.filter((s) => s.status !== 'passed').map((s) => `${s.contract}: ${s.name}: ${s.failures.map((f) => `${f.check} ${f.message}`).join('; ')}`);
      expect(failures).toEqual([]);
      expect(result.passed).toBeGreaterThan(0);
    }
  }, 180_000);
});
