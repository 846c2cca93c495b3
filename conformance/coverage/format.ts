/** The coverage matrix for people: one line per promise, ✓ with what covers it or ✗ uncovered. */
import { relative } from 'node:path';
import type { ContractCoverage, Coverer } from './matrix.js';

export function formatCoverage(matrix: ContractCoverage[]): string {
  const lines: string[] = [];
  for (const c of matrix) {
    const covered = c.promises.filter((p) => p.coveredBy.length).length;
    const untestable = c.promises.filter((p) => !p.coveredBy.length && p.untestable).length;
    lines.push(`${c.contract} (${relative(process.cwd(), c.file) || c.file}): ${covered}/${c.promises.length} promises covered${c.uncovered ? `, ${c.uncovered} uncovered` : ''}${untestable ? `, ${untestable} untestable` : ''}`);
    const kindWidth = Math.max(...c.promises.map((p) => p.kind.length));
    const labelWidth = Math.min(60, Math.max(...c.promises.map((p) => p.label.length)));
    for (const p of c.promises) {
      const by = p.coveredBy.length ? summarize(p.coveredBy) : p.untestable ? `untestable: ${p.untestable}` : `uncovered  ${p.pointer}`;
      const mark = p.coveredBy.length ? '✓' : p.untestable ? '○' : '✗';
      lines.push(`  ${mark} ${p.kind.padEnd(kindWidth)}  ${p.label.padEnd(labelWidth)}  ${by}`);
    }
    lines.push('');
  }
  const uncovered = matrix.reduce((n, c) => n + c.uncovered, 0);
  lines.push(uncovered ? `${uncovered} promise${uncovered === 1 ? '' : 's'} uncovered` : 'every promise is covered');
  return `${lines.join('\n')}\n`;
}

/** `polling.yaml, hint-state.yaml +2; checks: seq-order` */
function summarize(coverers: Coverer[]): string {
  const scenarios = [...new Set(coverers.flatMap((c) => ('scenario' in c ? [c.scenario.replace(/\.ya?ml$/, '')] : [])))];
  const checks = [...new Set(coverers.flatMap((c) => ('check' in c ? [c.check] : [])))];
  const parts: string[] = [];
  if (scenarios.length) parts.push(`${scenarios.slice(0, 3).join(', ')}${scenarios.length > 3 ? ` +${scenarios.length - 3}` : ''}`);
  if (checks.length) parts.push(`checks: ${checks.join(', ')}`);
  return parts.join('; ');
}
