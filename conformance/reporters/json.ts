/** JSON reporter: the whole run, failures and per-scenario frame timelines, for CI and tooling. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter, ReporterOptions } from './reporter.js';

export const JSON_REPORT_FILE = 'specwire-report.json';

export function jsonReporter(options: ReporterOptions): Reporter {
  return {
    id: 'json',
    onRunEnd(run) {
      mkdirSync(options.outDir, { recursive: true });
      const file = join(options.outDir, JSON_REPORT_FILE);
      const out = { ...run, scenarios: run.scenarios.map((s) => ({ ...s, file: relative(process.cwd(), s.file) || s.file })) };
      writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
      return [file];
    },
  };
}
