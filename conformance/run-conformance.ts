/**
 * The conformance suite as a function: what `specwire test` does, for a team's own vitest, jest or
 * mocha test. Plans the scenarios (shipped, or a folder of the team's own), gets tokens and triggers
 * through the hooks URL or a driver, starts the built-in reference server when no `url` is given,
 * runs, reports, and resolves with the structured results. A contract without scenarios (or every
 * contract, with `derive`) gets a suite derived from its document (`conformance/derive/`).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Diagnostic } from '../contract/diagnostic.js';
import { createHooksClient, type HooksDriver } from '../protocol/hooks.js';
import { discoverContracts } from '../contract/discover.js';
import { originProblem, runnerUserAgent } from './browser-identity.js';
import { runDerivedContract } from './derive/run-derived.js';
import type { DeriveOptions } from './derive/suite.js';
import { deploymentOf, type Instance } from './instances.js';
import { planRun, type PlannedContract } from './plan.js';
import { loadDriver } from './load-driver.js';
import type { ReproduceTarget } from './reproduce.js';
import { describeProblem, preflight, preflightWithWait, type PreflightProblem, type PreflightTarget } from './preflight.js';
import { REPORTERS } from './reporters/index.js';
import type { Reporter, ReporterOptions } from './reporters/reporter.js';
import type { RunResult, ScenarioResult } from './result.js';
import { runPlan } from './run.js';

export interface ConformanceOptions {
  /** Contract ids (`taskforge`) or document paths, one or several. Default: every shipped contract. */
  contract?: string | string[];
  /** WebSocket base URL of the server under test; channel addresses are appended. Default: start the built-in reference server. */
  url?: string;
  /**
   * Several instances of one deployment, each's WebSocket base URL (instead of `url`): clients are
   * spread over them, reconnects move to another, polls go round-robin (docs/scenarios.md "Several
   * instances"). One entry behaves exactly as `url`.
   */
  urls?: string[];
  /**
   * HTTP base URL of the polling endpoints: one, or one per instance in the order of `urls`.
   * Default (and with one for several instances): each instance's WebSocket URL with `ws` → `http`.
   */
  http?: string | string[];
  /** Base URL of the test hooks (`POST <hooks>/reset`, `/trigger`, `/token`; docs/hooks.md). */
  hooks?: string;
  /**
   * A driver instead of the hooks URL: maps reset and triggers to the server's real API (docs/hooks.md),
   * as an object or the path of a module whose default export is one (`--driver`).
   */
  driver?: HooksDriver | string;
  /** HS256 secret the runner mints test tokens with. Required with `url` unless `tokenHook` is set. */
  jwtSecret?: string;
  /**
   * `Origin` header of every WebSocket handshake and HTTP poll, like a browser page at that origin
   * (`https://app.example.com`). Default: the origin of the URL requested (`ws://h:8000` → `http://h:8000`),
   * i.e. a page served by the server under test. Every request also carries `User-Agent: specwire/<version>`.
   */
  origin?: string;
  /** Ask `POST <hooks>/token` for tokens instead of minting them. Default false. */
  tokenHook?: boolean;
  /** Only scenarios carrying one of these tags (`auth`, `ordering`, `reconnect`, …). */
  tags?: string[];
  /** Only scenarios whose name or file matches this regular expression (case-insensitive). */
  grep?: string;
  /** Folder of `<contract>/*.yaml` scenarios. Default: the shipped `conformance/scenarios`. */
  scenarios?: string;
  /** Reporters by id (`console`, `json`, `junit`, `html`, `github`) or as objects. Default: none (read the result). */
  reporters?: (string | Reporter)[];
  /** Folder of the json, junit and html reports. Default `reports`. */
  outDir?: string;
  /** Where the console reporter writes. Default `process.stdout`. */
  write?: (text: string) => void;
  /** Colour in the console reporter. Default false. */
  color?: boolean;
  /** Deadline of the whole run in ms; scenarios not started by then are reported skipped. Default 600 000. */
  timeoutMs?: number;
  /** Stop at the first failed scenario; the rest are reported skipped. Default false. */
  bail?: boolean;
  /** Called as each scenario ends. */
  onScenarioEnd?(result: ScenarioResult): void;
  /**
   * Derive a suite from the document instead of running scenarios (docs/your-own-api.md): `true`, or
   * the derivation's options (`seed`, `runs`, `listenMs`). A contract without any scenario is
   * derived anyway. Default false.
   */
  derive?: boolean | DeriveOptions;
  /** Derived runs: headers sent with every upgrade, as given (`{ 'x-api-key': '…' }`). */
  headers?: Record<string, string>;
  /** Derived runs: query parameters added to every upgrade, as given (`{ token: '…' }`). */
  query?: Record<string, string>;
  /** Derived runs: a token placed where the document's security scheme says (query, header, cookie). */
  bearer?: string;
  /**
   * With `url`: how long to wait for the server under test to answer the preflight (WebSocket and
   * HTTP URLs, hooks reset, token hook), retrying with backoff, in ms. Default 0: probe once. An
   * unreachable or refusing target rejects with a `ServerUnreachableError` before any scenario.
   */
  waitMs?: number;
}

