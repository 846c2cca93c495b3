import type { Command } from 'commander';
import { resolve } from 'node:path';
import pc from 'picocolors';
import { EXIT, UsageError } from '../exit.js';
import { formatDiagnostic } from './lint.js';
import { DERIVE_DEFAULTS } from '../../conformance/derive/defaults.js';

interface TestFlags {
  contract?: string[];
  all?: boolean;
  url?: string[];
  http?: string[];
  hooks?: string;
  driver?: string;
  jwtSecret?: string;
  tokenHook?: boolean;
  origin?: string;
  reporter: string;
  out: string;
  tag?: string[];
  grep?: string;
  timeout: string;
  wait?: string;
  bail?: boolean;
  listChecks?: boolean;
  scenarios?: string;
  check?: boolean;
  color: boolean;
  derive?: boolean;
  header: string[];
  query: string[];
  bearer?: string;
  listen?: string;
  seed?: string;
  runs?: string;
  writeScenarios?: string;
}

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Run conformance scenarios against a WebSocket server (default: the built-in reference server)')
    .option('--contract <name-or-file...>', 'contracts to test, by id or document path (default: all)')
    .option('--all', 'test every contract in asyncapi/ (the default when no --contract is given)')
    .option('--url <ws-url>', 'WebSocket base URL of the server under test; channel addresses are appended (repeatable: one per instance of a deployment)', collect)
    .option('--http <url>', 'HTTP base URL for polling checks (repeatable: one per --url, same order; default: each --url with ws → http)', collect)
    .option('--hooks <url>', 'test-hooks base URL (POST /reset, /trigger, /token; docs/hooks.md)')
    .option('--driver <module>', 'module whose default export implements the hooks (reset, trigger, token?)')
    .option('--jwt-secret <secret>', 'HS256 secret to mint test tokens with (env SPECWIRE_JWT_SECRET)')
    .option('--token-hook', 'fetch tokens from POST <hooks>/token instead of minting them')
    .option('--origin <origin>', 'Origin header of every handshake and poll, as a page at that origin would send (default: the origin of the URL requested, e.g. http://localhost:8000 for ws://localhost:8000)')
    .option('--reporter <list>', 'comma-separated: console, json, junit, html, github (annotations at the failing step and a job summary in GitHub Actions)', 'console')
    .option('--out <dir>', 'folder for json, junit and html reports (git-ignored by default)', 'reports')
    .option('--tag <tag...>', 'only scenarios with one of these tags (auth, authz, schema, ordering, reconnect, heartbeat, fanout, fallback, latency, robustness, sse, instances)')
    .option('--grep <pattern>', 'only scenarios whose name or file matches this regular expression')
    .option('--timeout <ms>', 'deadline of the whole run', '600000')
    .option('--wait <ms>', 'with --url: retry the preflight (URLs, hooks, token path) with backoff until the server answers or this many ms pass (default: probe once)')
    .option('--bail', 'stop at the first failed scenario; the rest are reported skipped')
    .option('--scenarios <dir>', 'folder of <contract>/*.yaml scenarios (default: the shipped conformance/scenarios)')
    .option('--check', 'only load the scenarios and check them against their contracts (exit 0 or 2), connect to nothing')
    .option('--derive', 'derive a suite from the document instead of running scenarios (automatic for a document without any)')
    .option('--header <name:value>', 'derived runs: a header for every upgrade, e.g. "X-Api-Key: k" (repeatable)', collect, [])
    .option('--query <name=value>', 'derived runs: a query parameter for every upgrade, e.g. token=abc (repeatable)', collect, [])
    .option('--bearer <token>', 'derived runs: a token placed where the security scheme says (query, header or cookie)')
    .option('--listen <ms>', `derived runs: how long to validate what the server sends on its own after connecting (default ${DERIVE_DEFAULTS.listenMs})`)
    .option('--seed <n>', `derived runs: seed of the generated bad frames and property run (default ${DERIVE_DEFAULTS.seed})`)
    .option('--runs <n>', `derived runs: generated valid client messages per channel address (default ${DERIVE_DEFAULTS.runs}; 0: none)`)
    .option('--write-scenarios <dir>', 'write the derived suite as editable scenarios into <dir>/<contract>/ and exit (as `specwire scaffold`)')
    .option('--list-checks', 'list the always-on, runner and derived checks, then exit')
    .option('--no-color', 'plain console output')
    .addHelpText(
      'after',
      `
Without --url the built-in reference server is started in-process with its hooks and a random secret.
A document without scenarios (any AsyncAPI 3.x WebSocket document: give its path to --contract) is
tested with a suite derived from it: connect to every channel (with the credentials of --header,
--query, --bearer or --jwt-secret, and without them where security is declared: refused), send each
request's examples and expect a declared reply with the correlation id echoed, validate every frame
the server sends, then bad frames and --runs generated messages (seeded: --seed). The report says
what each check was derived from and what could not be derived. docs/your-own-api.md.
Several --url test a deployment, not a process: point each at one instance directly (not at the load
balancer). Clients are spread over the instances round-robin, reconnects move to another instance,
polls go round-robin, and the --hooks of any one instance drive them all; the report names each
client's instance (alice@1). --tag instances runs the cross-instance scenarios. docs/server.md.
Like a browser, the runner sends an Origin (see --origin) and User-Agent: specwire/<version> with
every handshake and poll.
With --url, a preflight reaches every target before the first scenario: the WebSocket URL (an
upgrade; a refused unauthenticated one is fine), the --http URL, the hooks (POST <hooks>/reset) or
the driver's reset, and the token hook. A target that does not answer or refuses is named in one
sentence, exit 2, nothing run; --wait <ms> retries while it does not answer (a server still
starting). A server that stops answering mid-run is reported once, the rest skipped, exit 1.
Exit codes (docs/ci.md):
  0  every scenario passed
  1  the server broke the contract (a check failed, or it stopped answering mid-run)
  2  the run could not be made: bad flags, unreadable contracts or scenarios, an unreachable server,
     missing or refusing hooks

Examples:
  $ specwire test --all
  $ specwire test --check                      # scenarios vs contracts only, file:line:col on error
  $ specwire test --contract taskforge --tag auth --reporter console,junit --out reports
  $ specwire test --all --tag sse                 # the Server-Sent Events scenarios (SSE endpoints on --http)
  $ specwire test --contract media-timeline --url ws://localhost:8080 --http http://localhost:8080 \\
      --hooks http://localhost:8080/__specwire --jwt-secret dev-secret
  $ specwire test --all --url ws://10.0.0.1:8080 --url ws://10.0.0.2:8080 \\
      --hooks http://10.0.0.1:8080/__specwire --jwt-secret dev-secret       # two instances, one deployment
  $ ./my-server & specwire test --contract taskforge --url ws://127.0.0.1:8000 \\
      --hooks http://127.0.0.1:8000/__specwire --wait 60000 --reporter console,github,junit,html   # a CI step
  $ specwire test --contract their-api.yaml --url ws://localhost:9000            # derived
  $ specwire test --contract slack-rtm.yaml --url ws://localhost:9000 --query token=xoxb-test --runs 50
  $ specwire test --contract taskforge --derive --jwt-secret dev-secret --url ws://localhost:8080`,
    )
    .action(async (flags: TestFlags) => {
      if (flags.listChecks) {
        const { FRAME_CHECKS, RUNNER_CHECKS } = await import('../../conformance/checks/registry.js');
        const { DERIVED_CHECKS } = await import('../../conformance/derive/checks/registry.js');
        for (const c of FRAME_CHECKS) process.stdout.write(`${c.id.padEnd(20)} frame   ${c.description}\n`);
        for (const [id, d] of Object.entries(RUNNER_CHECKS)) process.stdout.write(`${id.padEnd(20)} runner  ${d}\n`);
        for (const c of DERIVED_CHECKS) process.stdout.write(`${c.id.padEnd(20)} derived ${c.description}\n`);
        return;
      }
      if (flags.writeScenarios) {
        const { scaffoldCommand } = await import('./scaffold.js');
        process.exitCode = await scaffoldCommand(flags.contract ?? [], { out: flags.writeScenarios, ...deriveFlags(flags) });
        return;
      }
      process.exitCode = await runTestCommand(flags);
    });
}

