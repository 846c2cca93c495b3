/**
 * `specwire test` exit codes mean one thing each (docs/ci.md): 0 every scenario passed, 1 the server
 * broke the contract, 2 the run could not be made — bad flags, unreadable documents, an unreachable
 * server, missing hooks — in one sentence, with no scenario run.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, SECRET, startServer } from '../server/helpers.js';
import { hasStackTrace, specwire } from '../support/specwire-cli.js';

afterEach(closeAll);

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as { port: number };
  await new Promise<void>((done) => s.close(() => done()));
  return port;
}

const env = { SPECWIRE_JWT_SECRET: SECRET };

describe('specwire test exit codes', () => {
  it('0: every scenario passed against a right server', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const r = await specwire(['test', '--contract', 'taskforge', '--tag', 'auth', '--url', server.url, '--hooks', server.hooksUrl!], {}, env);
    expect(r.stdout).toMatch(/scenarios? in 1 contract: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('1: the server broke the contract', async () => {
    const server = await startServer({ contracts: ['taskforge'], faults: new Set(['auth-skipped']) });
    const r = await specwire(['test', '--contract', 'taskforge', '--tag', 'auth', '--url', server.url, '--hooks', server.hooksUrl!], {}, env);
    expect(r.stdout, r.stderr).toMatch(/[1-9]\d* failed/);
    expect(r.code).toBe(1);
  });

  const oneSentence = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^specwire: .*\.$/);
    return lines[0]!;
  };

  it('2: bad flags', async () => {
    const r = await specwire(['test', '--contract', 'taskforge', '--timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout must be a positive number/);
    const w = await specwire(['test', '--contract', 'taskforge', '--wait', '5000']);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--wait needs --url/);
  });

  it('2: a contract that does not exist', async () => {
    const r = await specwire(['test', '--contract', 'no-such-contract']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown contract "no-such-contract"/);
    expect(hasStackTrace(r)).toBe(false);
  });

  it('2: a server that never comes up, in one sentence, after the wait', async () => {
    const port = await closedPort();
    const r = await specwire(['test', '--contract', 'taskforge', '--url', `ws://127.0.0.1:${port}`, '--hooks', `http://127.0.0.1:${port}/__specwire`, '--wait', '1500'], {}, env);
    expect(r.code).toBe(2);
    expect(oneSentence(r.stderr)).toBe(`specwire: cannot run the suite: the WebSocket URL ws://127.0.0.1:${port}: connection refused (ECONNREFUSED) (still so after waiting 1500 ms).`);
    expect(r.stdout).toBe('');
  });

  it('2: hooks missing (404 on the hooks path), no scenario run', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const r = await specwire(['test', '--contract', 'taskforge', '--url', server.url, '--hooks', `${server.httpUrl}/hooks`], {}, env);
    expect(r.code).toBe(2);
    expect(oneSentence(r.stderr)).toMatch(new RegExp(`^specwire: cannot run the suite: the hooks reset POST ${server.httpUrl}/hooks/reset: answered 404 `));
    expect(r.stdout).toBe('');
  });
});
