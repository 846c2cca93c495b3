import { CONVENTION, type LintRule } from '../rule.js';
import { messagePath, serverEvents } from '../paths.js';

/** Ordering, gap detection and resume are defined on `seq`; freshness on `ts` (DESIGN.md §3). */
export const eventSeqTs: LintRule = {
  id: 'event-seq-ts',
  level: CONVENTION,
  description: 'Every server event (not a control frame) has required top-level `seq` (integer) and `ts` (date-time).',
  check(contract) {
    return serverEvents(contract).flatMap((m) => {
      const props = (m.payload.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = Array.isArray(m.payload.required) ? m.payload.required : [];
      const problems: string[] = [];
      if (props.seq?.type !== 'integer' || !required.includes('seq')) problems.push('a required integer `seq`');
      if (props.ts?.type !== 'string' || props.ts?.format !== 'date-time' || !required.includes('ts')) {
        problems.push('a required `ts` with format date-time');
      }
      return problems.length
        ? [{ path: [...messagePath(m), 'payload'], message: `server event "${m.type ?? m.id}" lacks ${problems.join(' and ')} (mark acks and errors x-specwire-control: true)` }]
        : [];
    });
  },
};
