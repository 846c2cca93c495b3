import { PRACTICE, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

export const messageDocumented: LintRule = {
  id: 'message-documented',
  level: PRACTICE,
  description: 'Every message has a title and a description.',
  check(contract) {
    return contract.messages.flatMap((m) => {
      const missing = [!m.title && 'title', !m.description && 'description'].filter(Boolean);
      return missing.length ? [{ path: messagePath(m), message: `message "${m.id}" has no ${missing.join(' or ')}` }] : [];
    });
  },
};
