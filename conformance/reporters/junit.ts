/** JUnit XML reporter: one testsuite per contract, one testcase per scenario, a failure per failed check. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunResult, ScenarioResult } from '../result.js';
import type { Reporter, ReporterOptions } from './reporter.js';
import { formatDerivedFrom } from './console.js';
import { formatPlacement } from '../instances.js';

export const JUNIT_REPORT_FILE = 'junit.xml';

export function junitReporter(options: ReporterOptions): Reporter {
  return {
    id: 'junit',
    onRunEnd(run) {
      mkdirSync(options.outDir, { recursive: true });
      const file = join(options.outDir, JUNIT_REPORT_FILE);
      writeFileSync(file, toJunit(run));
      return [file];
    },
  };
}

export function toJunit(run: RunResult): string {
  const byContract = new Map<string, ScenarioResult[]>();
  for (const s of run.scenarios) byContract.set(s.contract, [...(byContract.get(s.contract) ?? []), s]);
  const suites = [...byContract].map(([contract, scenarios]) => {
    const time = (scenarios.reduce((t, s) => t + s.durationMs, 0) / 1000).toFixed(3);
    const failures = scenarios.filter((s) => s.status === 'failed').length;
    const skipped = scenarios.filter((s) => s.status === 'skipped').length;
    const cases = scenarios.map((s) => testcase(run, contract, s)).join('\n');
    return `  <testsuite name="${esc(contract)}" tests="${scenarios.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">\n${cases}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="specwire conformance" tests="${run.scenarios.length}" failures="${run.failed}" time="${(run.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function testcase(run: RunResult, contract: string, s: ScenarioResult): string {
  const file = relative(process.cwd(), s.file) || s.file;
  // GitLab and others link a test case to file:line: the first failing step, else the scenario's file.
  const line = s.failures.find((f) => f.step)?.step?.line ?? 1;
  const open = `    <testcase classname="${esc(`${contract}.${s.tags.join('.')}`)}" name="${esc(s.name)}" file="${esc(file)}" line="${line}" time="${(s.durationMs / 1000).toFixed(3)}"`;
  // Which instance each client used: a property, which CI viewers list beside the case.
  const props = s.instances ? `      <properties><property name="instances" value="${esc(formatPlacement(s.instances))}"/></properties>\n` : '';
  if (s.status === 'skipped') return `${open}>\n${props}      <skipped message="${esc(s.skipReason ?? (run.serverStopped ? run.serverStopped.message : 'run deadline reached'))}"/>\n    </testcase>`;
  if (s.status === 'passed') return props ? `${open}>\n${props}    </testcase>` : `${open}/>`;
  const failures = s.failures
    .map((f) => {
      const where = f.step ? `step #${f.step.index + 1} ${f.step.kind} at ${file}:${f.step.line}:${f.step.column}` : s.derivedFrom ? `derived from ${formatDerivedFrom(s.derivedFrom)}` : 'before the first step';
      const detail = [f.message, where, f.client && `client: ${f.client}`, (f.instancePath || f.schemaPath) && `schema: ${f.instancePath ?? ''} ${f.schemaPath ?? ''}`, f.frame && `frame: ${f.frame}`]
        .filter(Boolean)
        .join('\n');
      return `      <failure type="${esc(f.check)}" message="${esc(`${f.check}: ${f.message.split('\n')[0]}`)}">${esc(detail)}</failure>`;
    })
    .join('\n');
  return `${open}>\n${props}${failures}\n    </testcase>`;
}

/** XML 1.0 escapes, and drops characters XML cannot carry (a hostile frame may contain them). */
export function esc(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