/** The options or the scenarios are wrong: nothing was run. `diagnostics` carry file:line:col. */
export class ConformanceSetupError extends Error {
  override readonly name: string = 'ConformanceSetupError';
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(diagnostics.length ? `${message}\n${diagnostics.map((d) => `  ${d.file}:${d.line}:${d.column}  ${d.rule}  ${d.message}`).join('\n')}` : message);
  }
}

/** Preflight failed: the server under test (or its hooks, or its token hook) cannot be used; nothing was run. */
export class ServerUnreachableError extends ConformanceSetupError {
  override readonly name: string = 'ServerUnreachableError';
  constructor(readonly problem: PreflightProblem, waitedMs: number) {
    super(`cannot run the suite: ${describeProblem(problem)}${waitedMs > 0 && problem.unreachable ? ` (still so after waiting ${waitedMs} ms)` : ''}.`);
  }
}

/**
 * Runs the suite and resolves with every scenario's result (`passed`, `failed`, `skipped` counts,
 * failures with check, step and frame). A failed check is a result, not an exception; bad options,
 * scenarios that do not match their contract or a reference server that cannot start reject with a
 * `ConformanceSetupError`.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<RunResult> {
  const reporters = resolveReporters(options);
  const { hooks: hooksUrl } = options;
  if (options.url !== undefined && options.urls !== undefined) throw new ConformanceSetupError('give url or urls, not both');
  if (options.urls !== undefined && !options.urls.length) throw new ConformanceSetupError('urls is empty: give at least one instance');
  const urls = options.urls ?? (options.url === undefined ? [] : [options.url]);
  const https = options.http === undefined ? [] : [options.http].flat();
  for (const [name, value] of [...urls.map((u) => ['url', u] as const), ...https.map((h) => ['http', h] as const), ['hooks', hooksUrl] as const]) {
    if (value !== undefined && !URL.canParse(value)) throw new ConformanceSetupError(`${name} is not a URL: ${value}`);
  }
  const url = urls[0];
  const originError = options.origin === undefined ? undefined : originProblem(options.origin);
  if (originError) throw new ConformanceSetupError(`origin: ${originError}`);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw new ConformanceSetupError(`timeoutMs must be a positive number, got ${options.timeoutMs}`);
  if (options.tokenHook && !hooksUrl) throw new ConformanceSetupError('tokenHook needs the hooks URL');
  if (options.waitMs !== undefined && !(options.waitMs >= 0)) throw new ConformanceSetupError(`waitMs must be a number of ms, at least 0, got ${options.waitMs}`);

  const plan = await planRun({
    contracts: options.contract === undefined ? [] : [options.contract].flat(),
    tags: options.tags,
    grep: options.grep,
    scenariosDir: options.scenarios && resolve(options.scenarios),
  });
  if (!plan.ok) throw new ConformanceSetupError(plan.message ?? 'the scenarios do not match their contracts', plan.diagnostics);
  const deriveAll = options.derive !== undefined && options.derive !== false;
  const derived = plan.contracts.filter((c) => deriveAll || c.discovered === 0);
  const scripted = plan.contracts.filter((c) => !derived.includes(c));
  if (!derived.length && !scripted.some((c) => c.scenarios.length)) throw new ConformanceSetupError('no scenario matches the given contracts, tags and grep');
  const shipped = new Set(discoverContracts());
  const foreign = derived.find((c) => !shipped.has(c.view.contract.file));
  if (!url && foreign) {
    throw new ConformanceSetupError(`${foreign.view.contract.file} is not one of the built-in reference server's contracts: pass the url of the server under test (to try the suite first: specwire mock ${foreign.view.contract.file})`);
  }
  // Minted JWTs are our convention: a third-party document's scenarios carry their credentials in `query`/`headers`.
  const needsTokens = scripted.some((c) => c.scenarios.length && c.view.contract.specwire && c.view.contract.securitySchemes.length);

  let jwtSecret = options.jwtSecret;
  let target: { wsUrl: string; httpUrl?: string; instances?: Instance[]; hooksUrl?: string; hooks?: HooksDriver };
  let stop: (() => Promise<void>) | undefined;
  let stillThere: (() => Promise<string | undefined>) | undefined;
  if (url) {
    if (needsTokens && !jwtSecret && !options.tokenHook) throw new ConformanceSetupError('testing a server at url needs jwtSecret (or tokenHook with the hooks URL) to get tokens');
    let driver: HooksDriver | undefined;
    if (typeof options.driver === 'string') {
      const loaded = await loadDriver(options.driver);
      if (!loaded.ok) throw new ConformanceSetupError(loaded.message);
      driver = loaded.driver;
    } else driver = options.driver;
    const hooks = driver ?? (hooksUrl ? createHooksClient(hooksUrl, { tokens: options.tokenHook, userAgent: runnerUserAgent() }) : undefined);
    const deployment = deploymentOf(urls, https);
    if (!deployment.ok) throw new ConformanceSetupError(deployment.message);
    const [first] = deployment.instances;
    target = { wsUrl: first!.wsUrl, httpUrl: first!.httpUrl, instances: deployment.instances, hooksUrl, hooks };
    const tokenContract = options.tokenHook ? (scripted.find((c) => c.scenarios.length) ?? derived[0])?.view.id : undefined;
    // The default HTTP URL is the WebSocket one's host, reached by the upgrade already; a WebSocket-only
    // server may hang up on a plain GET, which must not read as unreachable. So --http is probed only when given.
    const probe: PreflightTarget = {
      wsUrls: deployment.instances.map((i) => i.wsUrl),
      httpUrl: https,
      hooksUrl,
      driver,
      tokenHookContract: tokenContract,
      userAgent: runnerUserAgent(),
      origin: options.origin?.replace(/\/$/, ''),
    };
    const waitMs = options.waitMs ?? 0;
    const problem = await preflightWithWait(probe, { waitMs });
    if (problem) throw new ServerUnreachableError(problem, waitMs);
    stillThere = () => serverGone(probe);
  } else {
    jwtSecret ??= randomBytes(24).toString('hex');
    // The reference server (and its Redis client) loads only when no url is given.
    const { startReferenceServer } = await import('../server/index.js');
    // Its warnings and errors matter to whoever reads a failed run; its info lines do not.
    const logger = { info: () => {}, warn: (m: string) => process.stderr.write(`reference server: warning: ${m}\n`), error: (m: string) => process.stderr.write(`reference server: ERROR: ${m}\n`) };
    const server = await startReferenceServer({ port: 0, jwtSecret, hooks: true, logger }).catch((err: Error) => {
      throw new ConformanceSetupError(`the built-in reference server does not start: ${err.message}`);
    });
    stop = () => server.close();
    target = { wsUrl: server.url, httpUrl: server.httpUrl, hooksUrl: server.hooksUrl, hooks: createHooksClient(server.hooksUrl!, { userAgent: runnerUserAgent() }) };
  }

  const onScenarioEnd = (r: ScenarioResult) => {
    reporters.forEach((rep) => rep.onScenarioEnd?.(r));
    options.onScenarioEnd?.(r);
  };
  try {
    const origin = options.origin?.replace(/\/$/, '');
    const run = await runPlan(scripted, { ...target, jwtSecret, origin, reference: !url, runTimeoutMs: options.timeoutMs, bail: options.bail, onScenarioEnd, probe: stillThere });
    if (derived.length && !run.serverStopped) await appendDerived(run, derived, options, { wsUrl: target.wsUrl, hooks: target.hooks, jwtSecret, onScenarioEnd });
    run.reproduce = reproduceTarget(options, plan.contracts, shipped);
    run.reports = reporters.flatMap((rep) => rep.onRunEnd(run));
    return run;
  } finally {
    await stop?.();
  }
}

/** Runs the derived suites after the scenarios, under what is left of the run's deadline, into the same result. */
async function appendDerived(
  run: RunResult,
  contracts: PlannedContract[],
  options: ConformanceOptions,
  target: { wsUrl: string; hooks?: HooksDriver; jwtSecret?: string; onScenarioEnd(r: ScenarioResult): void },
): Promise<void> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), Math.max(1, (options.timeoutMs ?? 600_000) - run.durationMs));
  const started = Date.now();
  let grep: RegExp | undefined;
  try {
    grep = options.grep ? new RegExp(options.grep, 'i') : undefined;
  } catch {
    grep = undefined; // planRun already refused a bad pattern
  }
  const deriveOptions = typeof options.derive === 'object' ? options.derive : {};
  try {
    for (const { view } of contracts) {
      if (ac.signal.aborted || (options.bail && run.failed)) break;
      const { results, notDerived } = await runDerivedContract({
        ...deriveOptions,
        view,
        wsUrl: target.wsUrl,
        headers: options.headers,
        query: options.query,
        bearer: options.bearer,
        origin: options.origin?.replace(/\/$/, ''),
        jwtSecret: target.jwtSecret,
        hooks: target.hooks,
        tokenHook: options.tokenHook,
        grep,
        tags: options.tags,
        signal: ac.signal,
        onResult: (r) => {
          if (r.status === 'failed') run.failed++;
          else run.passed++;
          target.onScenarioEnd(r);
        },
      });
      run.scenarios.push(...results);
      run.notDerived = [...(run.notDerived ?? []), ...notDerived.map((n) => ({ contract: view.id, ...n }))];
    }
  } finally {
    clearTimeout(timer);
  }
  run.durationMs += Date.now() - started;
}

