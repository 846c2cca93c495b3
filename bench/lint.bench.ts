/**
 * `specwire lint` against `asyncapi validate` (@asyncapi/cli) on the shipped contracts, both as users
 * run them: a cold process each time, wall-clock, median of several runs, measured in the same run.
 *
 * @asyncapi/cli is too big to be a dependency, so this bench installs it on demand into the
 * git-ignored `bench/.cache/` (one `npm install`, reused afterwards) and says so when it cannot.
 * `asyncapi validate` takes one document per process, so the fair comparison is one process per
 * document for both tools; specwire's usual single process for all documents is shown too.
 */
import { basename, relative } from 'node:path';
import { discoverContracts } from '../contract/discover.js';
import { ASYNCAPI_PACKAGE, ROOT, ensureAsyncapiCli, fmt, machineNote, median as middle, out, timeSpawn, type Timed } from './support/cli-timing.js';

const EXPECTED = ['juke-world', 'phase-events', 'media-timeline', 'leaderboard', 'taskforge'];
const RUNS = Number(process.env.LINT_BENCH_RUNS ?? 5);

export async function run(): Promise<void> {
  const files = discoverContracts();
  const names = files.map((f) => basename(f).replace(/\.(ya?ml|json)$/, ''));
  const missing = EXPECTED.filter((id) => !names.includes(id));
  out(`documents: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  if (missing.length) out(`NOTE: not all five contracts exist yet (missing: ${missing.join(', ')}); measured on the documents above`);
  out(`runs: ${RUNS} per row, cold process each, median wall-clock (machine: ${machineNote()})`);

  const asyncapi = ensureAsyncapiCli();

  const rows: [string, number, string][] = [];
  const specwireAll = await median(() => timeSpawn(process.execPath, ['bin/specwire.js', 'lint', '--quiet', ...files]), 'specwire lint (all)');
  rows.push(['specwire lint, all documents in one process', specwireAll, '']);
  const specwireEach = await median(() => sumOver(files, (f) => timeSpawn(process.execPath, ['bin/specwire.js', 'lint', '--quiet', f])), 'specwire lint (each)');
  rows.push(['specwire lint, one process per document (sum)', specwireEach, '']);
  if (asyncapi) {
    const validateEach = await median(() => sumOver(files, (f) => timeSpawn(asyncapi, ['validate', f])), 'asyncapi validate (each)');
    rows.push([
      'asyncapi validate, one process per document (sum)',
      validateEach,
      `${ratio(validateEach, specwireEach)} the time of specwire one-per-document; ${ratio(validateEach, specwireAll)} of specwire all-in-one`,
    ]);
  } else {
    out(`asyncapi validate: NOT MEASURED — ${ASYNCAPI_PACKAGE} is missing from bench/.cache and could not be installed`);
  }

  out('');
  out(`| what | median (${files.length} documents) | per document | note |`);
  out('| --- | ---: | ---: | --- |');
  for (const [what, ms, note] of rows) out(`| ${what} | ${fmt(ms)} | ${fmt(ms / files.length)} | ${note} |`);
}



async function sumOver(files: string[], one: (file: string) => Promise<Timed>): Promise<Timed> {
  let ms = 0;
  let code: number | null = 0;
  for (const file of files) {
    const t = await one(file);
    ms += t.ms;
    if (t.code !== 0) code = t.code;
  }
  return { ms, code };
}

/** Median over RUNS; a run that does not exit 0 (a finding, a crash, the deadline) is reported. */
async function median(measure: () => Promise<Timed>, label: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = await measure();
    if (t.code !== 0) out(`  ${label}: run ${i + 1} exited ${t.code ?? 'by the deadline'} (timing kept, but the documents are not clean for this tool)`);
    times.push(t.ms);
  }
  return middle(times);
}

function ratio(slow: number, fast: number): string {
  return `${(slow / fast).toFixed(1)}×`;
}



