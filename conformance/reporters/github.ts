/**
 * GitHub Actions reporter: a workflow-command annotation (`::error file=…,line=…,col=…,title=…::…`)
 * at the scenario file and line of each failing step, which the runner shows on the job and on the
 * pull request's diff; and, when `$GITHUB_STEP_SUMMARY` is set, a table of every scenario appended
 * to the job summary. Paths are relative to the working directory (the checkout).
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { escapeData, escapeProperty } from '../../contract/lint/format/github.js';
import type { Failure, RunResult, ScenarioResult } from '../result.js';
import { reproduceCommand } from '../reproduce.js';
import type { Reporter, ReporterOptions } from './reporter.js';

export function githubReporter(options: ReporterOptions): Reporter {
  return {
    id: 'github',
    onRunEnd(run) {
      const lines = githubAnnotations(run);
      lines.push(`specwire test: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
      options.write(`${lines.join('\n')}\n`);
      const summary = process.env.GITHUB_STEP_SUMMARY;
      if (summary) appendFileSync(summary, jobSummary(run));
      return [];
    },
  };
}

/** One `::error` per failing step of each failed scenario (failures at the same step merged), and one for a server that stopped. */
export function githubAnnotations(run: RunResult): string[] {
  const out: string[] = [];
  if (run.serverStopped) out.push(`::error title=${escapeProperty('specwire: the server stopped answering')}::${escapeData(run.serverStopped.message)}`);
  for (const s of run.scenarios) {
    if (s.status !== 'failed') continue;
    const file = relative(process.cwd(), s.file) || s.file;
    const byStep = new Map<string, Failure[]>();
    for (const f of s.failures) {
      const key = f.step ? `${f.step.line}:${f.step.column}` : '';
      byStep.set(key, [...(byStep.get(key) ?? []), f]);
    }
    for (const failures of byStep.values()) {
      const step = failures[0]!.step;
      const props = [`file=${escapeProperty(file)}`, ...(step ? [`line=${step.line}`, `col=${step.column}`] : []), `title=${escapeProperty(`specwire ${[...new Set(failures.map((f) => f.check))].join(', ')}: ${s.contract} › ${s.name}`)}`];
      const body = [...failures.map((f) => detail(f)), `reproduce: ${reproduceCommand(s, run.reproduce)}`].join('\n');
      out.push(`::error ${props.join(',')}::${escapeData(body)}`);
    }
  }
  return out;
}

function detail(f: Failure): string {
  const where = f.step ? `step #${f.step.index + 1} ${f.step.kind}` : '';
  return [`${f.check}: ${f.message}`, [where, f.client && `client ${f.client}`].filter(Boolean).join(', '), f.frame && `frame ${f.frame}`].filter(Boolean).join('\n');
}

/** Markdown for the job summary: totals, the stopped server if any, one row per scenario. */
export function jobSummary(run: RunResult): string {
  const against = run.target.reference ? 'the built-in reference server' : run.target.url;
  const rows = run.scenarios.map((s) => `| ${mark(s)} | ${cell(s.contract)} | ${cell(s.name)} | ${cell(outcome(s))} |`);
  return [
    `### specwire conformance: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`,
    '',
    `Against ${cell(against)} in ${(run.durationMs / 1000).toFixed(1)} s.`,
    ...(run.serverStopped ? ['', `**${cell(run.serverStopped.message)}**`] : []),
    '',
    '| | contract | scenario | result |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    '',
  ].join('\n');
}

function mark(s: ScenarioResult): string {
  return s.status === 'passed' ? '✅' : s.status === 'failed' ? '❌' : '⏭️';
}

function outcome(s: ScenarioResult): string {
  if (s.status === 'skipped') return `skipped${s.skipReason ? `: ${s.skipReason}` : ''}`;
  if (s.status === 'passed') return `passed (${s.durationMs} ms)`;
  const f = s.failures[0]!;
  const at = f.step ? ` (${relative(process.cwd(), s.file) || s.file}:${f.step.line})` : '';
  return `${f.check}: ${f.message.split('\n', 1)[0]}${at}${s.failures.length > 1 ? `, and ${s.failures.length - 1} more` : ''}`;
}

/** A table cell: one line, pipes escaped, bounded. */
function cell(text: string): string {
  const line = text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
