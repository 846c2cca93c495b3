import { CONVENTION, type LintRule } from '../rule.js';

/**
 * An endpoint without declared auth is either public by accident or undocumented. Security may sit on
 * the servers (the WebSocket handshake) or on every operation, and its schemes may live in another
 * file: what counts is that each server, or else each operation, has a requirement.
 */
export const securityDeclared: LintRule = {
  id: 'security-declared',
  level: CONVENTION,
  description: 'Every server (or every operation) declares its security requirements.',
  check(contract) {
    const { servers, operations } = contract;
    if (servers.length > 0 && servers.every((s) => s.security.length > 0)) return [];
    if (operations.length > 0 && operations.every((o) => o.security.length > 0)) return [];
    const declaredSomewhere = servers.some((s) => s.security.length > 0) || operations.some((o) => o.security.length > 0);
    if (!declaredSomewhere) {
      return [{ path: servers.length ? ['servers'] : ['info'], message: 'no server and no operation declares security (schemes go under components.securitySchemes)' }];
    }
    if (servers.length === 0) {
      return operations
        .filter((o) => o.security.length === 0)
        .map((o) => ({ path: ['operations', o.id], message: `operation "${o.id}" declares no security, and there is no server to declare it` }));
    }
    return servers
      .filter((s) => s.security.length === 0)
      .map((s) => ({ path: ['servers', s.id], message: `server "${s.id}" declares no security` }));
  },
};
