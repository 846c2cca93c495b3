/** `npm run mutants -- --derived`: the derived-conformance zoo, live lines then the Markdown table of docs/reliability.md. */
import { basename } from 'node:path';
import { DERIVED_MUTANTS, FIXTURES, derivedMarkdownTable, failedChecks, runDerivedAgainstMock } from './derived-zoo.js';

export async function runDerivedZoo(): Promise<number> {
  const started = Date.now();
  for (const fixture of Object.values(FIXTURES)) {
    const run = await runDerivedAgainstMock(fixture);
    if (run.failed) {
      process.stdout.write(`mutants: the unbroken mock of ${fixture.file} fails ${[...failedChecks(run)].map(([c, s]) => `${c} (${s})`).join(', ')}\nkills would prove nothing.\n`);
      return 1;
    }
    process.stdout.write(`baseline ${basename(fixture.file)}: ${run.passed} derived cases passed\n`);
  }
  const rows = [];
  for (const mutant of DERIVED_MUTANTS) {
    const t = Date.now();
    const caught = failedChecks(await runDerivedAgainstMock(mutant.fixture, mutant));
    rows.push({ mutant, caught });
    process.stdout.write(`${caught.has(mutant.check) ? 'killed  ' : 'SURVIVED'} ${mutant.name.padEnd(24)} ${mutant.check.padEnd(20)} (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
  }
  const survivors = rows.filter((r) => !r.caught.has(r.mutant.check));
  process.stdout.write(`\n${derivedMarkdownTable(rows)}\n\n${rows.length - survivors.length}/${rows.length} derived mutants killed in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return survivors.length ? 1 : 0;
}