async function runTestCommand(flags: TestFlags): Promise<number> {
  const { ConformanceSetupError, runConformance } = await import('../../conformance/run-conformance.js');
  const { originProblem } = await import('../../conformance/browser-identity.js');
  const timeoutMs = Number(flags.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of ms, got "${flags.timeout}"`);
  const waitMs = flags.wait === undefined ? undefined : Number(flags.wait);
  if (waitMs !== undefined && !(Number.isInteger(waitMs) && waitMs >= 0)) throw new UsageError(`--wait must be a whole number of ms, at least 0, got "${flags.wait}"`);
  if (waitMs !== undefined && !flags.url) throw new UsageError('--wait needs --url (the built-in reference server is started by the run itself)');
  const jwtSecret = flags.jwtSecret ?? process.env.SPECWIRE_JWT_SECRET;
  if (flags.tokenHook && !flags.hooks) throw new UsageError('--token-hook needs --hooks');
  const derive = deriveFlags(flags);
  const originError = flags.origin === undefined ? undefined : originProblem(flags.origin);
  if (originError) throw new UsageError(`--origin: ${originError}`);
  if (flags.check) return checkScenarios(flags);
  try {
    const run = await runConformance({
      contract: flags.contract,
      ...(flags.url ? { urls: flags.url } : {}),
      ...(flags.http ? { http: flags.http } : {}),
      hooks: flags.hooks,
      driver: flags.driver,
      jwtSecret,
      tokenHook: flags.tokenHook,
      origin: flags.origin,
      tags: flags.tag,
      grep: flags.grep,
      scenarios: flags.scenarios,
      reporters: flags.reporter.split(',').map((s) => s.trim()).filter(Boolean),
      outDir: flags.out,
      color: flags.color && pc.isColorSupported,
      timeoutMs,
      waitMs,
      bail: flags.bail,
      derive: flags.derive ? derive : Object.keys(derive).length ? derive : undefined,
      headers: parsePairs(flags.header, ':', '--header', 'Name: value'),
      query: parsePairs(flags.query, '=', '--query', 'name=value'),
      bearer: flags.bearer,
    });
    for (const f of run.reports ?? []) process.stdout.write(`report: ${f}\n`);
    // A scenario skipped as not applicable (skipReason) is no failure; one the deadline or --bail skipped is.
    // A server that stopped answering mid-run broke its promise to serve the run: exit 1, not 2.
    return run.failed || run.serverStopped || run.scenarios.some((s) => s.status === 'skipped' && !s.skipReason) ? EXIT.failures : EXIT.ok;
  } catch (err) {
    if (!(err instanceof ConformanceSetupError)) throw err;
    for (const d of err.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.stderr.write(`specwire: ${err.diagnostics.length ? err.message.split('\n', 1)[0] : err.message}\n`);
    return EXIT.usage;
  }
}

/** `--check`: plan only — every scenario loaded and checked against its contract, nothing connected. */
async function checkScenarios(flags: TestFlags): Promise<number> {
  const { planRun } = await import('../../conformance/plan.js');
  const plan = await planRun({ contracts: flags.contract ?? [], tags: flags.tag, grep: flags.grep, scenariosDir: flags.scenarios && resolve(flags.scenarios), requireContractRefs: true });
  if (!plan.ok) {
    for (const d of plan.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (plan.message) process.stderr.write(`specwire: ${plan.message}\n`);
    return EXIT.usage;
  }
  const total = plan.contracts.reduce((n, c) => n + c.scenarios.length, 0);
  process.stdout.write(`${total} scenario${total === 1 ? '' : 's'} in ${plan.contracts.length} contract${plan.contracts.length === 1 ? '' : 's'} match their contracts\n`);
  return EXIT.ok;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--header 'X-Api-Key: k'` / `--query token=abc` into a map; a value without the separator is a usage error. */
function parsePairs(values: string[], sep: string, flag: string, shape: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf(sep);
    if (at <= 0) throw new UsageError(`${flag} takes ${shape}, got "${v}"`);
    out[v.slice(0, at).trim()] = v.slice(at + 1).trim();
  }
  return out;
}

/** `--listen`, `--seed`, `--runs` checked and converted; only the ones given. */
export function deriveFlags(flags: { listen?: string; seed?: string; runs?: string }): { listenMs?: number; seed?: number; runs?: number } {
  const int = (value: string | undefined, flag: string, min: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number, at least ${min}, got "${value}"`);
    return n;
  };
  const listenMs = int(flags.listen, '--listen', 0);
  const seed = int(flags.seed, '--seed', 0);
  const runs = int(flags.runs, '--runs', 0);
  return { ...(listenMs === undefined ? {} : { listenMs }), ...(seed === undefined ? {} : { seed }), ...(runs === undefined ? {} : { runs }) };
}
