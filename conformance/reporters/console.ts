/** Console reporter: a live line per scenario, a summary, then every failure with its full context. */
import { relative } from 'node:path';
import pc from 'picocolors';
import type { Failure, RunResult, ScenarioResult } from '../result.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { reproduceCommand, type ReproduceTarget } from '../reproduce.js';
import { formatPlacement } from '../instances.js';

export function consoleReporter(options: ReporterOptions): Reporter {
  const c = pc.createColors(options.color);
  return {
    id: 'console',
    onScenarioEnd(r) {
      const mark = r.status === 'passed' ? c.green('✓') : r.status === 'skipped' ? c.yellow('-') : c.red('✗');
      const first = r.failures[0];
      const hint = first ? c.red(`  ${first.check}: ${oneLine(first.message)}`) : r.skipReason ? c.yellow(`  skipped: ${r.skipReason}`) : '';
      const placed = r.instances ? c.dim(` [${formatPlacement(r.instances)}]`) : '';
      options.write(`${mark} ${c.dim(r.contract)} › ${r.name} ${c.dim(`(${r.durationMs} ms)`)}${placed}${hint}\n`);
    },
    onRunEnd(run) {
      const failed = run.scenarios.filter((s) => s.status === 'failed');
      failed.forEach((s, i) => options.write(`\n${formatScenarioFailures(s, i + 1, c, run.reproduce)}`));
      if (run.notDerived?.length) {
        options.write(`\n${c.bold('Not derived')} ${c.dim('(the documents do not say enough; write scenarios for these: specwire scaffold)')}\n`);
        for (const n of run.notDerived) options.write(`  ${c.dim(`${n.contract} ›`)} ${n.what}: ${n.reason}\n`);
      }
      if (run.serverStopped) options.write(`\n${c.bold(c.red(run.serverStopped.message))}\n`);
      const parts = [c.green(`${run.passed} passed`), failed.length ? c.red(`${run.failed} failed`) : `0 failed`];
      const notApplicable = run.scenarios.filter((s) => s.status === 'skipped' && s.skipReason).length;
      if (run.skipped - notApplicable) parts.push(c.yellow(`${run.skipped - notApplicable} skipped (${run.serverStopped ? 'the server stopped answering' : 'run deadline or --bail'})`));
      if (notApplicable) parts.push(c.yellow(`${notApplicable} skipped (not applicable to this server)`));
      const contracts = new Set(run.scenarios.map((s) => s.contract)).size;
      options.write(`\n${run.scenarios.length} scenarios in ${contracts} contract${contracts === 1 ? '' : 's'}: ${parts.join(', ')} — ${(run.durationMs / 1000).toFixed(1)} s against ${describeTarget(run)}\n`);
      return [];
    },
  };
}

/** `the built-in reference server`, the URL, or `2 instances (ws://a, ws://b)`. */
export function describeTarget(run: RunResult): string {
  if (run.target.reference) return 'the built-in reference server';
  const all = run.target.instances;
  return all ? `${all.length} instances (${all.map((i, n) => `${n}: ${i.url}`).join(', ')})` : run.target.url;
}

type Colors = ReturnType<typeof pc.createColors>;

export function formatScenarioFailures(s: ScenarioResult, n: number, c: Colors, target?: ReproduceTarget): string {
  const lines = [`${c.red(`${n})`)} ${s.contract} › ${s.name}  ${c.dim(`[${s.tags.join(', ')}]`)}`];
  if (s.derivedFrom) lines.push(`   ${c.dim('derived from')} ${formatDerivedFrom(s.derivedFrom)}`);
  for (const f of s.failures) lines.push(...formatFailure(s, f, c));
  if (s.suppressed) lines.push(c.dim(`   … ${s.suppressed} more failure(s) of the same checks not listed (see the JSON report)`));
  if (s.instances) lines.push(`   ${c.dim('instances')} ${formatPlacement(s.instances)}`);
  lines.push(c.dim(`   reproduce: ${reproduceCommand(s, target)}`));
  return `${lines.join('\n')}\n`;
}

/** `channel ping, operation receivePing, message ping, #/operations/receivePing/reply (correlationId …)`. */
export function formatDerivedFrom(d: NonNullable<ScenarioResult['derivedFrom']>): string {
  const parts = [`channel ${d.channels.join(', ')}`];
  if (d.operation) parts.push(`operation ${d.operation}`);
  if (d.message) parts.push(`message ${d.message}`);
  if (d.schemaPath) parts.push(d.schemaPath);
  return `${parts.join(', ')}${d.detail ? ` (${d.detail})` : ''}`;
}

function formatFailure(s: ScenarioResult, f: Failure, c: Colors): string[] {
  const where = f.step ? `#${f.step.index + 1} ${f.step.kind} (${relative(process.cwd(), s.file) || s.file}:${f.step.line}:${f.step.column})` : s.derivedFrom ? '(derived)' : '(before the first step)';
  const out = [`   ${c.bold(c.red(f.check))}  ${f.message}`, `     step    ${where}`];
  if (f.client) out.push(`     client  ${f.client}`);
  if (f.instancePath || f.schemaPath) out.push(`     schema  ${f.instancePath ?? ''}${f.schemaPath ? `  (${f.schemaPath})` : ''}`);
  if (f.frame) out.push(`     frame   ${c.dim(f.frame)}`);
  return out;
}

function oneLine(s: string): string {
  const line = s.split('\n')[0]!;
  return line.length > 140 ? `${line.slice(0, 140)}…` : line;
}
