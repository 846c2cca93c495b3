import { PRACTICE, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

export const messageHasExample: LintRule = {
  id: 'message-has-example',
  level: PRACTICE,
  description: 'Every message has at least one example (docs, mocks and tests are built from them).',
  check(contract) {
    return contract.messages
      .filter((m) => m.examples.length === 0)
      .map((m) => ({ path: messagePath(m), message: `message "${m.id}" has no example` }));
  },
};
