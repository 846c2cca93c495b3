import type { Command } from 'commander';
import { relative } from 'node:path';
import pc from 'picocolors';
import type { Diagnostic } from '../../contract/diagnostic.js';
import { compareDiagnostics } from '../../contract/diagnostic.js';
import { existsSync } from 'node:fs';
import { projectDocuments } from '../project-documents.js';

/** A project's own scenarios, as `specwire test --scenarios` reads them. */
const PROJECT_SCENARIOS_DIR = 'conformance/scenarios';
import { UsageError } from '../exit.js';

interface LintFlags {
  format: 'pretty' | 'json';
  listRules?: boolean;
  quiet?: boolean;
  /** `true` (bare flag): the project's conformance/scenarios; a string: that folder; `false` (--no-scenarios): none; unset: see lintTargets. */
  scenarios?: boolean | string;
  contract?: string;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('Check AsyncAPI 3.0 documents and conformance scenarios: parser diagnostics plus specwire rules, as file:line:col')
    .argument('[files...]', 'documents or scenario files to lint (default: every document in ./asyncapi/ and every scenario in ./conformance/scenarios/)')
    .option('--format <format>', 'output format: pretty or json', 'pretty')
    .option('--quiet', 'report errors only, not warnings')
    .option('--list-rules', 'list the rules with their set and severity, then exit')
    .option('--scenarios [dir]', 'also lint every scenario under this folder (default folder: conformance/scenarios)')
    .option('--no-scenarios', 'with no files given, lint the documents only')
    .option('--contract <id-or-file>', 'contract to check scenario files against (default: the name of the folder each sits in)')
    .addHelpText(
      'after',
      `
Generic rules apply to any AsyncAPI 3.0 document; specwire rules (seq/ts, authority, SLO, polling,
access) apply to documents that opt in with info.x-specwire (see docs/conventions.md).
A file with a top-level "steps:" key is a scenario: it is checked against its contract (unknown
client, channel, message type, field, event, example, endpoint: scenario-* rules, docs/scenarios.md).
Exit codes: 0 clean (warnings allowed), 1 rule errors, 2 a file cannot be read or parsed.

Examples:
  $ specwire lint
  $ specwire lint asyncapi/taskforge.yaml --format json
  $ specwire lint conformance/scenarios/taskforge/*.yaml
  $ specwire lint --scenarios my-scenarios --contract asyncapi/taskforge.yaml
  $ specwire lint --list-rules`,
    )
    .action(async (files: string[], flags: LintFlags) => {
      if (flags.format !== 'pretty' && flags.format !== 'json') throw new UsageError(`unknown --format "${String(flags.format)}" (pretty or json)`);
      if (flags.listRules) {
        const { LINT_RULES } = await import('../../contract/lint/registry.js');
        for (const r of LINT_RULES) process.stdout.write(`${r.id.padEnd(28)} ${r.set.padEnd(8)} ${r.severity.padEnd(7)} ${r.description}\n`);
        return;
      }
      const targets = await lintTargets(files, flags);
      const report = await lintAll(targets, flags.contract);
      const shown = flags.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
      if (flags.format === 'json') {
        const out = { files: targets.map((f) => relative(process.cwd(), f) || f), diagnostics: shown.map(toJson), exitCode: report.exitCode };
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const d of shown) process.stdout.write(`${formatDiagnostic(d)}\n`);
        process.stdout.write(`${summary(shown, targets.length)}\n`);
      }
      process.exitCode = report.exitCode;
    });
}

/**
 * Files named on the command line, plus a scenario folder: `--scenarios <dir>`; or the project's
 * `conformance/scenarios/` with a bare `--scenarios`, and by default when no file is named (if the
 * folder exists: a project without scenarios lints its documents only).
 */
async function lintTargets(files: string[], flags: LintFlags): Promise<string[]> {
  const { discoverScenarioFiles } = await import('../../conformance/scenario/lint.js');
  const base = files.length ? files : projectDocuments('lint');
  const folder =
    typeof flags.scenarios === 'string'
      ? flags.scenarios
      : flags.scenarios === true || (flags.scenarios === undefined && !files.length && existsSync(PROJECT_SCENARIOS_DIR))
        ? PROJECT_SCENARIOS_DIR
        : undefined;
  if (!folder) return base;
  try {
    return [...base, ...discoverScenarioFiles(folder)];
  } catch (err) {
    throw new UsageError(`cannot read --scenarios folder ${folder}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Documents through the document linter, scenarios through the scenario linter; one report. */
async function lintAll(targets: string[], contract: string | undefined) {
  // The parser, ajv and the rules load only when something is linted: `specwire --help` stays fast.
  const { lintFiles } = await import('../../contract/lint/lint.js');
  const { isScenarioFile, lintScenarioFiles } = await import('../../conformance/scenario/lint.js');
  const scenarios = targets.filter((f) => isScenarioFile(f));
  const documents = targets.filter((f) => !scenarios.includes(f));
  const docs = await lintFiles(documents);
  const scen = await lintScenarioFiles(scenarios, { contract, documents });
  const diagnostics = [...docs.diagnostics, ...scen.diagnostics].sort(compareDiagnostics);
  const exitCode = docs.unparsed.length || scen.unparsed.length ? 2 : diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  return { diagnostics, exitCode };
}

/** `asyncapi/taskforge.yaml:12:7  error  example-valid  ...` — the format editors and CI annotate from. */
export function formatDiagnostic(d: Diagnostic): string {
  const sev = d.severity === 'error' ? pc.red('error') : d.severity === 'warning' ? pc.yellow('warning') : pc.dim('info');
  return `${relative(process.cwd(), d.file) || d.file}:${d.line}:${d.column}  ${sev}  ${pc.dim(d.rule)}  ${d.message}`;
}

function summary(diagnostics: Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const text = `${fileCount} file${fileCount === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return errors ? pc.red(text) : warnings ? pc.yellow(text) : pc.green(text);
}

function toJson(d: Diagnostic) {
  return { file: relative(process.cwd(), d.file) || d.file, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message, path: d.path };
}
