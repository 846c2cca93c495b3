/** Contract id → adapter. A contract without one is served by the generic adapter. */
import type { ContractModel } from '../../contract/model.ts';
import type { ContractAdapter } from './adapter.ts';
import { genericAdapter } from './generic.ts';
import { jukeWorldAdapter } from './juke-world.ts';
import { leaderboardAdapter } from './leaderboard.ts';
import { mediaTimelineAdapter } from './media-timeline.ts';
import { phaseEventsAdapter } from './phase-events.ts';
import { taskforgeAdapter } from './taskforge.ts';

/** Adapters that read their contract model are built from it; the rest are fixed. */
const ADAPTERS: Record<string, (model: ContractModel) => ContractAdapter<never>> = {
  taskforge: () => taskforgeAdapter as ContractAdapter<never>,
  'media-timeline': () => mediaTimelineAdapter as ContractAdapter<never>,
  leaderboard: () => leaderboardAdapter as ContractAdapter<never>,
  'phase-events': () => phaseEventsAdapter as ContractAdapter<never>,
  'juke-world': (model) => jukeWorldAdapter(model) as ContractAdapter<never>,
  // Wire major 2 (asyncapi/taskforge.v2.yaml) differs only in one activity's `data`: same adapter.
  'taskforge.v2': () => ({ ...taskforgeAdapter, id: 'taskforge.v2' }) as ContractAdapter<never>,
};

export function adapterFor(model: ContractModel): ContractAdapter {
  return (ADAPTERS[model.id]?.(model) as ContractAdapter | undefined) ?? genericAdapter(model);
}
