/**
 * `specwire lint` against `asyncapi validate` (@asyncapi/cli) on the shipped contracts, both as users
 * run them: a cold process each time, wall-clock, median of several runs, measured in the same run.
 *
 * @asyncapi/cli is too big to be a dependency, so this bench installs it on demand into the
 * git-ignored `bench/.cache/` (one `npm install`, reused afterwards) and says so when it cannot.
 * `asyncapi validate` takes one document per process, so the fair comparison is one process per
 * document for both tools; specwire's usual single process for all documents is shown too.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { discoverContracts } from '../contract/discover.js';

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = join(import.meta.dirname, '.cache');
const ASYNCAPI_BIN = join(CACHE, 'node_modules', '.bin', 'asyncapi');
const ASYNCAPI_PACKAGE = '@asyncapi/cli@6';
const EXPECTED = ['juke-world', 'phase-events', 'media-timeline', 'leaderboard', 'taskforge'];
const RUNS = Number(process.env.LINT_BENCH_RUNS ?? 5);
const SPAWN_DEADLINE_MS = 120_000;
const INSTALL_DEADLINE_MS = 15 * 60_000;

interface Timed {
  ms: number;
  code: number | null;
}

export async function run(): Promise<void> {
  const files = discoverContracts();
  const names = files.map((f) => basename(f).replace(/\.(ya?ml|json)$/, ''));
  const missing = EXPECTED.filter((id) => !names.includes(id));
  out(`documents: ${files.map((f) => relative(ROOT, f)).join(', ')}`);
  if (missing.length) out(`NOTE: not all five contracts exist yet (missing: ${missing.join(', ')}); measured on the documents above`);
  out(`runs: ${RUNS} per row, cold process each, median wall-clock (machine: ${cpuNote()})`);

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

/** The asyncapi binary from the cache, installing it there on first use; undefined when impossible. */
function ensureAsyncapiCli(): string | undefined {
  if (existsSync(ASYNCAPI_BIN)) return ASYNCAPI_BIN;
  out(`installing ${ASYNCAPI_PACKAGE} into bench/.cache (first run only; large) ...`);
  mkdirSync(CACHE, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', CACHE, ASYNCAPI_PACKAGE, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: INSTALL_DEADLINE_MS,
    encoding: 'utf8',
  });
  if (npm.status !== 0 || !existsSync(ASYNCAPI_BIN)) {
    out(`install failed (${npm.error?.message ?? `exit ${npm.status}`}): ${(npm.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`);
    return undefined;
  }
  return ASYNCAPI_BIN;
}

function timeSpawn(command: string, args: string[]): Promise<Timed> {
  return new Promise((done) => {
    const start = performance.now();
    // ASYNCAPI_METRICS=false: the asyncapi CLI would otherwise send usage metrics from every run.
    const env = { ...process.env, NO_COLOR: '1', ASYNCAPI_METRICS: 'false' };
    execFile(command, args, { cwd: ROOT, env, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (err) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      done({ ms: performance.now() - start, code });
    });
  });
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
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

function ratio(slow: number, fast: number): string {
  return `${(slow / fast).toFixed(1)}×`;
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Cold-start timings move with whatever else the machine runs: print it beside the figures. */
function cpuNote(): string {
  return `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
