import { CONVENTION_STYLE, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

const SEPARATOR = { dot: '.', colon: ':', snake: '_' } as const;
type Naming = keyof typeof SEPARATOR;
const SEGMENT = /^[a-z][a-z0-9_]*$/;

/**
 * `type` names follow one convention per contract: the declared `info.x-specwire.naming`, or else
 * the one most names already use. Single-word names (`error`, `ping`) fit every convention.
 */
export const namingConvention: LintRule = {
  id: 'naming-convention',
  level: CONVENTION_STYLE,
  description: 'Message `type` names use one separator (`a.b`, `a:b` or `a_b`) consistently, lowercase segments.',
  check(contract) {
    const typed = contract.messages.filter((m) => m.type);
    const naming = contract.specwire?.naming ?? inferNaming(typed.map((m) => m.type!));
    return typed.flatMap((m) => {
      const problem = namingProblem(m.type!, naming);
      return problem ? [{ path: [...messagePath(m), 'payload', 'properties', 'type'], message: `type "${m.type}" ${problem}` }] : [];
    });
  },
};

function inferNaming(types: string[]): Naming {
  const count = (sep: string) => types.filter((t) => t.includes(sep)).length;
  const colon = count(':');
  const dot = count('.');
  return colon > dot ? 'colon' : 'dot';
}

function namingProblem(type: string, naming: Naming): string | undefined {
  const sep = SEPARATOR[naming];
  const others = Object.values(SEPARATOR).filter((s) => s !== sep && s !== '_');
  if (others.some((s) => type.includes(s))) return `does not follow the contract's ${naming} convention (${sep})`;
  const segments = naming === 'snake' ? [type] : type.split(sep);
  if (!segments.every((s) => SEGMENT.test(s))) return 'must be lowercase segments of [a-z0-9_] starting with a letter';
  return undefined;
}
