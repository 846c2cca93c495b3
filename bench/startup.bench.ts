/**
 * How fast the `specwire` bin starts and lints, each run a cold process as a user or CI runs it,
 * against two baselines measured in the same run: a bare `node -e 0` (what no CLI can beat) and
 * `asyncapi validate` (@asyncapi/cli) on the same document.
 *
 * The machine is shared, so rounds interleave the contenders (every round runs each once) and the
 * ratios are medians of per-round ratios: a load swing hits all contenders of a round alike.
 * Targets (issue #14): `--version` and `--help` ≤ 3× bare node; `lint` of one contract ≥ 5× faster
 * than `asyncapi validate`; all six documents in one `lint` process ≤ 1 s.
 *
 * STARTUP_BENCH_ROUNDS (default 7), STARTUP_BENCH_FILE (default asyncapi/taskforge.yaml).
 */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { discoverContracts } from '../contract/discover.js';
import { ASYNCAPI_PACKAGE, ROOT, ensureAsyncapiCli, fmt, machineNote, median, out, timeSpawn, timeSpecwire, type Timed } from './support/cli-timing.js';

const ROUNDS = Number(process.env.STARTUP_BENCH_ROUNDS ?? 7);
const FILE = process.env.STARTUP_BENCH_FILE ?? 'asyncapi/taskforge.yaml';

interface Contender {
  label: string;
  run: () => Promise<Timed>;
  /** Target as a ratio to bare node (`vsNode`) or in milliseconds (`maxMs`). */
  target?: { vsNode: number } | { maxMs: number };
}

export async function run(): Promise<void> {
  const documents = discoverContracts().map((f) => relative(ROOT, f));
  const asyncapi = ensureAsyncapiCli();
  const contenders: Contender[] = [
    { label: 'node -e 0 (baseline)', run: () => timeSpawn(process.execPath, ['-e', '0']) },
    { label: 'specwire --version', run: () => timeSpecwire(['--version']), target: { vsNode: 3 } },
    { label: 'specwire --help', run: () => timeSpecwire(['--help']), target: { vsNode: 3 } },
    ...commands().map((name): Contender => ({ label: `specwire ${name} --help`, run: () => timeSpecwire([name, '--help']) })),
    { label: `specwire lint ${FILE}`, run: () => timeSpecwire(['lint', FILE]) },
    { label: `specwire lint, all ${documents.length} documents in one process`, run: () => timeSpecwire(['lint', ...documents]), target: { maxMs: 1000 } },
    ...(asyncapi ? [{ label: `asyncapi validate ${FILE}`, run: () => timeSpawn(asyncapi, ['validate', FILE]) }] : []),
  ];
  out(`documents: ${documents.join(', ')}`);
  out(`${ROUNDS} rounds, each runs every contender once as a cold process; medians (machine: ${machineNote()})`);
  if (!asyncapi) out(`asyncapi validate: NOT MEASURED — ${ASYNCAPI_PACKAGE} is missing from bench/.cache and could not be installed`);

  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, c] of contenders.entries()) {
      const t = await c.run();
      if (t.code !== 0) out(`  ${c.label}: round ${round + 1} exited ${t.code ?? 'by the deadline'} (timing kept)`);
      times[i]!.push(t.ms);
    }
  }

  const bare = times[0]!;
  const perRound = (i: number, j: number) => median(times[i]!.map((ms, round) => ms / times[j]![round]!));
  out('');
  out('| what | median wall | × bare node | target | met |');
  out('| --- | ---: | ---: | --- | --- |');
  for (const [i, c] of contenders.entries()) {
    const ms = median(times[i]!);
    const vsNode = perRound(i, 0);
    const target = !c.target ? '' : 'vsNode' in c.target ? `≤ ${c.target.vsNode}× bare node` : `≤ ${fmt(c.target.maxMs)}`;
    const met = !c.target ? '' : 'vsNode' in c.target ? (vsNode <= c.target.vsNode ? 'yes' : 'NO') : ms <= c.target.maxMs ? 'yes' : 'NO';
    out(`| ${c.label} | ${fmt(ms)} | ${i === 0 ? '1.0×' : `${vsNode.toFixed(1)}×`} | ${target} | ${met} |`);
  }
  if (asyncapi) {
    const lintOne = contenders.findIndex((c) => c.label === `specwire lint ${FILE}`);
    const speedup = perRound(contenders.length - 1, lintOne);
    out('');
    out(`asyncapi validate ÷ specwire lint, same file, median of per-round ratios: ${speedup.toFixed(1)}× (target ≥ 5×: ${speedup >= 5 ? 'met' : 'NOT met'})`);
  }
  out(`bare node median: ${fmt(median(bare))}`);
}

/** The CLI's commands, as its own --help lists them (so a new command is measured without an edit here). */
function commands(): string[] {
  const help = execFileSync(process.execPath, ['bin/specwire.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}
