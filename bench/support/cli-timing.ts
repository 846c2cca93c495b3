/**
 * Timing command-line tools as users run them (a cold process each time, wall clock), shared by the
 * lint and startup benches, and the `asyncapi` CLI they compare with: too big to be a dependency
 * (~440 MB), so it is installed on demand into the git-ignored `bench/.cache/` (one `npm install`,
 * reused afterwards), with its usage metrics switched off.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../..');
const CACHE = join(ROOT, 'bench', '.cache');
const ASYNCAPI_BIN = join(CACHE, 'node_modules', '.bin', 'asyncapi');
export const ASYNCAPI_PACKAGE = '@asyncapi/cli@6';
/** asyncapi CLI 6 ignores ASYNCAPI_METRICS; it reads this file (via ASYNCAPI_METRICS_CONFIG_PATH) instead. */
const ASYNCAPI_ANALYTICS = join(CACHE, 'asyncapi-analytics.json');
const SPAWN_DEADLINE_MS = 120_000;
const INSTALL_DEADLINE_MS = 15 * 60_000;

export interface Timed {
  ms: number;
  code: number | null;
  /** CPU time of the process (user + system), when measured with `{ cpu: true }` and it is a Node process. */
  cpuMs?: number;
}

/** The asyncapi binary from the cache, installing it there on first use; undefined when impossible. */
export function ensureAsyncapiCli(): string | undefined {
  if (!existsSync(ASYNCAPI_BIN)) {
    out(`installing ${ASYNCAPI_PACKAGE} into bench/.cache (first run only; ~440 MB, minutes) ...`);
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
  }
  // Without it every run also tries to send usage metrics over the network, which is not validation.
  writeFileSync(ASYNCAPI_ANALYTICS, JSON.stringify({ analyticsEnabled: 'false', infoMessageShown: 'true', userID: 'specwire-bench' }));
  return ASYNCAPI_BIN;
}

const CPU_REPORTER = pathToFileURL(join(ROOT, 'bench', 'support', 'report-cpu.mjs')).href;

/**
 * Runs `command args` to its end (or the deadline) and measures the wall-clock time; with `cpu`, also
 * the CPU time a Node process reports at exit (bench/support/report-cpu.mjs, preloaded through
 * NODE_OPTIONS, which costs a few milliseconds: measure wall time without it).
 */
export function timeSpawn(command: string, args: string[], options: { cpu?: boolean } = {}): Promise<Timed> {
  return new Promise((done) => {
    const start = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ASYNCAPI_METRICS_CONFIG_PATH: ASYNCAPI_ANALYTICS, SUPPRESS_NO_CONFIG_WARNING: '1' };
    if (options.cpu) env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${CPU_REPORTER}`.trim();
    execFile(command, args, { cwd: ROOT, env, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const ms = performance.now() - start;
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      const cpu = /specwire-bench-cpu-us=(\d+)/.exec(String(stderr));
      done({ ms, code, ...(cpu ? { cpuMs: Number(cpu[1]) / 1000 } : {}) });
    });
  });
}

/** `node bin/specwire.js ...args`, the installed bin's entry point. */
export function timeSpecwire(args: string[], options: { cpu?: boolean } = {}): Promise<Timed> {
  return timeSpawn(process.execPath, ['bin/specwire.js', ...args], options);
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Cold-start timings move with whatever else the machine runs: print it beside the figures. */
export function machineNote(): string {
  return `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}, Node ${process.versions.node}`;
}

export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
