/** Contract id → adapter. A contract without one is served by the generic adapter. */
import type { ContractModel } from '../../contract/model.js';
import type { ContractAdapter } from './adapter.js';
import { genericAdapter } from './generic.js';
import { jukeWorldAdapter } from './juke-world.js';
import { leaderboardAdapter } from './leaderboard.js';
import { mediaTimelineAdapter } from './media-timeline.js';
import { phaseEventsAdapter } from './phase-events.js';
import { taskforgeAdapter } from './taskforge.js';

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
