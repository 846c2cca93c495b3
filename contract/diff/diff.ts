/**
 * `specwire diff` as a function: two contract models in, a classified report out. Pure apart from
 * the models' `locate` (which reads the source files for positions).
 */
import type { ContractModel } from '../model.js';
import { compareContracts } from './compare-contract.js';
import { classify } from './rules.js';
import { semverVerdict } from './semver.js';
import type { Change, Classification, DiffReport } from './types.js';

const ORDER: Record<Classification, number> = { breaking: 0, unclassified: 1, 'non-breaking': 2 };

export interface DiffLabels {
  /** How to name each side in output (`main:asyncapi/taskforge.yaml`); default the file path. */
  old?: string;
  new?: string;
}

export function diffContracts(before: ContractModel, after: ContractModel, labels: DiffLabels = {}): DiffReport {
  const changes: Change[] = compareContracts(before, after).map((detected) => {
    const { rule, classification, reason } = classify(detected);
    const change: Change = { ...detected, kind: rule, classification, reason };
    if (detected.at) {
      try {
        const pos = (detected.at.side === 'old' ? before : after).locate(detected.at.path);
        change.location = { file: pos.file, line: pos.line, column: pos.column };
      } catch {
        // A model built without source files (tests) has nothing to point at.
      }
    }
    return change;
  });
  changes.sort((a, b) => ORDER[a.classification] - ORDER[b.classification] || pathText(a.path).localeCompare(pathText(b.path)) || a.kind.localeCompare(b.kind));
  const counts: Record<Classification, number> = { breaking: 0, 'non-breaking': 0, unclassified: 0 };
  for (const c of changes) counts[c.classification]++;
  return {
    old: { label: labels.old ?? before.file, title: before.title, version: before.version, id: before.id },
    new: { label: labels.new ?? after.file, title: after.title, version: after.version, id: after.id },
    changes,
    counts,
    semver: semverVerdict(before.version, after.version, counts),
  };
}

/** `messages.activity.payload.properties.tags.items`; segments that are not plain names are bracketed. */
export function pathText(path: readonly (string | number)[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`))
    .join('');
}
