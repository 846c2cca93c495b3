import type { LintRule } from '../rule.ts';

/** An endpoint without declared auth is either public by accident or undocumented. */
export const securityDeclared: LintRule = {
  id: 'security-declared',
  set: 'generic',
  severity: 'error',
  description: 'Every server (or every operation) declares its security requirements.',
  check(contract) {
    if (contract.securitySchemes.length === 0) {
      return [{ path: ['components'], message: 'no security schemes are declared under components.securitySchemes' }];
    }
    const opsSecured = contract.operations.length > 0 && contract.operations.every((o) => o.security.length > 0);
    if (opsSecured) return [];
    if (contract.servers.length === 0) return [{ path: ['info'], message: 'no servers and no operation security: security is not declared' }];
    return contract.servers
      .filter((s) => s.security.length === 0)
      .map((s) => ({ path: ['servers', s.id], message: `server "${s.id}" declares no security` }));
  },
};
