import { CONVENTION, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

/** Two messages with one `type` in one direction cannot be told apart by a decoder. */
export const messageTypeUnique: LintRule = {
  id: 'message-type-unique',
  level: CONVENTION,
  description: 'A `type` value names one message per direction within a contract.',
  check(contract) {
    const seen = new Map<string, string>();
    const findings = [];
    for (const m of contract.messages) {
      if (!m.type) continue;
      for (const direction of m.directions) {
        const key = `${direction} ${m.type}`;
        const first = seen.get(key);
        if (first) {
          findings.push({ path: [...messagePath(m), 'payload', 'properties', 'type'], message: `type "${m.type}" (${direction}) is used by both "${first}" and "${m.id}"` });
        } else seen.set(key, m.id);
      }
    }
    return findings;
  },
};
