/**
 * `specwire test` on a document without scenarios, and `specwire scaffold`, as a team runs them: real
 * processes against servers started here (the mock of a third-party document, the reference server).
 * Exit codes, the report's derived-from and not-derived lines, reproduction hints, no stack traces.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContract } from '../../contract/load.js';
import { silentLogger, startReferenceServer, type ReferenceServer } from '../../server/index.js';
import { startMockServer, type MockServer } from '../../server/mock/server.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';
import { alter, DERIVED_MUTANTS } from '../mutants/derived-zoo.js';

const ROOT = resolve(import.meta.dirname, '../..');
const KRAKEN = 'test/fixtures/third-party/asyncapi-kraken-websocket.yaml';
const DEADLINE_MS = 60_000;

const closers: (() => Promise<void>)[] = [];
let temp: TempFiles | undefined;
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  temp?.remove();
  temp = undefined;
});

function specwire(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/specwire.js', ...args], { cwd: ROOT, timeout: DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

async function mockOf(text: string): Promise<MockServer> {
  temp ??= tempFiles();
  const file = temp.write('served.yaml', text);
  const loaded = await loadContract(file);
  if (!loaded.ok) throw new Error('the served document does not load');
  const mock = await startMockServer(loaded.contract, { port: 0, emitEveryMs: 50, logger: silentLogger });
  closers.push(() => mock.close());
  return mock;
}

describe('specwire test on a document without scenarios', { timeout: 3 * DEADLINE_MS }, () => {
  it('derives a suite, passes against the mock, and says what it could not derive (exit 0)', async () => {
    const mock = await mockOf(readFileSync(resolve(ROOT, KRAKEN), 'utf8'));
    const run = await specwire('test', '--contract', KRAKEN, '--url', mock.url, '--listen', '300', '--runs', '5');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ asyncapi-kraken-websocket › /: receivePing sends ping (schema sample), expects pong, /reqid echoed');
    expect(run.stdout).toContain('Not derived');
    expect(run.stdout).toMatch(/7 scenarios in 1 contract: 7 passed, 0 failed/);
  });

  it('fails a server that breaks the document with the named check, where it comes from and how to reproduce (exit 1)', async () => {
    const renamed = DERIVED_MUTANTS.find((m) => m.name === 'reply-renamed')!;
    const mock = await mockOf(alter(readFileSync(resolve(ROOT, KRAKEN), 'utf8'), renamed.edits));
    const run = await specwire('test', '--contract', KRAKEN, '--url', mock.url, '--listen', '300', '--runs', '0', '--grep', 'receivePing');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('reply-message  ping (schema sample) was answered with a frame that is not pong');
    expect(run.stdout).toContain('derived from channel ping, pong, heartbeat, systemStatus, currencyInfo, subscribe, unsubscribe, operation receivePing, message ping, #/operations/receivePing/reply');
    expect(run.stdout).toContain(`reproduce: specwire test --contract '${KRAKEN}' --url '${mock.url}' --derive --grep`);
    expect(run.stderr).not.toContain('    at ');
  });

  it('needs a url for a document the reference server does not serve (exit 2)', async () => {
    const run = await specwire('test', '--contract', KRAKEN);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not one of the built-in reference server\'s contracts: pass the url of the server under test');
    expect(run.stderr).not.toContain('    at ');
  });

  it('derives a suite from a shipped contract with --derive and passes the reference server (JWT from --jwt-secret)', async () => {
    const server: ReferenceServer = await startReferenceServer({ port: 0, jwtSecret: 'cli-derive', logger: silentLogger });
    closers.push(() => server.close());
    const run = await specwire('test', '--contract', 'taskforge', '--derive', '--url', server.url, '--jwt-secret', 'cli-derive', '--listen', '200', '--runs', '5');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✓ taskforge › /realtime: refused without credentials');
    expect(run.stdout).toMatch(/scenarios in 1 contract: \d+ passed, 0 failed/);
  });

  it('lists the derived checks with --list-checks', async () => {
    const run = await specwire('test', '--list-checks');
    for (const id of ['declared-message', 'connect-accepted', 'auth-required', 'reply-message', 'correlation-id', 'bad-frame-answer', 'bad-frame-survived', 'valid-input-kept']) expect(run.stdout).toMatch(new RegExp(`^${id} +(frame|derived) `, 'm'));
  });
});

describe('specwire scaffold', { timeout: 3 * DEADLINE_MS }, () => {
  it('writes scenarios that pass specwire test --check, and refuses to overwrite them', async () => {
    temp = tempFiles();
    const out = temp.path('scenarios');
    const first = await specwire('scaffold', KRAKEN, '--out', out, '--runs', '3');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/wrote .*asyncapi-kraken-websocket\/derived-root-requests\.yaml/);
    const check = await specwire('test', '--contract', KRAKEN, '--scenarios', out, '--check');
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^4 scenarios in 1 contract match their contracts/);
    const again = await specwire('scaffold', KRAKEN, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists \(--force to overwrite\)/);
  });
});
