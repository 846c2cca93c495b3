import { CONVENTION, type LintRule } from '../rule.js';

/** Rules the reference server and the runner know how to enforce and test (docs/conventions.md). */
export const ACCESS_RULES = ['any-authenticated', 'team-member', 'event-viewer', 'game-player', 'admin', 'self', 'board-member'] as const;

/** Cross-tenant leakage is a named risk of every origin: a channel must say who may receive it. */
export const channelAccess: LintRule = {
  id: 'channel-access',
  level: CONVENTION,
  description: 'Every channel states who may receive its events (`x-specwire-access` with a known rule).',
  check(contract) {
    return contract.channels.flatMap((c) => {
      if (!c.access) return [{ path: ['channels', c.id], message: `channel "${c.id}" does not state who may subscribe (x-specwire-access)` }];
      if (!(ACCESS_RULES as readonly string[]).includes(c.access.rule)) {
        return [{ path: ['channels', c.id, 'x-specwire-access', 'rule'], message: `channel "${c.id}": unknown access rule "${c.access.rule}" (known: ${ACCESS_RULES.join(', ')})` }];
      }
      return [];
    });
  },
};
