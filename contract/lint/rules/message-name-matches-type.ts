import { CONVENTION_STYLE, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

export const messageNameMatchesType: LintRule = {
  id: 'message-name-matches-type',
  level: CONVENTION_STYLE,
  description: 'A message `name` equals its `type` const, so docs and the wire use one word.',
  check(contract) {
    return contract.messages
      .filter((m) => m.type && m.name !== m.type)
      .map((m) => ({ path: [...messagePath(m), 'name'], message: `message "${m.id}": name "${m.name ?? ''}" differs from type "${m.type}"` }));
  },
};
