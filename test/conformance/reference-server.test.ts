/**
 * The runner against the real reference server in-process: a cross-section of shipped scenarios
 * passes, and the JSON and JUnit reports describe the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planRun } from '../../conformance/plan.js';
import { jsonReporter, JSON_REPORT_FILE } from '../../conformance/reporters/json.js';
import { junitReporter, JUNIT_REPORT_FILE } from '../../conformance/reporters/junit.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient } from '../../protocol/hooks.js';
import { silentLogger, startReferenceServer, type ReferenceServer } from '../../server/index.js';

const SECRET = 'reference-server-test-secret';
let server: ReferenceServer;
let out: string;

beforeAll(async () => {
  server = await startReferenceServer({ port: 0, jwtSecret: SECRET, hooks: true, logger: silentLogger, contracts: ['taskforge', 'media-timeline'] });
  out = mkdtempSync(join(tmpdir(), 'specwire-conformance-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('runner against the reference server', () => {
  it('passes auth, isolation, reconnect and fallback scenarios and writes JSON and JUnit reports', async () => {
    const plan = await planRun({ contracts: ['taskforge', 'media-timeline'], tags: ['auth', 'authz', 'reconnect', 'fallback'] });
    if (!plan.ok) throw new Error(JSON.stringify(plan.diagnostics));
    const total = plan.contracts.reduce((n, c) => n + c.scenarios.length, 0);
    expect(total).toBeGreaterThanOrEqual(10);
    const run = await runPlan(plan.contracts, { wsUrl: server.url, httpUrl: server.httpUrl, hooks: createHooksClient(server.hooksUrl!), jwtSecret: SECRET, reference: true });
    const failures = run.scenarios.flatMap((s) => s.failures.map((f) => `${s.contract} › ${s.name}: ${f.check} ${f.message}`));
    expect(failures).toEqual([]);
    expect(run.passed).toBe(total);

    const options = { outDir: out, write: () => {}, color: false };
    jsonReporter(options).onRunEnd(run);
    junitReporter(options).onRunEnd(run);
    const json = JSON.parse(readFileSync(join(out, JSON_REPORT_FILE), 'utf8'));
    expect(json.passed).toBe(total);
    expect(json.scenarios[0].timeline.some((e: { dir: string }) => e.dir === 'sent' || e.dir === 'received' || e.dir === 'note')).toBe(true);
    const xml = readFileSync(join(out, JUNIT_REPORT_FILE), 'utf8');
    expect(xml).toMatch(new RegExp(`<testsuites name="specwire conformance" tests="${total}" failures="0"`));
    expect(xml).toMatch(/<testsuite name="taskforge"/);
  });

  it('tokens fetched from POST /token work like minted ones', async () => {
    const plan = await planRun({ contracts: ['taskforge'], grep: 'isolation|subscribe and unsubscribe' });
    if (!plan.ok) throw new Error('plan');
    const run = await runPlan(plan.contracts, { wsUrl: server.url, httpUrl: server.httpUrl, hooks: createHooksClient(server.hooksUrl!, { tokens: true }), reference: true });
    expect(run.scenarios.flatMap((s) => s.failures)).toEqual([]);
    expect(run.passed).toBe(2);
  });
});
