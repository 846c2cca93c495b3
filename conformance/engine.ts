/**
 * Runs one scenario: resets the server, sets up its provider state (`provider-state.ts`), executes the steps in order for their named clients, runs the
 * always-on checks on every frame, and tears everything down. Every step and the scenario have
 * deadlines; a hostile server yields failed checks, never a hang or a throw.
 */
import { setMaxListeners } from 'node:events';
import type { HeartbeatTimers, HooksDriver } from '../protocol/hooks.js';
import { FRAME_CHECKS } from './checks/registry.js';
import type { ReceivedFrame } from './checks/check.js';
import type { TestConnection, TimelineEntry } from './connection.js';
import type { ContractView } from './contract-view.js';
import { preview } from './frame.js';
import { declaredSseHeartbeatMs, declaredTimers, heartbeatBoundMs } from './heartbeat.js';
import { Placement, type Instance } from './instances.js';
import type { Failure, ScenarioResult, StepRef } from './result.js';
import { applyProviderState, providerState } from './provider-state.js';
import { runStep, type ClientRuntime } from './steps.js';
import type { ExpectStep, Scenario, Step } from './scenario/types.js';

export interface EngineOptions {
  view: ContractView;
  /** WebSocket base URL: the channel address is appended to its path. */
  wsUrl: string;
  /** HTTP base URL for polling steps. */
  httpUrl?: string;
  /** Every instance of the deployment (`conformance/instances.ts`). Default: the one at `wsUrl`/`httpUrl`. */
  instances?: Instance[];
  hooks?: HooksDriver;
  /** HS256 secret to mint tokens with; without it tokens come from `hooks.token`. */
  jwtSecret?: string;
  /** `Origin` of every handshake and poll (conformance/browser-identity.ts). Default: the request URL's own origin. */
  origin?: string;
  /** Deadline of a WebSocket handshake. Default 5000 ms. */
  handshakeTimeoutMs?: number;
  /** Deadline of a hook call or a clean close. Default 5000 ms. */
  callTimeoutMs?: number;
  /** Tolerated `ts` in the future. Default 2000 ms. */
  clockSkewMs?: number;
  /** Frames buffered per connection before `frame-flood`. Default 10000 (a 200-event burst is 200). */
  maxFrames?: number;
  /** Bytes buffered per connection before `frame-flood`. Default 32 MiB. */
  maxBytes?: number;
  /** Failures listed per check and client; more are counted in `suppressed`. Default 5. */
  maxFailuresPerCheck?: number;
  /** Aborts the scenario (the run's deadline). */
  signal?: AbortSignal;
}

/** Shared state of one scenario run, handed to the step implementations. */
export interface ScenarioRun {
  scenario: Scenario;
  options: Required<Pick<EngineOptions, 'handshakeTimeoutMs' | 'callTimeoutMs' | 'clockSkewMs' | 'maxFrames' | 'maxBytes'>> & EngineOptions;
  clients: Map<string, ClientRuntime[]>;
  timeline: TimelineEntry[];
  startedAt: number;
  signal: AbortSignal;
  /** Which instance each client and poll uses. */
  placement: Placement;
  /** Heartbeat timers in force: confirmed by the reset hook, else the contract's. */
  heartbeat: Required<HeartbeatTimers>;
  /** SSE comment interval in force: the confirmed test `pingIntervalMs`, else the SSE channels' declared one. */
  sseHeartbeatMs: number | undefined;
  /** An expect step's bound in ms (resolves `idle-timeout` / `dead-peer`). */
  within(step: { within: ExpectStep['within'] }): number;
  fail(failure: Omit<Failure, 'step'>): void;
  onFrame(conn: TestConnection, frame: ReceivedFrame): void;
}

