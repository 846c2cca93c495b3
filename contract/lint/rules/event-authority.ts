import { CONVENTION, type LintRule } from '../rule.js';
import { messagePath, serverEvents } from '../paths.js';

/** A client must know whether to apply a payload or refetch: phase-events' central question. */
export const eventAuthority: LintRule = {
  id: 'event-authority',
  level: CONVENTION,
  description: 'Every server event declares `x-specwire-authority: state | hint`.',
  check(contract) {
    return serverEvents(contract)
      .filter((m) => !m.authority)
      .map((m) => ({ path: messagePath(m), message: `server event "${m.type ?? m.id}" does not declare x-specwire-authority (state or hint)` }));
  },
};
