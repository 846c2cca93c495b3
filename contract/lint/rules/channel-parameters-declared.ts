import { DEFECT, type LintRule } from '../rule.js';

/**
 * AsyncAPI 3.0 requires a `parameters` entry for every `{name}` in a channel address. The parser's own
 * rule (asyncapi3-channel-parameters) only looks at channels that have a `parameters` object, so an
 * address with expressions and no parameters at all passes it; this rule covers exactly that case.
 */
export const channelParametersDeclared: LintRule = {
  id: 'channel-parameters-declared',
  level: DEFECT,
  description: 'A channel whose address has `{name}` expressions declares them under `parameters`.',
  check(contract) {
    return contract.channels
      .filter((c) => c.parameters.length === 0)
      .flatMap((c) => {
        const names = [...c.address.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
        return names.length
          ? [{ path: ['channels', c.id, 'address'], message: `channel "${c.id}": address parameter${names.length > 1 ? 's' : ''} ${names.map((n) => `{${n}}`).join(', ')} not declared under parameters` }]
          : [];
      });
  },
};
