/**
 * False alarms: the whole shipped suite against the reference server N times in a row on one
 * server (each scenario starts with a hooks reset, so every run starts fresh), reporting every
 * failure with its transcript. The bar is zero. `npm run false-alarms -- [N] [--contract id ...]`
 * (default N = 50); exit 0 with no failure, 1 with any, 2 for bad arguments.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { planRun } from '../conformance/plan.js';
import type { ScenarioResult } from '../conformance/result.js';
import { runPlan } from '../conformance/run.js';
import { createHooksClient } from '../protocol/hooks.js';
import { silentLogger, startReferenceServer } from '../server/index.js';

const args = process.argv.slice(2);
const contracts: string[] = [];
let runs = 50;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--contract') contracts.push(args[++i] ?? '');
  else if (/^\d+$/.test(args[i]!) && Number(args[i]) > 0) runs = Number(args[i]);
  else {
    process.stderr.write(`usage: npm run false-alarms -- [N] [--contract id ...]   (bad argument "${args[i]}")\n`);
    process.exit(2);
  }
}

const plan = await planRun({ contracts });
if (!plan.ok) {
  process.stderr.write(`cannot plan the suite: ${plan.message ?? plan.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`).join('\n')}\n`);
  process.exit(2);
}
const scenarioCount = plan.contracts.reduce((n, c) => n + c.scenarios.length, 0);
const jwtSecret = randomBytes(24).toString('hex');
const warnings: string[] = [];
const logger = { ...silentLogger, warn: (m: string) => warnings.push(`warning: ${m}`), error: (m: string) => warnings.push(`ERROR: ${m}`) };
const server = await startReferenceServer({ port: 0, jwtSecret, hooks: true, logger });
const hooks = createHooksClient(server.hooksUrl!);
const failed: { run: number; result: ScenarioResult }[] = [];
const started = Date.now();
process.stdout.write(`false alarms: ${runs} run(s) of ${scenarioCount} scenarios (${plan.contracts.map((c) => c.view.id).join(', ')}) against one reference server\n`);
try {
  for (let run = 1; run <= runs; run++) {
    const result = await runPlan(plan.contracts, { wsUrl: server.url, httpUrl: server.httpUrl, hooksUrl: server.hooksUrl, hooks, jwtSecret, reference: true });
    const bad = result.scenarios.filter((s) => s.status !== 'passed');
    for (const s of bad) failed.push({ run, result: s });
    const slowest = [...result.scenarios].sort((a, b) => b.durationMs - a.durationMs)[0];
    process.stdout.write(`run ${run}/${runs}: ${result.passed} passed, ${bad.length} failed — ${(result.durationMs / 1000).toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)}; slowest ${slowest?.name.slice(0, 50)} ${slowest?.durationMs} ms)\n`);
    for (const s of bad) process.stdout.write(transcript(run, s));
  }
} finally {
  await server.close();
}

const total = runs * scenarioCount;
process.stdout.write(`\n${runs} runs × ${scenarioCount} scenarios = ${total} scenario runs in ${((Date.now() - started) / 60_000).toFixed(1)} min: ${failed.length} failure(s)\n`);
if (warnings.length) process.stdout.write(`reference server said:\n${warnings.slice(0, 20).map((w) => `  ${w}`).join('\n')}\n`);
if (failed.length) {
  const dir = resolve('reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, 'false-alarms.json'), JSON.stringify(failed, null, 2));
  process.stdout.write(`transcripts: reports/false-alarms.json\n`);
}
process.exitCode = failed.length ? 1 : 0;

/** A failed scenario: its failures, then the frames every client sent and received, in order. */
function transcript(run: number, s: ScenarioResult): string {
  const lines = [`  ✗ run ${run}: ${s.contract} › ${s.name} (${s.durationMs} ms)`];
  for (const f of s.failures) lines.push(`    ${f.check}: ${f.message}${f.client ? ` [${f.client}]` : ''}${f.step ? ` at step #${f.step.index + 1} ${f.step.kind} (line ${f.step.line})` : ''}${f.frame ? `\n      frame ${f.frame.slice(0, 300)}` : ''}`);
  lines.push('    transcript:');
  for (const e of s.timeline.slice(-80)) lines.push(`      ${String(e.t).padStart(6)} ms  ${e.client.padEnd(12)} ${e.dir === 'sent' ? '→' : e.dir === 'received' ? '←' : '·'} ${e.text.slice(0, 200)}`);
  return `${lines.join('\n')}\n`;
}
