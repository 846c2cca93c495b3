/**
 * docs/ci.md's pipelines for a server team, run: the test step (the block marked
 * `<!-- ci-recipe: test-step -->`, which the GitHub Actions and GitLab CI recipes must carry
 * unchanged) is run by a real shell the moment a server is started in the background, as a pipeline
 * does. A right server: exit 0. A broken one: exit 1 with annotations at the failing step. No server
 * at all: exit 2 and one sentence.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { closeAll, startServer } from '../server/helpers.js';
import { ciRecipe } from '../support/ci-recipe.js';
import { ROOT } from '../support/specwire-cli.js';
import { tempFiles, type TempFiles } from '../support/temp-files.js';
import { freePort as closedPort } from '../support/free-port.js';

const SECRET = 'ci-only-secret';
const RECIPE_DEADLINE_MS = 120_000;
const testStep = ciRecipe('test-step');

let bin: TempFiles;
const servers: ChildProcess[] = [];

beforeAll(() => {
  bin = tempFiles({ specwire: `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/specwire.js')}" "$@"\n` });
  chmodSync(bin.path('specwire'), 0o755);
});
afterEach(async () => {
  await closeAll();
  for (const s of servers.splice(0)) {
    if (s.exitCode !== null || s.signalCode !== null) continue;
    const exited = new Promise((done) => s.once('exit', done));
    s.kill('SIGTERM');
    await exited;
  }
});
afterAll(() => bin?.remove());


function env(port: number, out: string): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${bin.root}:${process.env.PATH}`, PORT: String(port), SPECWIRE_JWT_SECRET: SECRET, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: join(out, 'summary.md') };
}

/** Runs a recipe's shell text in `sh`, from the checkout (paths in reports are relative to it). */
function sh(script: string, port: number, out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('/bin/sh', ['-c', script.replace(/--out reports\//, `--out '${out}'`)], { cwd: ROOT, env: env(port, out), timeout: RECIPE_DEADLINE_MS, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('docs/ci.md pipelines for a server team', () => {
  it('carry the tested test step unchanged, and keep the HTML report and the JUnit file', () => {
    const lines = (text: string) => text.trim().split('\n').map((l) => l.trim());
    const github = parse(ciRecipe('github-actions')) as { jobs: { conformance: { steps: { name?: string; run?: string; uses?: string; with?: { path?: string } }[] } } };
    const steps = github.jobs.conformance.steps;
    expect(lines(steps.find((s) => s.name === 'Conformance')!.run!)).toEqual(lines(testStep));
    expect(steps.find((s) => s.name === 'Install specwire')!.run).toMatch(/^npm install --global specwire@\d+\.\d+\.\d+$/);
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!.path).toContain('reports/');
    const gitlab = parse(ciRecipe('gitlab-ci')) as { conformance: { script: string[]; artifacts: { paths: string[]; reports: { junit: string } } } };
    expect(lines(gitlab.conformance.script.at(-1)!)).toEqual(lines(testStep));
    expect(gitlab.conformance.script[0]).toMatch(/^npm install --global specwire@\d+\.\d+\.\d+$/);
    expect(gitlab.conformance.artifacts).toMatchObject({ paths: expect.arrayContaining(['reports/']), reports: { junit: 'reports/junit.xml' } });
    expect(testStep).toContain('--reporter console,github,junit,html --out reports/');
  });

  it('a right server started in the background the moment before: exit 0', async () => {
    const port = await closedPort();
    const out = tempFiles();
    try {
      const server = spawn(join(bin.root, 'specwire'), ['serve', '--hooks', '--contract', 'taskforge', '--port', String(port)], { env: env(port, out.root), stdio: 'ignore' });
      servers.push(server);
      const r = await sh(testStep, port, out.root);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\d+ scenarios in 1 contract: \d+ passed, 0 failed/);
      expect(readFileSync(out.path('specwire-report.html'), 'utf8')).toContain('<html');
      expect(readFileSync(out.path('summary.md'), 'utf8')).toMatch(/^### specwire conformance: \d+ passed, 0 failed, 0 skipped/);
    } finally {
      out.remove();
    }
  }, RECIPE_DEADLINE_MS);

  it('a server that breaks the contract: exit 1, an annotation at the failing step of the scenario', async () => {
    const port = await closedPort();
    const out = tempFiles();
    try {
      const running = sh(testStep, port, out.root);
      await startServer({ contracts: ['taskforge'], port, jwtSecret: SECRET, faults: new Set(['auth-skipped']) });
      const r = await running;
      expect(r.code, r.stderr).toBe(1);
      const file = 'conformance/scenarios/taskforge/auth-refusals.yaml';
      const line = readFileSync(join(ROOT, file), 'utf8').split('\n').findIndex((l) => /^\s*- connect:/.test(l)) + 1;
      expect(r.stdout).toMatch(new RegExp(`^::error file=${file},line=${line},col=5,title=specwire handshake%3A taskforge › `, 'm'));
      expect(readFileSync(out.path('junit.xml'), 'utf8')).toMatch(new RegExp(`file="${file}" line="${line}"`));
    } finally {
      out.remove();
    }
  }, RECIPE_DEADLINE_MS);

  it('no server ever comes up: exit 2 and one sentence', async () => {
    const port = await closedPort();
    const out = tempFiles();
    try {
      // The recipe waits a minute; the same step with a shorter wait.
      const step = testStep.replace('--wait 60000', '--wait 2000');
      expect(step).not.toBe(testStep);
      const r = await sh(step, port, out.root);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`specwire: cannot run the suite: the WebSocket URL ws://127.0.0.1:${port}: connection refused (ECONNREFUSED) (still so after waiting 2000 ms).\n`);
    } finally {
      out.remove();
    }
  });
});
