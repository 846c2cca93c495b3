import { originProblem } from '../../../protocol/origin.js';
import { CONVENTION, type LintFinding, type LintRule } from '../rule.js';

/**
 * `allowedOrigins` restricts which pages may connect (docs/conventions.md "Origins"): its entries
 * must be origins a browser can send, and the contract must say how any other origin is refused,
 * or neither a server nor the runner knows what "refused" means.
 */
export const contractOrigins: LintRule = {
  id: 'contract-origins',
  level: CONVENTION,
  description: '`x-specwire.allowedOrigins` lists serialized origins and comes with `refusal.foreignOrigin`.',
  check(contract) {
    const allowed = contract.specwire?.allowedOrigins as unknown;
    if (allowed === undefined) return [];
    const at = ['info', 'x-specwire', 'allowedOrigins'];
    if (!Array.isArray(allowed) || allowed.length === 0) return [{ path: at, message: 'allowedOrigins must be a non-empty list of origins (https://app.example.com)' }];
    const findings: LintFinding[] = [];
    allowed.forEach((o: unknown, i) => {
      const problem = typeof o === 'string' ? (o === 'null' ? '"null" is the opaque origin of sandboxed pages, not one to allow' : originProblem(o)) : `${JSON.stringify(o)} is not a string`;
      if (problem) findings.push({ path: [...at, i], message: `allowedOrigins: ${problem}` });
    });
    if (!contract.specwire?.refusal?.foreignOrigin) {
      findings.push({ path: at, message: 'allowedOrigins without refusal.foreignOrigin: say how a foreign origin is refused ({ http: 403 } before the upgrade, or { close: N })' });
    }
    return findings;
  },
};