export async function runScenario(scenario: Scenario, options: EngineOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const failures: Failure[] = [];
  const counts = new Map<string, number>();
  let suppressed = 0;
  let current: Step | undefined;
  let skipReason: string | undefined;
  const ac = new AbortController();
  // Every pending wait of every client listens on this signal: a 50-client group means 50+ listeners.
  setMaxListeners(0, ac.signal);
  const onOuterAbort = () => ac.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const cap = options.maxFailuresPerCheck ?? 5;

  const stepRef = (s: Step | undefined): StepRef | undefined => (s ? { index: s.index, kind: s.kind, line: s.at.line, column: s.at.column } : undefined);
  const run: ScenarioRun = {
    scenario,
    options: { handshakeTimeoutMs: 5000, callTimeoutMs: 5000, clockSkewMs: 2000, maxFrames: 10_000, maxBytes: 32 << 20, ...options },
    clients: new Map(),
    timeline: [],
    startedAt,
    signal: ac.signal,
    placement: new Placement(options.instances?.length ? options.instances : [{ wsUrl: options.wsUrl, httpUrl: options.httpUrl }]),
    heartbeat: declaredTimers(options.view),
    sseHeartbeatMs: declaredSseHeartbeatMs(options.view),
    within: (step) => (typeof step.within === 'number' ? step.within : heartbeatBoundMs(step.within, run.heartbeat, run.sseHeartbeatMs)),
    fail(f) {
      const key = `${f.check}|${f.client ?? ''}`;
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n > cap) suppressed++;
      // Against several instances a failure names the client where it is (`alice@1`), as frames do.
      else failures.push({ ...f, ...(f.client && !f.client.includes('@') ? { client: run.placement.label(f.client) } : {}), step: stepRef(current) });
    },
    onFrame(conn, frame) {
      const ctx = { contract: options.view, channel: conn.state.channel, conn: conn.state, now: Date.now(), clockSkewMs: run.options.clockSkewMs };
      for (const check of FRAME_CHECKS) {
        let finding;
        try {
          finding = check.check(frame, ctx);
        } catch (err) {
          finding = { message: `check crashed: ${(err as Error).message}` };
        }
        if (finding) run.fail({ check: check.id, client: conn.name, frame: preview(frame.raw), ...finding });
      }
      conn.state.observeReceived(frame);
    },
  };
  for (const [name, spec] of Object.entries(scenario.clients)) {
    const members = Array.from({ length: spec.count }, (_, i): ClientRuntime => ({ name: spec.count > 1 ? `${name}#${i + 1}` : name, spec }));
    run.clients.set(name, members);
  }

  let timeoutMs = scenario.timeoutMs;
  const onDeadline = () => {
    run.fail({ check: 'scenario-deadline', message: `scenario did not finish within ${timeoutMs} ms` });
    ac.abort();
  };
  let scenarioTimer = setTimeout(onDeadline, timeoutMs);
  try {
    if (options.hooks) {
      try {
        const answer = await options.hooks.reset(ac.signal, scenario.heartbeat ? { contract: options.view.id, heartbeat: scenario.heartbeat } : undefined);
        if (scenario.heartbeat && answer?.heartbeat) run.heartbeat = answer.heartbeat;
        if (scenario.heartbeat?.pingIntervalMs !== undefined && answer?.heartbeat) run.sseHeartbeatMs = answer.heartbeat.pingIntervalMs;
      } catch (err) {
        run.fail({ check: 'reset', message: (err as Error).message });
      }
    }
    const state = providerState(scenario, options.view);
    if (!failures.length && (await applyProviderState(run, state)) === 'unsupported' && state.explicit) {
      skipReason = 'needs the state step (POST <hooks>/state, docs/hooks.md), which the server does not have: every stream exists there';
    }
    if (!skipReason && needsProtocolPings(scenario) && !options.view.contract.specwire?.heartbeat?.protocolPings) {
      skipReason = 'plays a peer that stops answering protocol pings, which the contract does not promise to send (x-specwire.heartbeat.protocolPings)';
    }
    // A server that kept its production timers makes heartbeat bounds long: the deadline follows them.
    const heartbeatWaits = scenario.steps.reduce((n, s) => n + (s.kind === 'expect' && typeof s.within === 'string' ? run.within(s) : 0), 0);
    if (heartbeatWaits) {
      clearTimeout(scenarioTimer);
      timeoutMs = scenario.timeoutMs + heartbeatWaits;
      scenarioTimer = setTimeout(onDeadline, timeoutMs - (Date.now() - startedAt));
    }
    for (const step of skipReason ? [] : scenario.steps) {
      if (ac.signal.aborted || failures.some(isFatal)) break;
      current = step;
      const before = failures.length;
      const ok = await withStepDeadline(run, step);
      if (!ok && failures.length === before) run.fail({ check: 'step-deadline', message: `step ${step.kind} did not finish in time` });
      if (!ok) break;
    }
  } catch (err) {
    // A bug in the runner, not the server: still a failed scenario with the reason, not a crash.
    run.fail({ check: 'runner', message: `runner error: ${(err as Error).stack ?? String(err)}` });
  } finally {
    clearTimeout(scenarioTimer);
    options.signal?.removeEventListener('abort', onOuterAbort);
    ac.abort();
    for (const members of run.clients.values()) for (const m of members) m.conn?.terminate();
  }
  if (options.signal?.aborted && !failures.length) run.fail({ check: 'scenario-deadline', message: 'the run deadline ended the scenario' });
  return {
    contract: scenario.contract,
    name: scenario.name,
    file: scenario.file,
    tags: scenario.tags,
    status: failures.length ? 'failed' : skipReason ? 'skipped' : 'passed',
    ...(skipReason ? { skipReason } : {}),
    durationMs: Date.now() - startedAt,
    failures,
    suppressed,
    timeline: run.timeline,
    ...withPlacement(run.placement),
  };
}

/** The instances each client used, on results of runs against several. */
function withPlacement(placement: Placement): Pick<ScenarioResult, 'instances'> {
  const instances = placement.summary();
  return instances ? { instances } : {};
}

/** A scenario that only means something when the server sends protocol pings: a dead peer (`pong: false`, `within: dead-peer`). */
function needsProtocolPings(scenario: Scenario): boolean {
  return scenario.steps.some((s) => (s.kind === 'connect' && !s.pong) || (s.kind === 'expect' && s.within === 'dead-peer'));
}

/** Step outcomes that make later steps meaningless. Always-on check failures do not stop a scenario. */
function isFatal(f: Failure): boolean {
  return f.check === 'scenario-deadline' || f.check === 'reset' || f.check === 'state';
}

/** Runs a step under a deadline of its own bound plus slack; `false` when it failed or ran out of time. */
async function withStepDeadline(run: ScenarioRun, step: Step): Promise<boolean> {
  const bound = stepBound(run, step) + 5000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolvePromise) => {
    timer = setTimeout(() => {
      run.fail({ check: 'step-deadline', message: `step ${step.kind} did not finish within ${bound} ms` });
      resolvePromise(false);
    }, bound);
  });
  try {
    return await Promise.race([runStep(run, step), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function stepBound(run: ScenarioRun, step: Step): number {
  switch (step.kind) {
    case 'expect':
      return run.within(step);
    case 'poll':
      return step.within;
    case 'expectNone':
      return step.for;
    case 'sleep':
      return step.ms;
    case 'measure':
      return step.samples * (step.within + run.options.callTimeoutMs);
    case 'connect':
    case 'reconnect':
      return run.options.handshakeTimeoutMs * 2;
    default:
      return run.options.callTimeoutMs;
  }
}
