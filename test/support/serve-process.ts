/**
 * `specwire serve` as a real child process (multi-instance fault tests, reproduce lines, the packed
 * package): spawned on port 0 with the hooks on, its
 * URL read from the "listening on" line, its stderr kept so a test can await a log line, and killed
 * with SIGKILL (a crash: no close frames, no cleanup) or SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** A cold start (node + five contracts' generated code) takes seconds; busy CI boxes are slower. */
export const SERVE_START_DEADLINE_MS = 60_000;

export interface ServeProcess {
  httpUrl: string;
  wsUrl: string;
  hooksUrl: string;
  /** stderr lines so far. */
  readonly log: string[];
  /** Resolves with the first stderr line matching `pattern` (already seen or coming), failing after `timeoutMs`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (graceful), resolved with the exit code. */
  stop(): Promise<number | null>;
  readonly exited: boolean;
}

export interface ServeProcessOptions {
  /** The CLI to run: this checkout's `bin/specwire.js` by default, or an installed package's. */
  bin?: string;
  /** Working folder of the process. Default: this checkout. */
  cwd?: string;
  /** Expose the test hooks (`--hooks`). Default true; false runs it as in production. */
  hooks?: boolean;
  deadlineMs?: number;
}

export async function startServeProcess(args: string[], options: ServeProcessOptions = {}): Promise<ServeProcess> {
  const deadlineMs = options.deadlineMs ?? SERVE_START_DEADLINE_MS;
  const bin = options.bin ?? resolve(ROOT, 'bin/specwire.js');
  const hooks = options.hooks === false ? [] : ['--hooks'];
  const child: ChildProcess = spawn(process.execPath, [bin, 'serve', '--port', '0', ...hooks, ...args], { cwd: options.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => ((exited = true), r(code))));
  const log: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    partial += String(d);
    const lines = partial.split('\n');
    partial = lines.pop()!;
    log.push(...lines);
    for (const w of [...waiters]) w();
  });
  const httpUrl = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`specwire serve: no "listening" line within ${deadlineMs} ms: ${out}${log.join('\n')}`)), deadlineMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`specwire serve exited ${code} before listening: ${out}${log.join('\n')}`));
    });
  });
  const waitForLog = (pattern: RegExp, timeoutMs = 15_000): Promise<string> =>
    new Promise((resolveLine, reject) => {
      const check = () => {
        const hit = log.find((l) => pattern.test(l));
        if (!hit) return false;
        clearTimeout(timer);
        waiters.delete(check);
        resolveLine(hit);
        return true;
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; got:\n${log.join('\n')}`));
      }, timeoutMs);
      if (!check()) waiters.add(check);
    });
  return {
    httpUrl,
    wsUrl: httpUrl.replace(/^http/, 'ws'),
    hooksUrl: `${httpUrl}/__specwire`,
    log,
    waitForLog,
    get exited() {
      return exited;
    },
    kill9: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      return exit;
    },
  };
}
