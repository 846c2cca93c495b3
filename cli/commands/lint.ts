import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { compareDiagnostics } from '../../contract/diagnostic.js';
import { formatDiagnostic } from '../../contract/lint/format/pretty.js';
import type { RuleLevel } from '../../contract/lint/rule.js';
import { packageVersion } from '../../contract/package-root.js';
import { UsageError } from '../exit.js';
import { projectDocuments } from '../project-documents.js';

/** A project's own scenarios, as `specwire test --scenarios` reads them. */
const PROJECT_SCENARIOS_DIR = 'conformance/scenarios';

export { formatDiagnostic };

const FORMATS = ['pretty', 'json', 'sarif', 'github', 'junit'];

interface LintFlags {
  format: string;
  listRules?: boolean;
  quiet?: boolean;
  /** `true` (bare flag): the project's conformance/scenarios; a string: that folder; `false` (--no-scenarios): none; unset: see lintTargets. */
  scenarios?: boolean | string;
  contract?: string;
  /** A path: that config file; `false` (`--no-config`): none; undefined: search upward. */
  config?: string | false;
  rule?: string[];
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('Check AsyncAPI 3.x documents and conformance scenarios: parser diagnostics plus specwire rules, as file:line:col')
    .argument('[files...]', 'documents or scenario files to lint (default: every document in ./asyncapi/ and every scenario in ./conformance/scenarios/)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'pretty')
    .option('--quiet', 'report errors only, not warnings')
    .option('--list-rules', 'list the rules with their level per profile (generic, specwire), then exit')
    .option('--config <file>', 'config file for every document (default: the nearest specwire.config.yaml at or above each document)')
    .option('--no-config', 'use no config file')
    .option('--rule <id=level>', 'set a rule to off, info, warning or error, over the profile and config (repeatable)', (v: string, all: string[] | undefined) => [...(all ?? []), v])
    .option('--scenarios [dir]', 'also lint every scenario under this folder (default folder: conformance/scenarios)')
    .option('--no-scenarios', 'with no files given, lint the documents only')
    .option('--contract <id-or-file>', 'contract to check scenario files against (default: the name of the folder each sits in)')
    .addHelpText(
      'after',
      `
Profiles: a document with info.x-specwire gets every rule (docs/conventions.md); any other AsyncAPI
3.x document gets the generic profile: errors for real defects only (spec violations, broken $refs,
invalid examples, reply and correlation-id inconsistencies), warnings for good practice, specwire
conventions off. A specwire.config.yaml (found upward from each document) and --rule change levels
per rule and file glob: see docs/lint.md.
A file with a top-level "steps:" key is a scenario: it is checked against its contract (unknown
client, channel, message type, field, event, example, endpoint: scenario-* rules, docs/scenarios.md).
Formats: pretty (file:line:col), json, sarif (SARIF 2.1.0 for code scanning), github (workflow
annotations), junit (JUnit XML): docs/ci.md shows them in a workflow.
Exit codes: 0 clean (warnings allowed), 1 rule errors, 2 a file or config cannot be read or parsed.

Examples:
  $ specwire lint
  $ specwire lint their-api.yaml --rule message-has-example=off
  $ specwire lint asyncapi/taskforge.yaml --format json
  $ specwire lint asyncapi/*.yaml --format sarif > specwire.sarif
  $ specwire lint conformance/scenarios/taskforge/*.yaml
  $ specwire lint --scenarios my-scenarios --contract asyncapi/taskforge.yaml
  $ specwire lint --list-rules`,
    )
    .action(async (files: string[], flags: LintFlags) => {
      if (!FORMATS.includes(flags.format)) throw new UsageError(`unknown --format "${String(flags.format)}" (${FORMATS.join(', ')})`);
      const { LINT_RULES } = await import('../../contract/lint/registry.js');
      if (flags.listRules) {
        process.stdout.write(`${'rule'.padEnd(28)} ${'generic'.padEnd(8)} ${'specwire'.padEnd(8)} description\n`);
        for (const r of LINT_RULES) process.stdout.write(`${r.id.padEnd(28)} ${r.level.generic.padEnd(8)} ${r.level.specwire.padEnd(8)} ${r.description}\n`);
        return;
      }
      const ruleLevels = await parseRuleFlags(flags.rule ?? [], new Set(LINT_RULES.map((r) => r.id)));
      const targets = await lintTargets(files, flags);
      const report = await lintAll(targets, flags.contract, { config: flags.config, ruleLevels });
      const shown = flags.quiet ? report.diagnostics.filter((d) => d.severity === 'error') : report.diagnostics;
      const { LINT_FORMATS, isLintFormat } = await import('../../contract/lint/format/index.js');
      if (!isLintFormat(flags.format)) return;
      const { resolve } = await import('node:path');
      process.stdout.write(LINT_FORMATS[flags.format]({ diagnostics: shown, files: targets.map((f) => resolve(f)), exitCode: report.exitCode, cwd: process.cwd(), version: packageVersion() }));
      process.exitCode = report.exitCode;
    });
}

/** `--rule example-valid=warning` → `{ 'example-valid': 'warning' }`; a bad flag is a usage error. */
async function parseRuleFlags(flags: string[], known: Set<string>): Promise<Record<string, RuleLevel>> {
  const { parseLevel } = await import('../../contract/lint/config.js');
  const out: Record<string, RuleLevel> = {};
  for (const flag of flags) {
    const [id = '', value = '', ...rest] = flag.split('=');
    if (!id || !value || rest.length) throw new UsageError(`--rule "${flag}": expected <rule-id>=<level>, e.g. --rule message-has-example=off`);
    if (!known.has(id)) throw new UsageError(`--rule "${flag}": unknown rule "${id}" (specwire lint --list-rules lists them)`);
    const level = parseLevel(value);
    if (!level) throw new UsageError(`--rule "${flag}": "${value}" is not a level (off, info, warning, error)`);
    out[id] = level;
  }
  return out;
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
async function lintAll(targets: string[], contract: string | undefined, options: { config?: string | false; ruleLevels: Record<string, RuleLevel> }) {
  // The parser, ajv and the rules load only when something is linted: `specwire --help` stays fast.
  const { lintFiles } = await import('../../contract/lint/lint.js');
  const { isScenarioFile, lintScenarioFiles } = await import('../../conformance/scenario/lint.js');
  const scenarios = targets.filter((f) => isScenarioFile(f));
  const documents = targets.filter((f) => !scenarios.includes(f));
  const docs = await lintFiles(documents, options);
  const scen = await lintScenarioFiles(scenarios, { contract, documents });
  const diagnostics = [...docs.diagnostics, ...scen.diagnostics].sort(compareDiagnostics);
  const exitCode = docs.unparsed.length || scen.unparsed.length ? 2 : diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
  return { diagnostics, exitCode: exitCode as 0 | 1 | 2 };
}
