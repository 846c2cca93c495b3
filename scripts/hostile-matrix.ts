/**
 * The hostile-server matrix of docs/reliability.md, measured: for each misbehaving server
 * (test/support/hostile-server.ts) run `specwire test --url` as a child process under
 * `/usr/bin/time` and print the failed check, exit code, wall time, the runner's peak RSS and the
 * bytes the server got to write. `npm run hostile-matrix`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunResult } from '../conformance/result.js';
import { startHostileServer, type HostileBehaviour } from '../test/support/hostile-server.js';

const ROOT = resolve(import.meta.dirname, '..');
const CASES: [HostileBehaviour, string][] = [
  ['never-answers', 'subscribe, get the ack'],
  ['closes-mid-handshake', 'subscribe, get the ack'],
  ['garbage-handshake', 'subscribe, get the ack'],
  ['garbage-frames', 'subscribe, get the ack'],
  ['huge-frame', 'subscribe, get the ack'],
  ['endless-frames', 'listens for ten seconds'],
  ['endless-big-frames', 'listens for ten seconds'],
  ['half-open', 'subscribe, get the ack'],
  ['slow-handshake', 'subscribe, get the ack'],
];
const TIME = '/usr/bin/time';

const rows: string[] = ['| server | failed checks (besides payload-schema) | exit | scenario | whole process | runner peak RSS | bytes the server wrote |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |'];
for (const [behaviour, grep] of CASES) {
  const server = await startHostileServer(behaviour);
  const out = mkdtempSync(join(tmpdir(), 'specwire-hostile-'));
  const args = ['bin/specwire.js', 'test', '--contract', 'taskforge', '--scenarios', 'test/fixtures/conformance/broken-server', '--grep', grep, '--url', server.url, '--jwt-secret', 'hostile', '--reporter', 'json', '--out', out, '--timeout', '60000'];
  const started = Date.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
    const useTime = existsSync(TIME);
    execFile(useTime ? TIME : process.execPath, useTime ? ['-f', 'peak-rss-kb=%M', process.execPath, ...args] : args, { cwd: ROOT, timeout: 120_000, killSignal: 'SIGKILL' }, (err, _stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stderr }),
    );
  });
  const wall = Date.now() - started;
  const peak = /peak-rss-kb=(\d+)/.exec(stderr)?.[1];
  let check = '?';
  let scenarioMs = NaN;
  try {
    const report = JSON.parse(readFileSync(join(out, 'specwire-report.json'), 'utf8')) as RunResult;
    const failures = report.scenarios[0]!.failures;
    check = [...new Set(failures.map((f) => f.check))].filter((c) => c !== 'payload-schema').join(', ') || failures[0]?.check || 'none';
    scenarioMs = report.scenarios[0]!.durationMs;
  } catch {
    check = 'no report';
  }
  rows.push(`| ${behaviour} | ${check} | ${code ?? 'killed'} | ${(scenarioMs / 1000).toFixed(1)} s | ${(wall / 1000).toFixed(1)} s | ${peak ? `${Math.round(Number(peak) / 1024)} MiB` : 'n/a'} | ${(server.bytesAfterHandshake() / 2 ** 20).toFixed(1)} MiB |`);
  process.stdout.write(`${rows.at(-1)}\n`);
  rmSync(out, { recursive: true, force: true });
  await server.close();
}
process.stdout.write(`\n${rows.join('\n')}\n`);
