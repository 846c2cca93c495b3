/**
 * `node bin/specwire.js ...` as a real child process with a deadline: its exit code (null when it
 * had to be killed), stdout and stderr, colours off.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** A cold start (tsx + parser) takes 2-4 s on an idle machine; CI boxes are slower and busy. */
export const SPAWN_DEADLINE_MS = 45_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function specwire(args: string[], options: { timeoutMs?: number } = {}, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(ROOT, 'bin/specwire.js'), ...args],
      { cwd: ROOT, timeout: options.timeoutMs ?? SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Fails when output carries a stack trace (bad input must never produce one). */
export function hasStackTrace(run: CliRun): boolean {
  return run.stdout.includes('    at ') || run.stderr.includes('    at ');
}
