/**
 * The three faces of a diff report: `pretty` for a terminal, `json` for tools, `markdown` for a pull
 * request comment. Pure functions from report to text.
 */
import pc from 'picocolors';
import type { Direction } from '../model.js';
import { pathText } from './diff.js';
import { nextVersion } from './semver.js';
import type { Change, Classification, DiffReport } from './types.js';

export type DiffFormat = 'pretty' | 'json' | 'markdown';

export interface FormatOptions {
  /** Whether the gate failed (decided by the caller's `--fail-on`). */
  failed: boolean;
  failOn: string;
  /** How to print a file path (relative to the cwd, or back to `rev:path`). */
  file(path: string): string;
}

const GROUPS: Classification[] = ['breaking', 'unclassified', 'non-breaking'];

function arrow(d: Direction | undefined): string {
  return d === 'server-to-client' ? 'server→client' : d === 'client-to-server' ? 'client→server' : 'connection';
}

/** One sentence on the version gate: what the changes need, what the edit is, what to do. */
export function verdictText(report: DiffReport, failed: boolean): string {
  const { semver } = report;
  const edit =
    semver.actual === 'invalid'
      ? `info.version ${semver.oldVersion} → ${semver.newVersion} is not semver`
      : semver.actual === 'downgrade'
        ? `info.version went down (${semver.oldVersion} → ${semver.newVersion})`
        : semver.actual === 'none'
          ? `info.version unchanged (${semver.newVersion})`
          : `info.version ${semver.oldVersion} → ${semver.newVersion} is a ${semver.actual} bump`;
  const need = semver.required === 'none' ? 'no bump required' : `required bump: ${semver.required}`;
  const next = nextVersion(semver.oldVersion, semver.required);
  const fix = failed && semver.required !== 'none' && next ? ` — set info.version to ${next} or later` : '';
  return `${need}; ${edit}${semver.satisfied ? '' : ' (not enough)'}${fix}`;
}

export function formatPretty(report: DiffReport, opts: FormatOptions): string {
  const lines: string[] = [];
  lines.push(`${pc.bold('specwire diff')}  ${report.old.label} (${report.old.version}) → ${report.new.label} (${report.new.version})`);
  if (!report.changes.length) lines.push('', 'No changes to the contract.');
  for (const group of GROUPS) {
    const changes = report.changes.filter((c) => c.classification === group);
    if (!changes.length) continue;
    const colour = group === 'breaking' ? pc.red : group === 'unclassified' ? pc.yellow : pc.green;
    lines.push('', colour(pc.bold(`${group} (${changes.length})`)));
    for (const c of changes) {
      lines.push(`  ${colour(group === 'breaking' ? '✗' : group === 'unclassified' ? '?' : '✓')} ${arrow(c.direction).padEnd(13)} ${c.summary}  ${pc.dim(`[${c.kind}]`)}`);
      lines.push(`      ${pc.cyan(pathText(c.path))}${c.location ? pc.dim(`  ${opts.file(c.location.file)}:${c.location.line}:${c.location.column}`) : ''}`);
      lines.push(`      ${pc.dim(c.reason)}`);
    }
  }
  const { counts } = report;
  lines.push('', `${counts.breaking} breaking, ${counts['non-breaking']} non-breaking, ${counts.unclassified} unclassified; ${verdictText(report, opts.failed)}`);
  lines.push(opts.failed ? pc.red(`FAIL (--fail-on ${opts.failOn})`) : pc.green(`OK (--fail-on ${opts.failOn})`));
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: DiffReport, opts: FormatOptions): string {
  const out = {
    old: { ...report.old, label: report.old.label },
    new: report.new,
    counts: report.counts,
    semver: report.semver,
    gate: { failOn: opts.failOn, failed: opts.failed, message: verdictText(report, opts.failed) },
    changes: report.changes.map((c: Change) => ({
      classification: c.classification,
      rule: c.kind,
      direction: c.direction ?? null,
      path: pathText(c.path),
      pathSegments: c.path,
      summary: c.summary,
      reason: c.reason,
      ...(c.before !== undefined ? { before: c.before } : {}),
      ...(c.after !== undefined ? { after: c.after } : {}),
      ...(c.location ? { location: { ...c.location, file: opts.file(c.location.file) } } : {}),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A pull-request comment: verdict first, then one table per classification. */
export function formatMarkdown(report: DiffReport, opts: FormatOptions): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const { counts } = report;
  const lines = [
    `### specwire diff: ${cell(report.new.title)} ${report.old.version} → ${report.new.version}`,
    '',
    `${opts.failed ? '❌' : '✅'} **${counts.breaking} breaking**, ${counts['non-breaking']} non-breaking, ${counts.unclassified} unclassified — ${cell(verdictText(report, opts.failed))}.`,
    '',
    `<sub>\`${cell(report.old.label)}\` → \`${cell(report.new.label)}\`, gate \`--fail-on ${opts.failOn}\`</sub>`,
  ];
  for (const group of GROUPS) {
    const changes = report.changes.filter((c) => c.classification === group);
    if (!changes.length) continue;
    lines.push('', `#### ${group} (${changes.length})`, '', '| direction | change | path | rule | why |', '| --- | --- | --- | --- | --- |');
    for (const c of changes) {
      const where = c.location ? `<br><sub>${cell(opts.file(c.location.file))}:${c.location.line}</sub>` : '';
      lines.push(`| ${arrow(c.direction)} | ${cell(c.summary)} | \`${cell(pathText(c.path))}\`${where} | \`${c.kind}\` | ${cell(c.reason)} |`);
    }
  }
  if (!report.changes.length) lines.push('', 'No changes to the contract.');
  return `${lines.join('\n')}\n`;
}

export function formatReport(format: DiffFormat, report: DiffReport, opts: FormatOptions): string {
  return format === 'json' ? formatJson(report, opts) : format === 'markdown' ? formatMarkdown(report, opts) : formatPretty(report, opts);
}
