/**
 * Reproduce lines reproduce: each "reproduce:" line printed by a run against an external server (the
 * reference server in its own process) is run through a real shell, with the secret only in the
 * environment, and reruns exactly that scenario against that same server.
 */
import { execFile } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reproduceCommand } from '../../conformance/reproduce.js';
import type { ScenarioResult } from '../../conformance/result.js';
import { ROOT, SPAWN_DEADLINE_MS, specwire } from '../support/specwire-cli.js';
import { startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';

const SECRET = 'reproduce-secret-do-not-print';
const SUB = '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e';
/** Two scenarios a right server fails (they expect the wrong team), one with every quoting hazard in its name. */
const scenario = (name: string) => `name: ${JSON.stringify(name)}
tags: [schema]
clients:
  alice: { sub: ${SUB}, teams: [team-a] }
steps:
  - connect: { client: alice }
  - send: { client: alice, message: { type: subscribe, teamId: team-a } }
  - expect: { client: alice, message: { type: subscribed, teamId: team-b }, within: 300 }
`;
const NAMES = ["it's a \"quoted\" $HOME `name` (a|b) [x]*?", 'the ack names the wrong team'];

let server: ServeProcess | undefined;
let base: { http: string; ws: string; hooks: string };
let files: TempFiles;

beforeAll(async () => {
  files = tempFiles({ 'scenarios/taskforge/quoted.yaml': scenario(NAMES[0]!), 'scenarios/taskforge/wrong-team.yaml': scenario(NAMES[1]!), 'bin/specwire': `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/specwire.js')}" "$@"\n` });
  server = await startServeProcess(['--jwt-secret', SECRET, '--contract', 'taskforge'], { deadlineMs: SPAWN_DEADLINE_MS });
  base = { http: server.httpUrl, ws: server.wsUrl, hooks: server.hooksUrl };
});

afterAll(async () => {
  files?.remove();
  await server?.stop();
});

function sh(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('/bin/sh', ['-c', line], { cwd: ROOT, timeout: SPAWN_DEADLINE_MS, killSignal: 'SIGKILL', env: { ...process.env, PATH: `${files.path('bin')}:${process.env.PATH}`, SPECWIRE_JWT_SECRET: SECRET, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('reproduce lines', () => {
  it('carry every target flag, never the secret, and rerun exactly that scenario against the same server', async () => {
    chmodSync(files.path('bin/specwire'), 0o755);
    const run = await specwire(['test', '--contract', 'taskforge', '--scenarios', files.path('scenarios'), '--url', base.ws, '--http', base.http, '--hooks', base.hooks, '--origin', base.http, '--jwt-secret', SECRET]);
    expect(run.code).toBe(1);
    const lines = [...run.stdout.matchAll(/^ {3}reproduce: (.*)$/gm)].map((m) => m[1]!);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(SECRET);
      expect(line).toContain(`--url '${base.ws}' --http '${base.http}' --hooks '${base.hooks}' --jwt-secret "$SPECWIRE_JWT_SECRET" --origin '${base.http}' --scenarios '`);
    }
    for (const [i, line] of lines.entries()) {
      const out = files.path(`rerun-${i}`);
      const rerun = await sh(`${line} --reporter json --out '${out}'`);
      expect(rerun.code, rerun.stderr).toBe(1);
      const report = JSON.parse(readFileSync(join(out, 'specwire-report.json'), 'utf8')) as { target: { url: string; reference: boolean }; scenarios: { name: string; status: string }[] };
      expect(report.target).toMatchObject({ url: base.ws, reference: false });
      expect(report.scenarios.map((s) => [s.name, s.status])).toEqual([[line.includes('wrong team') ? NAMES[1] : NAMES[0], 'failed']]);
    }
  });
});

describe('reproduceCommand', () => {
  const result = (over: Partial<ScenarioResult> = {}): ScenarioResult => ({ contract: 'chat', name: 'joins', file: join(process.cwd(), 'sc/chat/joins.yaml'), tags: [], status: 'failed', durationMs: 1, failures: [], suppressed: 0, timeline: [], ...over });

  it('names every instance, the driver and your own document by path; a token hook needs no secret', () => {
    const line = reproduceCommand(result(), { urls: ['ws://a:1', 'ws://b:2'], driver: join(process.cwd(), 'test/driver.mjs'), tokenHook: true, jwtSecret: true, contracts: { chat: join(process.cwd(), 'api/chat.yaml') }, scenarios: join(process.cwd(), 'sc') });
    expect(line).toBe("specwire test --contract 'api/chat.yaml' --url 'ws://a:1' --url 'ws://b:2' --driver 'test/driver.mjs' --token-hook --scenarios 'sc' --grep '^joins$'");
  });

  it('against the built-in reference server: no target flags, no secret', () => {
    expect(reproduceCommand(result({ contract: 'taskforge' }), { urls: [], jwtSecret: true })).toBe("specwire test --contract taskforge --grep '^joins$'");
  });
});
