import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pc from 'picocolors';
import { FRAME_CHECKS, RUNNER_CHECKS } from '../../conformance/checks/registry.ts';
import { planRun } from '../../conformance/plan.ts';
import { REPORTERS } from '../../conformance/reporters/index.ts';
import type { Reporter } from '../../conformance/reporters/reporter.ts';
import { runPlan } from '../../conformance/run.ts';
import { createHooksClient, type HooksDriver } from '../../protocol/hooks.ts';
import { EXIT, UsageError } from '../exit.ts';
import { formatDiagnostic } from './lint.ts';

interface TestFlags {
  contract?: string[];
  all?: boolean;
  url?: string;
  http?: string;
  hooks?: string;
  driver?: string;
  jwtSecret?: string;
  tokenHook?: boolean;
  reporter: string;
  out: string;
  tag?: string[];
  grep?: string;
  timeout: string;
  bail?: boolean;
  listChecks?: boolean;
  scenarios?: string;
  check?: boolean;
  color: boolean;
}

/** The reference server module, loaded only when no `--url` is given. */
const REFERENCE_SERVER_MODULE = '../../server/index.ts';

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('Run conformance scenarios against a WebSocket server (default: the built-in reference server)')
    .option('--contract <name-or-file...>', 'contracts to test, by id or document path (default: all)')
    .option('--all', 'test every contract in asyncapi/ (the default when no --contract is given)')
    .option('--url <ws-url>', 'WebSocket base URL of the server under test; channel addresses are appended')
    .option('--http <url>', 'HTTP base URL for polling checks')
    .option('--hooks <url>', 'test-hooks base URL (POST /reset, /trigger, /token; docs/hooks.md)')
    .option('--driver <module>', 'module whose default export implements the hooks (reset, trigger, token?)')
    .option('--jwt-secret <secret>', 'HS256 secret to mint test tokens with (env SPECWIRE_JWT_SECRET)')
    .option('--token-hook', 'fetch tokens from POST <hooks>/token instead of minting them')
    .option('--reporter <list>', 'comma-separated: console, json, junit, html', 'console')
    .option('--out <dir>', 'folder for json, junit and html reports (git-ignored by default)', 'reports')
    .option('--tag <tag...>', 'only scenarios with one of these tags (auth, authz, schema, ordering, reconnect, heartbeat, fanout, fallback, latency, robustness)')
    .option('--grep <pattern>', 'only scenarios whose name or file matches this regular expression')
    .option('--timeout <ms>', 'deadline of the whole run', '600000')
    .option('--bail', 'stop at the first failed scenario; the rest are reported skipped')
    .option('--scenarios <dir>', 'folder of <contract>/*.yaml scenarios (default: the shipped conformance/scenarios)')
    .option('--check', 'only load the scenarios and check them against their contracts (exit 0 or 2), connect to nothing')
    .option('--list-checks', 'list the always-on checks and runner checks, then exit')
    .option('--no-color', 'plain console output')
    .addHelpText(
      'after',
      `
Without --url the built-in reference server is started in-process with its hooks and a random secret.
Exit codes: 0 every scenario passed, 1 a check failed, 2 bad flags, contracts or scenarios.

Examples:
  $ specwire test --all
  $ specwire test --check                      # scenarios vs contracts only, file:line:col on error
  $ specwire test --contract taskforge --tag auth --reporter console,junit --out reports
  $ specwire test --contract media-timeline --url ws://localhost:8080 --http http://localhost:8080 \\
      --hooks http://localhost:8080/__specwire --jwt-secret dev-secret`,
    )
    .action(async (flags: TestFlags) => {
      if (flags.listChecks) {
        for (const c of FRAME_CHECKS) process.stdout.write(`${c.id.padEnd(20)} frame   ${c.description}\n`);
        for (const [id, d] of Object.entries(RUNNER_CHECKS)) process.stdout.write(`${id.padEnd(20)} runner  ${d}\n`);
        return;
      }
      process.exitCode = await runTestCommand(flags);
    });
}

