import type { Command } from 'commander';
import { resolve } from 'node:path';
import { formatDiagnostic } from '../../contract/lint/format/pretty.js';
import { EXIT, UsageError } from '../exit.js';

interface CoverageFlags {
  contract?: string[];
  scenarios?: string;
  format: string;
}

const FORMATS = ['pretty', 'json'];

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description("Matrix of every promise of a contract against the scenarios and always-on checks that test it")
    .option('--contract <id-or-file...>', 'contracts, by id or document path (default: every shipped contract)')
    .option('--scenarios <dir>', 'folder of <contract>/*.yaml scenarios (default: the shipped ones)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'pretty')
    .addHelpText(
      'after',
      `
Promises: each x-specwire limit, heartbeat timer, refusal, close code, polling endpoint, the SLO,
version negotiation, allowed origins; each channel's access rule, stream (ordering, replay,
resync) and SSE promises; each error code and each message in each direction. A promise is covered
by a scenario whose contract: references name it (or a clause above it), by a step that sends or
expects it (message types, close codes, refusals, error codes, polling paths), or by an always-on
check that judges it on every frame. docs/coverage.md.
Exit codes: 0 every promise covered, 1 a promise is uncovered, 2 bad flags, contracts or scenarios.

Examples:
  $ specwire coverage
  $ specwire coverage --contract phase-events --format json
  $ specwire coverage --contract their-api.yaml --scenarios conformance/scenarios`,
    )
    .action(async (flags: CoverageFlags) => {
      process.exitCode = await coverageCommand(flags);
    });
}

async function coverageCommand(flags: CoverageFlags): Promise<number> {
  if (!FORMATS.includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${flags.format}"`);
  const { planRun } = await import('../../conformance/plan.js');
  const { coverageOf } = await import('../../conformance/coverage/matrix.js');
  const { formatCoverage } = await import('../../conformance/coverage/format.js');
  const plan = await planRun({ contracts: flags.contract ?? [], scenariosDir: flags.scenarios && resolve(flags.scenarios) });
  if (!plan.ok) {
    for (const d of plan.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (plan.message) process.stderr.write(`specwire: ${plan.message}\n`);
    return EXIT.usage;
  }
  const matrix = plan.contracts.map((c) => coverageOf(c.view, c.scenarios));
  process.stdout.write(flags.format === 'json' ? `${JSON.stringify({ contracts: matrix }, null, 2)}\n` : formatCoverage(matrix));
  return matrix.some((c) => c.uncovered) ? EXIT.failures : EXIT.ok;
}
