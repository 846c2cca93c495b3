/**
 * The `specwire` command line: wires the commands together and nothing else. Each command lives in
 * `cli/commands/<name>.ts` and registers its own options, help and examples.
 */
import { Command, CommanderError } from 'commander';
import { registerDiff } from './commands/diff.js';
import { registerDocs } from './commands/docs.js';
import { registerGenerate } from './commands/generate.js';
import { registerLint } from './commands/lint.js';
import { registerMock } from './commands/mock.js';
import { registerScaffold } from './commands/scaffold.js';
import { registerServe } from './commands/serve.js';
import { registerTest } from './commands/test.js';
import { registerCoverage } from './commands/coverage.js';
import { EXIT, UsageError } from './exit.js';
import { packageVersion } from '../contract/package-root.js';


export function buildProgram(): Command {
  const program = new Command('specwire')
    .description('Executable AsyncAPI 3.0 event contracts: lint, diff, generate, document, test WebSocket servers.')
    .version(packageVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ specwire lint                                  # every document in ./asyncapi/
  $ specwire diff main:asyncapi/taskforge.yaml asyncapi/taskforge.yaml  # breaking changes + semver gate
  $ specwire generate --check                      # fail when generated/ is stale
  $ specwire docs --check                          # fail when docs/contracts/ is stale
  $ specwire test --all                            # every suite against the built-in reference server
  $ specwire test --contract taskforge --url ws://localhost:8000 --hooks http://localhost:8000/__specwire --jwt-secret s3cret
  $ specwire serve --hooks --jwt-secret dev-secret # reference server on :8080
  $ specwire mock their-api.yaml --emit-every 2000 # mock any AsyncAPI 3.0 document on :8080
  $ specwire test --contract their-api.yaml --url ws://localhost:9000   # a suite derived from the document
  $ specwire scaffold their-api.yaml --out scenarios                    # that suite as editable scenarios

Exit codes: 0 success, 1 contract or check failures, 2 usage, config or input errors.
Docs: README.md, docs/architecture.md, docs/conventions.md`,
    );
  registerLint(program);
  registerDiff(program);
  registerGenerate(program);
  registerDocs(program);
  registerTest(program);
  registerCoverage(program);
  registerScaffold(program);
  registerServe(program);
  registerMock(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  // `specwire lint | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes with commander's code 1 → ours 2.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`specwire: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    throw err;
  }
}

await main(process.argv);
