import type { Command } from 'commander';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pc from 'picocolors';
import type { HooksDriver } from '../../protocol/hooks.js';
import { EXIT, UsageError } from '../exit.js';
import { formatDiagnostic } from './lint.js';

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
    .option('--tag <tag...>', 'only scenarios with one of these tags (auth, authz, schema, ordering, reconnect, heartbeat, fanout, fallback, latency, robustness, sse)')
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
  $ specwire test --all --tag sse                 # the Server-Sent Events scenarios (SSE endpoints on --http)
  $ specwire test --contract media-timeline --url ws://localhost:8080 --http http://localhost:8080 \\
      --hooks http://localhost:8080/__specwire --jwt-secret dev-secret`,
    )
    .action(async (flags: TestFlags) => {
      if (flags.listChecks) {
        const { FRAME_CHECKS, RUNNER_CHECKS } = await import('../../conformance/checks/registry.js');
        for (const c of FRAME_CHECKS) process.stdout.write(`${c.id.padEnd(20)} frame   ${c.description}\n`);
        for (const [id, d] of Object.entries(RUNNER_CHECKS)) process.stdout.write(`${id.padEnd(20)} runner  ${d}\n`);
        return;
      }
      process.exitCode = await runTestCommand(flags);
    });
}

async function runTestCommand(flags: TestFlags): Promise<number> {
  const { ConformanceSetupError, runConformance } = await import('../../conformance/run-conformance.js');
  const timeoutMs = Number(flags.timeout);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout must be a positive number of ms, got "${flags.timeout}"`);
  const jwtSecret = flags.jwtSecret ?? process.env.SPECWIRE_JWT_SECRET;
  if (flags.url && !jwtSecret && !flags.tokenHook) throw new UsageError('testing a server at --url needs --jwt-secret (or --token-hook with --hooks) to get tokens');
  if (flags.tokenHook && !flags.hooks) throw new UsageError('--token-hook needs --hooks');
  if (flags.check) return checkScenarios(flags);
  try {
    const run = await runConformance({
      contract: flags.contract,
      url: flags.url,
      http: flags.http,
      hooks: flags.hooks,
      driver: flags.driver ? await loadDriver(flags.driver) : undefined,
      jwtSecret,
      tokenHook: flags.tokenHook,
      tags: flags.tag,
      grep: flags.grep,
      scenarios: flags.scenarios,
      reporters: flags.reporter.split(',').map((s) => s.trim()).filter(Boolean),
      outDir: flags.out,
      color: flags.color && pc.isColorSupported,
      timeoutMs,
      bail: flags.bail,
    });
    for (const f of run.reports ?? []) process.stdout.write(`report: ${f}\n`);
    return run.failed || run.skipped ? EXIT.failures : EXIT.ok;
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
  const plan = await planRun({ contracts: flags.contract ?? [], tags: flags.tag, grep: flags.grep, scenariosDir: flags.scenarios && resolve(flags.scenarios) });
  if (!plan.ok) {
    for (const d of plan.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    if (plan.message) process.stderr.write(`specwire: ${plan.message}\n`);
    return EXIT.usage;
  }
  const total = plan.contracts.reduce((n, c) => n + c.scenarios.length, 0);
  process.stdout.write(`${total} scenario${total === 1 ? '' : 's'} in ${plan.contracts.length} contract${plan.contracts.length === 1 ? '' : 's'} match their contracts\n`);
  return EXIT.ok;
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
