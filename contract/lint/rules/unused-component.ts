import { PRACTICE, type LintRule } from '../rule.js';

/** Dead components drift silently: nobody validates them, yet readers take them for the contract. */
export const unusedComponent: LintRule = {
  id: 'unused-component',
  level: PRACTICE,
  description: 'Every component declared in the document is referenced somewhere.',
  check(contract) {
    const refs = [...contract.references];
    const findings = [];
    for (const [kind, names] of Object.entries(contract.components)) {
      for (const name of names) {
        const pointer = `${contract.file}#/components/${kind}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!refs.some((r) => r === pointer || r.startsWith(`${pointer}/`))) {
          findings.push({ path: ['components', kind, name], message: `components.${kind}.${name} is never referenced` });
        }
      }
    }
    return findings;
  },
};