/**
 * Why the server under test is gone, or undefined: a failed scenario may be a crash or a refused
 * connection. Probed twice, a moment apart, so a blip between two scenarios is no verdict.
 */
async function serverGone(probe: PreflightTarget): Promise<string | undefined> {
  const first = await preflight(probe);
  if (!first?.unreachable || first.listening) return undefined;
  await new Promise((done) => setTimeout(done, 500));
  const again = await preflight(probe);
  return again?.unreachable && !again.listening ? describeProblem(again) : undefined;
}

/** The run's target flags, for reproduce lines that hit the same server with the same scenarios. */
function reproduceTarget(options: ConformanceOptions, contracts: PlannedContract[], shipped: Set<string>): ReproduceTarget {
  const own = contracts.filter((c) => !shipped.has(c.view.contract.file)).map((c) => [c.view.id, c.view.contract.file] as const);
  return {
    urls: options.urls ?? (options.url ? [options.url] : []),
    http: options.http,
    hooks: options.hooks,
    driver: typeof options.driver === 'string' ? options.driver : undefined,
    tokenHook: options.tokenHook,
    jwtSecret: options.jwtSecret !== undefined,
    origin: options.origin,
    scenarios: options.scenarios,
    contracts: Object.fromEntries(own),
  };
}

function resolveReporters(options: ConformanceOptions): Reporter[] {
  const reporterOptions: ReporterOptions = {
    outDir: resolve(options.outDir ?? 'reports'),
    write: options.write ?? ((t) => process.stdout.write(t)),
    color: options.color ?? false,
  };
  return (options.reporters ?? []).map((r) => {
    if (typeof r !== 'string') return r;
    const make = REPORTERS[r];
    if (!make) throw new ConformanceSetupError(`unknown reporter "${r}" (${Object.keys(REPORTERS).join(', ')})`);
    return make(reporterOptions);
  });
}
