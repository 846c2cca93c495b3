import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import pc from 'picocolors';
import type { Drift } from '../../codegen/drift.js';
import { projectDocuments } from '../project-documents.js';
import { EXIT } from '../exit.js';
import { formatDiagnostic } from './lint.js';

interface GenerateFlags {
  out: string;
  check?: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('Generate TypeScript types, standalone validators and decoders per contract into <out>/<contract id>/')
    .argument('[files...]', 'AsyncAPI 3.0 documents (default: every document in ./asyncapi/)')
    .option('--out <dir>', 'output folder, one subfolder per contract id', 'generated')
    .option('--check', 'write nothing; exit 1 and name the files that are stale, missing or extra')
    .addHelpText(
      'after',
      `
Each contract gets index.d.ts (types, ServerMessage/ClientMessage unions), index.js (decode,
validate, encode, guards) and validators.js (ajv, compiled now, not at start-up); a contract with
x-specwire and a stream channel also gets client.js/client.d.ts, the descriptor for specwire/client.
Output is deterministic; commit it and let CI run --check. Import it as specwire/contracts/<id>
(and specwire/contracts/<id>/client).
Exit codes: 0 done or up to date, 1 --check found drift, 2 a document cannot be read or parsed.

Examples:
  $ specwire generate
  $ specwire generate --check
  $ specwire generate path/to/api.yaml --out src/generated`,
    )
    .action(async (files: string[], flags: GenerateFlags) => {
      const started = performance.now();
      const { checkOutputs, generateContracts, writeOutputs } = await import('../../codegen/generate.js');
      const targets = files.length ? files : projectDocuments('generate');
      const outDir = resolve(flags.out);
      const shownOut = relative(process.cwd(), outDir) || '.';
      const result = await generateContracts(targets, outDir);
      if (!result.ok) {
        for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(pc.red(`generate: ${result.diagnostics.length} error(s); nothing ${flags.check ? 'checked' : 'written'}\n`));
        process.exitCode = EXIT.usage;
        return;
      }
      for (const o of result.outputs) {
        for (const w of o.warnings) process.stderr.write(`${relative(process.cwd(), o.file)}  ${pc.yellow('warning')}  ${w}\n`);
      }
      const whole = files.length === 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (flags.check) {
        const drift = checkOutputs(outDir, result.outputs, whole);
        const problems = listDrift(drift, shownOut);
        if (problems.length) {
          process.stdout.write(`${pc.red(`${shownOut}/ is out of date with its documents`)} (run: specwire generate${files.length ? ` ${files.join(' ')}` : ''}${flags.out === 'generated' ? '' : ` --out ${flags.out}`}):\n`);
          process.stdout.write(`${problems.join('\n')}\n`);
          process.exitCode = EXIT.failures;
        } else {
          process.stdout.write(pc.green(`${shownOut}/ is up to date: ${result.outputs.length} contract(s), ${drift.unchanged.length} files (${seconds} s)\n`));
        }
        return;
      }
      const drift = writeOutputs(outDir, result.outputs, whole);
      for (const o of result.outputs) {
        const changed = [...o.files.keys()].filter((p) => drift.stale.includes(p) || drift.missing.includes(p)).length;
        process.stdout.write(`${shownOut}/${o.id}/  ${o.files.size} files, ${changed ? pc.cyan(`${changed} written`) : 'unchanged'}\n`);
      }
      for (const path of drift.extra) process.stdout.write(`${shownOut}/${path}  ${pc.dim('removed (no document produces it)')}\n`);
      process.stdout.write(`${result.outputs.length} contract(s) generated in ${seconds} s\n`);
    });
}

/** One line per drifted file, for `--check` output (shared with `specwire docs`). */
export function listDrift(drift: Drift, out: string): string[] {
  return [
    ...drift.stale.map((p) => `  stale    ${out}/${p}`),
    ...drift.missing.map((p) => `  missing  ${out}/${p}`),
    ...drift.extra.map((p) => `  extra    ${out}/${p}`),
  ];
}
