import { CONVENTION, type LintRule } from '../rule.js';
import { messagePath, serverEvents } from '../paths.js';
import { pollingKind } from '../../polling-kind.js';

/**
 * A `hint` event tells the client to refetch the state (phase-events' `phase.game_over`); the typed
 * client reads the snapshot endpoint that describes it. A feed endpoint lists the frames themselves,
 * so it would only hand the hint back. A hint no endpoint describes is `contract-polling`'s finding.
 */
export const hintStateEndpoint: LintRule = {
  id: 'hint-state-endpoint',
  level: CONVENTION,
  description: 'Every `hint` event is described by a polling endpoint that returns state (a snapshot, not a feed of frames).',
  check(contract) {
    const polling = contract.specwire?.polling ?? [];
    return serverEvents(contract)
      .filter((m) => m.authority === 'hint' && m.type !== undefined)
      .flatMap((m) => {
        const describing = polling.filter((p) => (p.describes ?? []).includes(m.type!));
        if (describing.length === 0 || describing.some((p) => pollingKind(p) === 'snapshot')) return [];
        const feeds = describing.map((p) => p.path).join(', ');
        return [{ path: [...messagePath(m), 'x-specwire-authority'], message: `hint event "${m.type}" has no state endpoint to refetch: only the feed ${feeds} describes it, which returns the frames, not the state` }];
      });
  },
};
