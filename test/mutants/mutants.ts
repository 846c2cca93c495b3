/**
 * The mutant zoo: one mutant per named fault of `server/core/faults.ts`, each a reference server
 * broken in exactly one way. A mutant that needs more than one instance says so in `TOPOLOGY`.
 */
import { FAULTS, type FaultName } from '../../server/core/faults.js';

/**
 * `one-instance`: the runner talks to one broken server. `two-instances`: two servers on one bus
 * (test/mutants/shared-backplane.ts); the runner's clients connect to the broken one, its triggers go
 * to the healthy one, so every event the clients see crossed the backplane. `redis`: the fault lives in
 * the Redis backplane's own paths (durable history, catch-up after a lost connection, limits across
 * instances), which an in-memory bus cannot express; the zoo does not run it, the test named in
 * `REDIS_KILLERS` does (test/server/redis/mutants.test.ts).
 */
export type Topology = 'one-instance' | 'two-instances' | 'redis';

export interface Mutant {
  name: FaultName;
  description: string;
  topology: Topology;
}

const TOPOLOGY: Partial<Record<FaultName, Topology>> = {
  'relay-dropped': 'two-instances',
  'history-local-only': 'redis',
  'relay-gap-on-reconnect': 'redis',
  'connection-limit-per-instance': 'redis',
};

/** The test that kills each `redis` mutant. */
export const REDIS_KILLERS: Partial<Record<FaultName, string>> = {
  'history-local-only': 'test/server/redis/mutants.test.ts (a client resuming on an instance started after the events is replayed the gap)',
  'relay-gap-on-reconnect': 'test/server/redis/mutants.test.ts (an instance whose Redis connection was cut delivers what was published meanwhile, in order)',
  'connection-limit-per-instance': 'test/server/redis/mutants.test.ts (one IP at its limit on instance A is refused on instance B)',
};

const ALL: readonly Mutant[] = (Object.keys(FAULTS) as FaultName[]).map((name) => ({
  name,
  description: FAULTS[name],
  topology: TOPOLOGY[name] ?? 'one-instance',
}));

/** The mutants the zoo runs against the shipped scenarios. */
export const MUTANTS: readonly Mutant[] = ALL.filter((m) => m.topology !== 'redis');

/** The mutants of the Redis backplane's own paths, killed by `REDIS_KILLERS`. */
export const REDIS_MUTANTS: readonly Mutant[] = ALL.filter((m) => m.topology === 'redis');
