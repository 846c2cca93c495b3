/**
 * `npm run mutants [-- --only a,b] [--concurrency N]`: runs the mutant zoo and prints
 * mutant → killing check and scenario step, or SURVIVED, live and then as a Markdown table
 * (docs/reliability.md). Exit 0: every mutant killed; 1: a survivor
 * or the unbroken server failing; 2: bad arguments.
 * `npm run mutants -- --derived`: the derived-conformance zoo (broken mocks of third-party documents).
 */
import { parseArgs } from 'node:util';
import { MUTANTS } from './mutants.js';
import { baselineProblem, markdownTable, planZoo, runZoo } from './zoo.js';

function usage(message: string): never {
  process.stderr.write(`mutants: ${message}\nusage: npm run mutants -- [--only <name,...>] [--concurrency <n>]\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({ options: { only: { type: 'string' }, concurrency: { type: 'string', default: '1' }, derived: { type: 'boolean' } } }).values;
} catch (err) {
  usage((err as Error).message);
}
if (args.derived) {
  const { runDerivedZoo } = await import('./derived-main.js');
  process.exit(await runDerivedZoo());
}
const concurrency = Number(args.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 4) usage(`--concurrency must be an integer from 1 to 4, got "${args.concurrency}"`);
const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((n) => !MUTANTS.some((m) => m.name === n)) ?? [];
if (unknown.length) usage(`unknown mutant(s) ${unknown.join(', ')} (known: ${MUTANTS.map((m) => m.name).join(', ')})`);
const mutants = only ? MUTANTS.filter((m) => only.includes(m.name)) : MUTANTS;

const plan = await planZoo();
if (!plan.ok) usage(`the scenarios do not load: ${plan.message}`);
const started = Date.now();
for (const topology of new Set(mutants.map((m) => m.topology))) {
  const problem = await baselineProblem(plan.plan, topology);
  if (problem) {
    process.stdout.write(`mutants: ${problem}\nkills would prove nothing: fix the server or the suite first.\n`);
    process.exit(1);
  }
}
const results = await runZoo(plan.plan, mutants, {
  concurrency,
  onResult: (r) => process.stdout.write(`${r.killedBy ? 'killed  ' : 'SURVIVED'} ${r.mutant.name.padEnd(28)} ${r.killedBy ? `${r.killedBy.check.padEnd(18)} ${r.killedBy.where}` : ''} (${r.scenariosRun} scenarios, ${(r.durationMs / 1000).toFixed(1)} s)\n`),
});
const survivors = results.filter((r) => !r.killedBy);
process.stdout.write(`\n${markdownTable(results)}\n\n${results.length - survivors.length}/${results.length} mutants killed in ${Math.round((Date.now() - started) / 1000)} s${survivors.length ? `; SURVIVED: ${survivors.map((r) => r.mutant.name).join(', ')}` : ''}\n`);
process.exit(survivors.length ? 1 : 0);
