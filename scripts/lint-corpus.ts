/**
 * Lint on the third-party corpus (test/fixtures/third-party/), beside `asyncapi validate` when the
 * AsyncAPI CLI is in bench/.cache (the lint benchmark installs it; this script only uses it): per
 * document, what each tool says, specwire's errors by rule, its warnings, and its convention
 * findings (must be 0 on documents without x-specwire). Prints a Markdown table for docs/lint.md.
 * `npm run lint-corpus`; exit 0 when no document has a convention finding, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintFiles } from '../contract/lint/lint.js';
import { LINT_RULES } from '../contract/lint/registry.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'test/fixtures/third-party');
const ASYNCAPI_BIN = join(ROOT, 'bench/.cache/node_modules/.bin/asyncapi');
const SPAWN_DEADLINE_MS = 120_000;
const CONVENTIONS = new Set(LINT_RULES.filter((r) => r.level.generic === 'off').map((r) => r.id));

const docs = readdirSync(CORPUS)
  .flatMap((name) => (statSync(join(CORPUS, name)).isDirectory() ? [`${name}/asyncapi.yaml`] : /\.(ya?ml|json)$/.test(name) ? [name] : []))
  .sort();
const haveCli = existsSync(ASYNCAPI_BIN);
if (!haveCli) process.stdout.write('asyncapi validate: not measured (no AsyncAPI CLI in bench/.cache; `npm run bench -- lint` installs it)\n\n');

const rows: string[] = [];
let accepted = 0;
let cleanWhereAccepted = 0;
let conventionFindings = 0;
let errorsTotal = 0;
let warningsTotal = 0;
for (const doc of docs) {
  const file = join(CORPUS, doc);
  const report = await lintFiles([file], { config: false });
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  const conventions = report.diagnostics.filter((d) => CONVENTIONS.has(d.rule));
  conventionFindings += conventions.length;
  errorsTotal += errors.length;
  warningsTotal += warnings.length;
  let validate = '—';
  if (haveCli) {
    const run = spawnSync(ASYNCAPI_BIN, ['validate', file, '--fail-severity', 'error'], { encoding: 'utf8', timeout: SPAWN_DEADLINE_MS, env: { ...process.env, NO_COLOR: '1' } });
    validate = run.status === 0 ? 'valid' : `exit ${run.status ?? 'killed'}`;
    if (run.status === 0) {
      accepted++;
      if (report.exitCode === 0) cleanWhereAccepted++;
    }
  }
  const byRule = [...new Set(errors.map((d) => d.rule))].map((r) => `${r} ×${errors.filter((d) => d.rule === r).length}`).join(', ');
  rows.push(`| \`${doc}\` | ${validate} | ${report.exitCode} | ${byRule || '—'} | ${warnings.length} | ${conventions.length} |`);
}

process.stdout.write(`| document | asyncapi validate | specwire lint exit | errors (rule ×n) | warnings | convention findings |\n| --- | --- | ---: | --- | ---: | ---: |\n${rows.join('\n')}\n\n`);
process.stdout.write(`${docs.length} documents; ${errorsTotal} errors, ${warningsTotal} warnings, ${conventionFindings} convention findings.\n`);
if (haveCli) process.stdout.write(`asyncapi validate accepts ${accepted}; specwire lint exits 0 on ${cleanWhereAccepted} of them (the others: real defects, docs/lint.md).\n`);
process.exitCode = conventionFindings ? 1 : 0;
