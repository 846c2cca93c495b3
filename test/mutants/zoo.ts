/**
 * Runs the shipped conformance scenarios against each mutant and records what killed it: the first
 * failed scenario (the run bails there) and its first failure's check. A mutant no scenario fails
 * SURVIVED: the suite has a blind spot. The unbroken server runs first in every topology the zoo
 * uses; if it fails, kills would prove nothing, and the zoo says so instead.
 */
import { relative } from 'node:path';
import { planRun, type PlannedContract } from '../../conformance/plan.js';
import type { RunResult } from '../../conformance/result.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient, type HooksDriver } from '../../protocol/hooks.js';
import type { FaultName } from '../../server/core/faults.js';
import { type ReferenceServer, type ReferenceServerOptions, silentLogger, startReferenceServer } from '../../server/index.js';
import type { Mutant, Topology } from './mutants.js';
import { SharedBus } from './shared-backplane.js';

const SECRET = 'mutant-zoo-secret';
const REPO = new URL('../../', import.meta.url).pathname;

/**
 * Server options of every zoo run, broken or not (the unbroken baseline must pass with them too). A
 * 15 s idle timeout (no scenario keeps a client silent that long) ends a server that never reaps
 * after 15 s instead of 60. The heartbeat scenarios set their own short timers through the reset hook.
 */
export const ZOO_SERVER_OPTIONS: Partial<ReferenceServerOptions> = { heartbeat: { idleTimeoutMs: 15_000 } };

/** The shipped scenarios of every contract that has some. */
export async function planZoo(): Promise<{ ok: true; plan: PlannedContract[] } | { ok: false; message: string }> {
  const p = await planRun({ contracts: [] });
  if (!p.ok) return { ok: false, message: p.message ?? p.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('; ') };
  return { ok: true, plan: p.contracts.filter((c) => c.scenarios.length > 0) };
}

export interface Kill {
  contract: string;
  scenario: string;
  /** `conformance/scenarios/<contract>/<file>.yaml:<line>` of the failing step (or the file). */
  where: string;
  check: string;
  message: string;
}

export interface MutantResult {
  mutant: Mutant;
  /** Undefined: SURVIVED. */
  killedBy?: Kill;
  scenariosRun: number;
  durationMs: number;
}

interface Target {
  wsUrl: string;
  httpUrl: string;
  hooksUrl: string;
  hooks: HooksDriver;
  close(): Promise<void>;
}

async function startTarget(faults: FaultName[], topology: Topology): Promise<Target> {
  const base = { jwtSecret: SECRET, hooks: true, port: 0, logger: silentLogger, ...ZOO_SERVER_OPTIONS };
  if (topology === 'one-instance') {
    const server = await startReferenceServer({ ...base, faults: new Set(faults) });
    return { wsUrl: server.url, httpUrl: server.httpUrl, hooksUrl: server.hooksUrl!, hooks: createHooksClient(server.hooksUrl!), close: () => server.close() };
  }
  const bus = new SharedBus();
  const servers: ReferenceServer[] = [];
  try {
    servers.push(await startReferenceServer({ ...base, backplane: bus.attach() }));
    servers.push(await startReferenceServer({ ...base, backplane: bus.attach(), faults: new Set(faults) }));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  const [publisher, subscriber] = servers as [ReferenceServer, ReferenceServer];
  const publish = createHooksClient(publisher.hooksUrl!);
  const other = createHooksClient(subscriber.hooksUrl!);
  return {
    wsUrl: subscriber.url,
    httpUrl: subscriber.httpUrl,
    hooksUrl: publisher.hooksUrl!,
    hooks: {
      // Both instances get the same reset, test heartbeat timers included: the clients are on `other`.
      reset: async (signal, request) => {
        await publish.reset(signal, request);
        return other.reset(signal, request);
      },
      trigger: (request, signal) => publish.trigger(request, signal),
    },
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

/** Runs the plan against a server with `faults` (none: the unbroken reference). */
export async function runAgainst(plan: PlannedContract[], faults: FaultName[], topology: Topology, options: { bail: boolean }): Promise<RunResult> {
  const target = await startTarget(faults, topology);
  try {
    return await runPlan(plan, { ...target, jwtSecret: SECRET, reference: true, bail: options.bail });
  } finally {
    await target.close();
  }
}

export function firstKill(run: RunResult): Kill | undefined {
  const failed = run.scenarios.find((s) => s.status === 'failed');
  if (!failed) return undefined;
  const f = failed.failures[0];
  const file = relative(REPO, failed.file);
  return {
    contract: failed.contract,
    scenario: failed.name,
    where: f?.step ? `${file}:${f.step.line}` : file,
    check: f?.check ?? 'unknown',
    message: f?.message ?? '',
  };
}

export async function runMutant(plan: PlannedContract[], mutant: Mutant): Promise<MutantResult> {
  const started = Date.now();
  const run = await runAgainst(plan, [mutant.name], mutant.topology, { bail: true });
  return { mutant, killedBy: firstKill(run), scenariosRun: run.passed + run.failed, durationMs: Date.now() - started };
}

/** Runs `mutants`, `concurrency` at a time, reporting each as it ends; results in input order. */
export async function runZoo(plan: PlannedContract[], mutants: readonly Mutant[], options: { concurrency?: number; onResult?(r: MutantResult): void } = {}): Promise<MutantResult[]> {
  const results: MutantResult[] = new Array(mutants.length);
  let next = 0;
  const worker = async () => {
    while (next < mutants.length) {
      const i = next++;
      results[i] = await runMutant(plan, mutants[i]!);
      options.onResult?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return results;
}

/** A failure of the unbroken server in one topology, as one line (undefined: it passed). */
export async function baselineProblem(plan: PlannedContract[], topology: Topology): Promise<string | undefined> {
  const run = await runAgainst(plan, [], topology, { bail: true });
  const kill = firstKill(run);
  return kill ? `the unbroken reference server (${topology}) fails ${kill.where} "${kill.scenario}": ${kill.check}: ${kill.message}` : undefined;
}

/** The mutant table as Markdown: mutant, what it breaks, the killing check and scenario step. */
export function markdownTable(results: readonly MutantResult[]): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  const rows = results.map((r) => {
    const k = r.killedBy;
    return `| \`${r.mutant.name}\` | ${esc(r.mutant.description)} | ${k ? `\`${k.check}\`` : '**SURVIVED**'} | ${k ? `\`${k.where}\`` : '—'} |`;
  });
  return ['| mutant | fault | killed by check | scenario step |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
