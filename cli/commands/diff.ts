import type { Command } from 'commander';
import { relative } from 'node:path';
import type { DiffFormat } from '../../contract/diff/format.js';
import type { FailOn } from '../../contract/diff/semver.js';
import type { Source } from '../../contract/diff/source.js';
import { EXIT, UsageError } from '../exit.js';
import { formatDiagnostic } from './lint.js';

interface DiffFlags {
  format: string;
  failOn: string;
  listRules?: boolean;
}

const FORMATS = ['pretty', 'json', 'markdown'];

export function registerDiff(program: Command): void {
  program
    .command('diff')
    .description('Classify every change between two versions of a contract as breaking, non-breaking or unclassified, by direction, and check the semver bump')
    .argument('[old]', 'old version: a file, or a git revision rev:path (main:asyncapi/taskforge.yaml)')
    .argument('[new]', 'new version: a file or rev:path')
    .option('--format <format>', 'output format: pretty, json or markdown (for a PR comment)', 'pretty')
    .option('--fail-on <level>', 'breaking: exit 1 when a breaking change comes without a major bump; any: also when any change is not covered by the info.version bump, or is unclassified', 'breaking')
    .option('--list-rules', 'list the diff rules, then exit')
    .addHelpText(
      'after',
      `
Server→client changes are judged for consumers, client→server changes for producers: removing a
field or adding an enum value breaks consumers; adding a required field or narrowing a type breaks
producers. Renames are a removal plus an addition. Each change names its JSON path and rule.
A git revision is read with the files it $refs from that same revision, never the working tree.
Exit codes: 0 gate passed, 1 gate failed, 2 a side cannot be read or parsed.

Examples:
  $ specwire diff main:asyncapi/taskforge.yaml asyncapi/taskforge.yaml
  $ specwire diff HEAD~1:asyncapi/taskforge.yaml asyncapi/taskforge.yaml --fail-on any
  $ specwire diff asyncapi/taskforge.yaml asyncapi/taskforge.v2.yaml --format markdown > comment.md
  $ specwire diff --list-rules`,
    )
    .action(async (oldArg: string | undefined, newArg: string | undefined, flags: DiffFlags) => {
      if (flags.listRules) {
        const { DIFF_RULES } = await import('../../contract/diff/rules.js');
        for (const r of DIFF_RULES) process.stdout.write(`${r.id.padEnd(26)} ${r.description}\n`);
        return;
      }
      if (!FORMATS.includes(flags.format)) throw new UsageError(`unknown --format "${flags.format}" (pretty, json or markdown)`);
      if (flags.failOn !== 'breaking' && flags.failOn !== 'any') throw new UsageError(`unknown --fail-on "${flags.failOn}" (breaking or any)`);
      if (!oldArg || !newArg) throw new UsageError('diff needs two versions: specwire diff <old> <new>');
      const { loadContract } = await import('../../contract/load.js');
      const { diffContracts } = await import('../../contract/diff/diff.js');
      const { formatReport } = await import('../../contract/diff/format.js');
      const { gateFails } = await import('../../contract/diff/semver.js');
      const { openSource } = await import('../../contract/diff/source.js');
      const sources: Source[] = [];
      try {
        const sides = [];
        for (const arg of [oldArg, newArg]) {
          const source = openSource(arg);
          if (!source.ok) throw new UsageError(source.error);
          sources.push(source);
          const loaded = await loadContract(source.file);
          if (!loaded.ok) {
            // Same file:line:col lines as lint, pointing at rev:path for a revision.
            for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) process.stderr.write(`${formatDiagnostic({ ...d, file: source.display(d.file) })}\n`);
            process.stderr.write(`specwire: cannot diff: ${source.label} is not a readable AsyncAPI 3.x contract\n`);
            process.exitCode = EXIT.usage;
            return;
          }
          sides.push({ source, contract: loaded.contract });
        }
        const [before, after] = sides as [(typeof sides)[0], (typeof sides)[0]];
        const report = diffContracts(before.contract, after.contract, { old: before.source.label, new: after.source.label });
        const failed = gateFails(report.semver, report.counts, flags.failOn as FailOn);
        const file = (f: string) => {
          for (const s of sources) if (s.ok && s.display(f) !== f) return s.display(f);
          return relative(process.cwd(), f) || f;
        };
        process.stdout.write(formatReport(flags.format as DiffFormat, report, { failed, failOn: flags.failOn, file }));
        process.exitCode = failed ? EXIT.failures : EXIT.ok;
      } finally {
        for (const s of sources) if (s.ok) s.cleanup();
      }
    });
}