async function runTestCommand(flags: TestFlags): Promise<number> {
  const reporterIds = flags.reporter.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = reporterIds.filter((r) => !REPORTERS[r]);
  if (unknown.length) throw new UsageError(`unknown --reporter ${unknown.join(', ')} (${Object.keys(REPORTERS).join(', ')})`);
  const runTimeoutMs = Number(flags.timeout);
  if (!Number.isFinite(runTimeoutMs) || runTimeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of ms, got "${flags.timeout}"`);
  let jwtSecret = flags.jwtSecret ?? process.env.SPECWIRE_JWT_SECRET;
  if (flags.url && !jwtSecret && !flags.tokenHook) throw new UsageError('testing a server at --url needs --jwt-secret (or --token-hook with --hooks) to get tokens');
  if (flags.tokenHook && !flags.hooks) throw new UsageError('--token-hook needs --hooks');
  for (const [name, value] of [['--url', flags.url], ['--http', flags.http], ['--hooks', flags.hooks]] as const) {
    if (value && !URL.canParse(value)) throw new UsageError(`${name} is not a URL: ${value}`);
  }

  const plan = await planRun({ contracts: flags.contract ?? [], tags: flags.tag, grep: flags.grep, scenariosDir: flags.scenarios && resolve(flags.scenarios) });
  if (!plan.ok) {
    for (const d of plan.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (plan.message) process.stderr.write(`specwire: ${plan.message}\n`);
    return EXIT.usage;
  }
  const total = plan.contracts.reduce((n, c) => n + c.scenarios.length, 0);
  if (flags.check) {
    process.stdout.write(`${total} scenario${total === 1 ? '' : 's'} in ${plan.contracts.length} contract${plan.contracts.length === 1 ? '' : 's'} match their contracts\n`);
    return EXIT.ok;
  }
  if (!total) {
    process.stderr.write('specwire: no scenario matches the given contracts, --tag and --grep\n');
    return EXIT.usage;
  }

  let hooks: HooksDriver | undefined;
  let stop: (() => Promise<void>) | undefined;
  let target: { wsUrl: string; httpUrl?: string; hooksUrl?: string };
  if (flags.url) {
    target = { wsUrl: flags.url, httpUrl: flags.http ?? flags.url.replace(/^ws/, 'http'), hooksUrl: flags.hooks };
    if (flags.driver) hooks = await loadDriver(flags.driver);
    else if (flags.hooks) hooks = createHooksClient(flags.hooks, { tokens: flags.tokenHook });
  } else {
    jwtSecret ??= randomBytes(24).toString('hex');
    const mod = (await import(REFERENCE_SERVER_MODULE)) as { startReferenceServer(o: Record<string, unknown>): Promise<{ url: string; httpUrl: string; hooksUrl: string; close(): Promise<void> }> };
    // The server's own warnings and errors matter to whoever reads a failed run; its info lines do not.
    const logger = { info: () => {}, warn: (m: string) => process.stderr.write(`reference server: warning: ${m}\n`), error: (m: string) => process.stderr.write(`reference server: ERROR: ${m}\n`) };
    // A server that cannot start (e.g. generated code missing) is a setup problem: exit 2 with its message.
    const server = await mod.startReferenceServer({ port: 0, jwtSecret, hooks: true, logger }).catch((err: Error) => {
      throw new UsageError(`the built-in reference server does not start: ${err.message}`);
    });
    stop = () => server.close();
    target = { wsUrl: server.url, httpUrl: server.httpUrl, hooksUrl: server.hooksUrl };
    hooks = createHooksClient(server.hooksUrl);
  }

  const reporterOptions = { outDir: resolve(flags.out), write: (t: string) => process.stdout.write(t), color: flags.color && pc.isColorSupported };
  const reporters: Reporter[] = reporterIds.map((id) => REPORTERS[id]!(reporterOptions));
  try {
    const run = await runPlan(plan.contracts, {
      ...target,
      hooks,
      jwtSecret,
      reference: !flags.url,
      runTimeoutMs,
      bail: flags.bail,
      onScenarioEnd: (r) => reporters.forEach((rep) => rep.onScenarioEnd?.(r)),
    });
    const files = reporters.flatMap((rep) => rep.onRunEnd(run));
    for (const f of files) process.stdout.write(`report: ${f}\n`);
    return run.failed || run.skipped ? EXIT.failures : EXIT.ok;
  } finally {
    await stop?.();
  }
}

async function loadDriver(path: string): Promise<HooksDriver> {
  let mod: { default?: HooksDriver };
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as { default?: HooksDriver };
  } catch (err) {
    throw new UsageError(`cannot load --driver ${path}: ${(err as Error).message}`);
  }
  const driver = mod.default;
  if (!driver || typeof driver.trigger !== 'function' || typeof driver.reset !== 'function') {
    throw new UsageError(`--driver ${path} must export default { reset(), trigger(request) } (docs/hooks.md)`);
  }
  return driver;
}
