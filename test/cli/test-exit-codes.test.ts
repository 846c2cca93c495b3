/**
 * `specwire test` exit codes mean one thing each (docs/ci.md): 0 every scenario passed, 1 the server
 * broke the contract, 2 the run could not be made — bad flags, unreadable documents, an unreachable
 * server, missing hooks — in one sentence, with no scenario run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, SECRET, startServer } from '../server/helpers.js';
import { hasStackTrace, ROOT, specwire } from '../support/specwire-cli.js';
import { tempFiles } from '../support/temp-files.js';
import { freePort as closedPort } from '../support/free-port.js';

afterEach(closeAll);


const env = { SPECWIRE_JWT_SECRET: SECRET };

describe('specwire test exit codes', () => {
  it('0: every scenario passed against a right server', async () => {
    const server = await startServer({ contracts: ['taskforge'] });
    const r = await specwire(['test', '--contract', 'taskforge', '--tag', 'auth', '--url', server.url, '--hooks', server.hooksUrl!], {}, env);
    expect(r.stdout).toMatch(/scenarios? in 1 contract: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('1: the server broke the contract, with GitHub annotations and JUnit test cases at the failing step', async () => {
    const server = await startServer({ contracts: ['taskforge'], faults: new Set(['auth-skipped']) });
    const out = tempFiles();
    try {
      const summary = out.write('summary.md', '# earlier step\n');
      const r = await specwire(['test', '--contract', 'taskforge', '--tag', 'auth', '--url', server.url, '--hooks', server.hooksUrl!, '--reporter', 'console,github,junit', '--out', out.root], {}, { ...env, GITHUB_STEP_SUMMARY: summary });
      expect(r.stdout, r.stderr).toMatch(/[1-9]\d* failed/);
      expect(r.code).toBe(1);
      // auth-skipped accepts the first connect, which expects a refusal: the line of that step in the file.
      const file = 'conformance/scenarios/taskforge/auth-refusals.yaml';
      const line = readFileSync(join(ROOT, file), 'utf8').split('\n').findIndex((l) => /^\s*- connect:/.test(l)) + 1;
      const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toMatch(new RegExp(`^::error file=${file},line=${line},col=5,title=specwire handshake%3A taskforge › handshake refuses a missing%2C malformed%2C expired.*::handshake: expected refusal with HTTP 401`));
      expect(annotations[0]).toContain(`%0Areproduce: specwire test --contract taskforge --url '${server.url}'`);
      const table = readFileSync(summary, 'utf8');
      expect(table).toMatch(/^# earlier step\n### specwire conformance: \d+ passed, 1 failed, 0 skipped\n/);
      expect(table).toContain(`| ❌ | taskforge | handshake refuses a missing, malformed, expired, wrongly signed or foreign token with HTTP 401 | handshake: expected refusal with HTTP 401`);
      expect(table).toContain(`(${file}:${line})`);
      const junit = readFileSync(out.path('junit.xml'), 'utf8');
      expect(junit).toMatch(new RegExp(`<testcase [^>]*name="handshake refuses[^"]*" file="${file}" line="${line}"`));
      expect(junit.match(/<testcase [^>]*file="[^"]+" line="\d+"/g)).toHaveLength(junit.match(/<testcase /g)!.length);
    } finally {
      out.remove();
    }
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
