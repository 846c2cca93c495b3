/**
 * The faults added for issue 16's coverage gaps, each against the one scenario written to catch it:
 * the unbroken server passes that scenario, the broken one fails it. Cheaper than the whole zoo
 * (zoo.test.ts still runs every mutant against every scenario) and says which scenario is meant.
 */
import { describe, expect, it } from 'vitest';
import { planRun } from '../../conformance/plan.js';
import type { FaultName } from '../../server/core/faults.js';
import { firstKill, runAgainst } from './zoo.js';

const TARGETED: { fault: FaultName; contract: string; scenario: string }[] = [
  { fault: 'presence-missing', contract: 'taskforge', scenario: 'presence.yaml' },
  { fault: 'subscribe-twice-duplicates', contract: 'taskforge', scenario: 'subscribe-twice.yaml' },
  { fault: 'poll-after-inclusive', contract: 'taskforge', scenario: 'polling-after.yaml' },
  { fault: 'fanout-blocking', contract: 'taskforge', scenario: 'slow-consumer.yaml' },
  { fault: 'fanout-blocking', contract: 'media-timeline', scenario: 'slow-consumer.yaml' },
  // A snapshot with the new seq and the previous payload (phase-events' phase, media-timeline's status).
  { fault: 'polling-stale', contract: 'phase-events', scenario: 'polling-phase.yaml' },
  { fault: 'polling-stale', contract: 'media-timeline', scenario: 'polling-latest.yaml' },
  { fault: 'idle-never-reaped', contract: 'phase-events', scenario: 'heartbeat-idle-reaped.yaml' },
  { fault: 'batch-loses-last-item', contract: 'media-timeline', scenario: 'throttle-batch-items.yaml' },
];

describe('targeted kills', () => {
  for (const { fault, contract, scenario } of TARGETED) {
    it(`${scenario} of ${contract} passes unbroken and kills ${fault}`, async () => {
      const planned = await planRun({ contracts: [contract], grep: `/${scenario.replace(/\./g, '\\.')}$` });
      if (!planned.ok) throw new Error(planned.message ?? planned.diagnostics.map((d) => d.message).join('; '));
      expect(planned.contracts.flatMap((c) => c.scenarios)).toHaveLength(1);
      const baseline = firstKill(await runAgainst(planned.contracts, [], 'one-instance', { bail: true }));
      expect(baseline, 'the unbroken server must pass').toBeUndefined();
      const kill = firstKill(await runAgainst(planned.contracts, [fault], 'one-instance', { bail: true }));
      expect(kill?.where, `${fault} survived ${scenario}`).toContain(`conformance/scenarios/${contract}/${scenario}`);
    }, 120_000);
  }
});
