/**
 * The mutant zoo: one mutant per named fault of `server/core/faults.ts`, each a reference server
 * broken in exactly one way. A mutant that needs more than one instance says so in `TOPOLOGY`.
 */
import { FAULTS, type FaultName } from '../../server/core/faults.js';

/**
 * `one-instance`: the runner talks to one broken server. `two-instances`: two servers on one bus
 * (test/mutants/shared-backplane.ts); the runner's clients connect to the broken one, its triggers go
 * to the healthy one, so every event the clients see crossed the backplane.
 */
export type Topology = 'one-instance' | 'two-instances';

export interface Mutant {
  name: FaultName;
  description: string;
  topology: Topology;
}

const TOPOLOGY: Partial<Record<FaultName, Topology>> = {
  'relay-dropped': 'two-instances',
};

export const MUTANTS: readonly Mutant[] = (Object.keys(FAULTS) as FaultName[]).map((name) => ({
  name,
  description: FAULTS[name],
  topology: TOPOLOGY[name] ?? 'one-instance',
}));
