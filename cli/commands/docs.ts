import type { Command } from 'commander';
import { relative, resolve } from 'node:path';
import pc from 'picocolors';
import { projectDocuments } from '../project-documents.js';
import { EXIT } from '../exit.js';
import { listDrift } from './generate.js';
import { formatDiagnostic } from './lint.js';

interface DocsFlags {
  out: string;
  check?: boolean;
}

const DEFAULT_OUT = 'docs/contracts';

export function registerDocs(program: Command): void {
  program
    .command('docs')
    .description('Render each contract into reference docs: <out>/<id>.md, a self-contained <out>/<id>.html, and an index')
    .argument('[files...]', 'AsyncAPI 3.0 documents (default: every document in ./asyncapi/)')
    .option('--out <dir>', 'output folder', DEFAULT_OUT)
    .option('--check', 'write nothing; exit 1 and name the files that are stale, missing or extra')
    .addHelpText(
      'after',
      `
Each page has a message index by direction, a payload table per message (nested fields flattened
to paths), examples, authority (state or refresh hint), the auth model, channels and who may join,
polling endpoints, the latency SLO, limits and close codes. The HTML needs no network and no
JavaScript. Output is deterministic; commit it and let CI run --check.
Exit codes: 0 done or up to date, 1 --check found drift, 2 a document cannot be read or parsed.

Examples:
  $ specwire docs
  $ specwire docs --check
  $ specwire docs path/to/api.yaml --out site/contracts`,
    )
    .action(async (files: string[], flags: DocsFlags) => {
      const started = performance.now();
      const { checkDocs, renderDocs, writeDocs } = await import('../../docsgen/generate.js');
      const outDir = resolve(flags.out);
      const shownOut = relative(process.cwd(), outDir) || '.';
      const result = await renderDocs(files.length ? files : projectDocuments('docs'), outDir);
      if (!result.ok) {
        for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(pc.red(`docs: ${result.diagnostics.length} error(s); nothing ${flags.check ? 'checked' : 'written'}\n`));
        process.exitCode = EXIT.usage;
        return;
      }
      const whole = files.length === 0;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (flags.check) {
        const drift = checkDocs(outDir, result.files, whole);
        const problems = listDrift(drift, shownOut);
        if (problems.length) {
          process.stdout.write(`${pc.red(`${shownOut}/ is out of date with its documents`)} (run: specwire docs${files.length ? ` ${files.join(' ')}` : ''}${flags.out === DEFAULT_OUT ? '' : ` --out ${flags.out}`}):\n`);
          process.stdout.write(`${problems.join('\n')}\n`);
          process.exitCode = EXIT.failures;
        } else {
          process.stdout.write(pc.green(`${shownOut}/ is up to date: ${result.contracts} contract(s), ${drift.unchanged.length} files (${seconds} s)\n`));
        }
        return;
      }
      const drift = writeDocs(outDir, result.files, whole);
      for (const path of result.files.keys()) {
        const changed = drift.stale.includes(path) || drift.missing.includes(path);
        process.stdout.write(`${shownOut}/${path}  ${changed ? pc.cyan('written') : 'unchanged'}\n`);
      }
      for (const path of drift.extra) process.stdout.write(`${shownOut}/${path}  ${pc.dim('removed (no document produces it)')}\n`);
      process.stdout.write(`${result.contracts} contract(s) documented in ${seconds} s\n`);
    });
}
