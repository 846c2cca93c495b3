/**
 * A conformance run: for each planned contract, run its scenarios one after another (they share the
 * server and each starts with a hooks reset) under the run's deadline, reporting each as it ends;
 * one more reset after the last leaves the server without the run's streams, state and test timers.
 */
import type { HooksDriver } from '../protocol/hooks.js';
import { runScenario } from './engine.js';
import type { Instance } from './instances.js';
import type { PlannedContract } from './plan.js';
import type { RunResult, ScenarioResult } from './result.js';

export interface RunTargetOptions {
  wsUrl: string;
  httpUrl?: string;
  /** Every instance of the deployment, the first being `wsUrl`/`httpUrl`. Default: that one alone. */
  instances?: Instance[];
  hooksUrl?: string;
  hooks?: HooksDriver;
  jwtSecret?: string;
  /** `Origin` of every handshake and poll. Default: each request URL's own origin (conformance/browser-identity.ts). */
  origin?: string;
  /** True when the runner started the reference server itself. */
  reference: boolean;
}

export interface RunOptions extends RunTargetOptions {
  /** Deadline of the whole run; scenarios not started by then are reported skipped. Default 10 min. */
  runTimeoutMs?: number;
  /** Stop at the first failed scenario: the ones after it are reported skipped. Default false. */
  bail?: boolean;
  /** Called before each scenario. */
  onScenarioStart?(contract: string, name: string): void;
  /** Called as each scenario ends (live reporting). */
  onScenarioEnd?(result: ScenarioResult): void;
  /**
   * After a failed scenario: is the server still there? Resolves with why not (confirmed), or
   * undefined. When it is gone, the rest of the run is skipped and `serverStopped` set. Default: none.
   */
  probe?(): Promise<string | undefined>;
}

export async function runPlan(plan: PlannedContract[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const ac = new AbortController();
  const runTimer = setTimeout(() => ac.abort(), options.runTimeoutMs ?? 600_000);
  const results: ScenarioResult[] = [];
  let serverStopped: RunResult['serverStopped'];
  try {
    for (const { view, scenarios } of plan) {
      for (const scenario of scenarios) {
        const skipped = (): ScenarioResult => ({ contract: view.id, name: scenario.name, file: scenario.file, tags: scenario.tags, status: 'skipped', durationMs: 0, failures: [], suppressed: 0, timeline: [] });
        let result: ScenarioResult;
        if (ac.signal.aborted || serverStopped || (options.bail && results.some((r) => r.status === 'failed'))) {
          result = skipped();
        } else {
          options.onScenarioStart?.(view.id, scenario.name);
          result = await runScenario(scenario, { view, wsUrl: options.wsUrl, httpUrl: options.httpUrl, instances: options.instances, hooks: options.hooks, jwtSecret: options.jwtSecret, origin: options.origin, signal: ac.signal });
          const gone = result.status === 'failed' && options.probe ? await options.probe() : undefined;
          if (gone) {
            // Gone before this scenario's first step (its reset failed): it says nothing about the contract.
            const before = result.failures[0]?.check === 'reset';
            if (before) result = skipped();
            serverStopped = stoppedAfter(before ? results : [...results, result], gone);
          }
        }
        results.push(result);
        options.onScenarioEnd?.(result);
      }
    }
  } finally {
    clearTimeout(runTimer);
    // Leave the server as the run found it: no scenario's streams, provider state or test timers.
    if (options.hooks && !serverStopped && results.some((r) => r.status !== 'skipped')) await options.hooks.reset(AbortSignal.timeout(5000)).catch(() => undefined);
  }
  return {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    target: {
      url: options.wsUrl,
      http: options.httpUrl,
      hooks: options.hooksUrl,
      reference: options.reference,
      ...(options.instances && options.instances.length > 1 ? { instances: options.instances.map((i) => ({ url: i.wsUrl, http: i.httpUrl })) } : {}),
    },
    scenarios: results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    ...(serverStopped ? { serverStopped } : {}),
  };
}

/** `the server stopped answering after scenario 3 (taskforge › name): <why>; the remaining scenarios were skipped.` */
function stoppedAfter(ran: ScenarioResult[], why: string): NonNullable<RunResult['serverStopped']> {
  const last = ran.at(-1);
  const when = last ? `after scenario ${ran.length} (${last.contract} › ${last.name})` : 'before the first scenario';
  return { afterScenario: ran.length, message: `the server stopped answering ${when}: ${why}; the remaining scenarios were skipped.` };
}
