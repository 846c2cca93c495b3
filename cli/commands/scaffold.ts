import type { Command } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { EXIT, UsageError } from '../exit.js';
import { formatDiagnostic } from './lint.js';
import { deriveFlags } from './test.js';
import { DERIVE_DEFAULTS } from '../../conformance/derive/defaults.js';

interface ScaffoldFlags {
  out: string;
  force?: boolean;
  seed?: string;
  runs?: string;
  listen?: string;
}

export function registerScaffold(program: Command): void {
  program
    .command('scaffold')
    .description('Write the suite derived from an AsyncAPI document as editable conformance scenarios (a starting point for your own)')
    .argument('<file...>', 'AsyncAPI 3.x documents (YAML or JSON)')
    .option('--out <dir>', 'scenarios folder; files go to <dir>/<contract>/derived-*.yaml', 'scenarios')
    .option('--force', 'overwrite files that already exist')
    .option('--seed <n>', `seed of the generated bad frames and messages (default ${DERIVE_DEFAULTS.seed})`)
    .option('--runs <n>', `generated valid messages per channel address (default ${DERIVE_DEFAULTS.runs}; 0: none)`)
    .option('--listen <ms>', `listening window of the listen scenario (default ${DERIVE_DEFAULTS.listenMs})`)
    .addHelpText(
      'after',
      `
Per channel address: an auth scenario (refused without credentials, where security is declared),
the requests with their declared replies and correlation ids, a listening window, bad frames with a
bystander, and the generated messages. Credentials the document cannot know are placeholders
("your-test-credential") with a comment. The files pass \`specwire test --check\`; run them with
  specwire test --contract <file> --scenarios <dir> --url <ws-url>
Exit codes: 0 written, 2 a document that does not load or a file that exists (without --force).

Examples:
  $ specwire scaffold asyncapi.yaml --out test/scenarios
  $ specwire test --contract asyncapi.yaml --scenarios test/scenarios --check`,
    )
    .action(async (files: string[], flags: ScaffoldFlags) => {
      process.exitCode = await scaffoldCommand(files, { out: flags.out, force: flags.force, ...deriveFlags(flags) });
    });
}

/** Loads each document, derives its suite and writes it; shared with `specwire test --write-scenarios`. */
export async function scaffoldCommand(files: string[], options: { out: string; force?: boolean; seed?: number; runs?: number; listenMs?: number }): Promise<number> {
  if (!files.length) throw new UsageError('name the documents to scaffold (--contract <file> with --write-scenarios)');
  const { loadContract } = await import('../../contract/load.js');
  const { discoverContracts } = await import('../../contract/discover.js');
  const resolveContractFile = (name: string) =>
    existsSync(name) && /\.(ya?ml|json)$/.test(name) ? resolve(name) : discoverContracts().find((f) => basename(f, extname(f)) === name);
  const { deriveSuite } = await import('../../conformance/derive/suite.js');
  const { scaffoldScenarios } = await import('../../conformance/derive/scaffold.js');
  const out = resolve(options.out);
  const written: string[] = [];
  for (const name of files) {
    const file = resolveContractFile(name);
    if (!file) throw new UsageError(`no document "${name}" (a path to a .yaml/.json file, or a shipped contract id)`);
    const loaded = await loadContract(file);
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (!loaded.ok || errors.length) {
      for (const d of errors.length ? errors : loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      throw new UsageError(`cannot scaffold ${name}: the document does not load`);
    }
    const scaffold = scaffoldScenarios(deriveSuite(loaded.contract, options));
    const existing = scaffold.map((f) => join(out, f.path)).filter((p) => existsSync(p));
    if (existing.length && !options.force) throw new UsageError(`${relative(process.cwd(), existing[0]!)} exists (--force to overwrite)`);
    for (const f of scaffold) {
      const path = join(out, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.text);
      written.push(path);
    }
  }
  for (const p of written) process.stdout.write(`wrote ${relative(process.cwd(), p) || p}\n`);
  return EXIT.ok;
}
