import { CONVENTION, type LintRule } from '../rule.js';
import { serverEvents } from '../paths.js';

/** Fallback to polling is one of the origins' acceptance criteria; every event needs a place to be refetched. */
export const contractPolling: LintRule = {
  id: 'contract-polling',
  level: CONVENTION,
  description: 'The contract declares polling endpoints, and every server event type is described by one.',
  check(contract) {
    const polling = contract.specwire?.polling ?? [];
    if (polling.length === 0) return [{ path: ['info', 'x-specwire'], message: 'no polling endpoint for the fallback: declare info.x-specwire.polling' }];
    const known = new Set(contract.messages.map((m) => m.type).filter(Boolean));
    const findings = polling.flatMap((p, i) =>
      (p.describes ?? []).flatMap((t, j) =>
        known.has(t) ? [] : [{ path: ['info', 'x-specwire', 'polling', i, 'describes', j], message: `polling endpoint ${p.path} describes unknown type "${t}"` }],
      ),
    );
    const described = new Set(polling.flatMap((p) => p.describes ?? []));
    for (const m of serverEvents(contract)) {
      if (m.type && !described.has(m.type)) {
        findings.push({ path: ['info', 'x-specwire', 'polling'], message: `server event "${m.type}" is not described by any polling endpoint` });
      }
    }
    return findings;
  },
};
