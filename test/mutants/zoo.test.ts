/**
 * The mutant zoo in CI: every named fault of server/core/faults.ts, one reference server each, must
 * be killed by a shipped scenario. The unbroken server passes the same runs first,
 * so a kill is the fault's doing. Sequential on purpose: latency scenarios must not compete for CPU.
 */
import { describe, expect, it } from 'vitest';
import { MUTANTS } from './mutants.js';
import { baselineProblem, planZoo, runZoo } from './zoo.js';

describe('mutant zoo', () => {
  it('has a mutant for every fault, at least 30', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
  });

  it('the unbroken server passes, and the suite kills every mutant', async () => {
    const planned = await planZoo();
    if (!planned.ok) throw new Error(`the scenarios do not load: ${planned.message}`);
    for (const topology of new Set(MUTANTS.map((m) => m.topology))) {
      expect(await baselineProblem(planned.plan, topology)).toBeUndefined();
    }
    const results = await runZoo(planned.plan, MUTANTS);
    const survivors = results.filter((r) => !r.killedBy).map((r) => `${r.mutant.name} (${r.mutant.description})`);
    expect(survivors, 'mutants no scenario caught: strengthen the suite (a scenario or an always-on check)').toEqual([]);
  }, 1_200_000); // ~500 s alone on 2 cores (docs/reliability.md); far more beside the rest of npm test
});
