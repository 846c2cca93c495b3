/**
 * How fast the `specwire` bin starts and lints, each run a cold process as a user or CI runs it,
 * against two baselines measured in the same run: a bare `node -e 0` (what no CLI can beat) and
 * `asyncapi validate` (@asyncapi/cli) on the same document.
 *
 * The machine is shared, so rounds interleave the contenders (every round runs each once) and the
 * ratios are medians of per-round ratios: a load swing hits all contenders of a round alike. Wall
 * time is what the targets are about, but on a loaded machine it mostly measures the queue for a
 * core; so further rounds measure each process's own CPU time (user + system, all threads), which
 * load hardly moves, as a second opinion.
 * Targets (issue #14): `--version` and `--help` ≤ 3× bare node; `lint` of one contract ≥ 5× faster
 * than `asyncapi validate`; all six documents in one `lint` process ≤ 1 s.
 *
 * STARTUP_BENCH_ROUNDS (default 7), STARTUP_BENCH_CPU_ROUNDS (default 5), STARTUP_BENCH_FILE
 * (default asyncapi/taskforge.yaml).
 */
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { discoverContracts } from '../contract/discover.js';
import { ASYNCAPI_PACKAGE, ROOT, ensureAsyncapiCli, fmt, machineNote, median, out, timeSpawn, timeSpecwire, type Timed } from './support/cli-timing.js';

const ROUNDS = Number(process.env.STARTUP_BENCH_ROUNDS ?? 7);
const CPU_ROUNDS = Number(process.env.STARTUP_BENCH_CPU_ROUNDS ?? 5);
const FILE = process.env.STARTUP_BENCH_FILE ?? 'asyncapi/taskforge.yaml';

interface Contender {
  label: string;
  run: (options: { cpu?: boolean }) => Promise<Timed>;
  /** Target as a ratio to bare node (`vsNode`) or in milliseconds (`maxMs`). */
  target?: { vsNode: number } | { maxMs: number };
}

export async function run(): Promise<void> {
  const documents = discoverContracts().map((f) => relative(ROOT, f));
  const asyncapi = ensureAsyncapiCli();
  const contenders: Contender[] = [
    { label: 'node -e 0 (baseline)', run: (o) => timeSpawn(process.execPath, ['-e', '0'], o) },
    { label: 'specwire --version', run: (o) => timeSpecwire(['--version'], o), target: { vsNode: 3 } },
    { label: 'specwire --help', run: (o) => timeSpecwire(['--help'], o), target: { vsNode: 3 } },
    ...commands().map((name): Contender => ({ label: `specwire ${name} --help`, run: (o) => timeSpecwire([name, '--help'], o) })),
    { label: `specwire lint ${FILE}`, run: (o) => timeSpecwire(['lint', FILE], o) },
    { label: `specwire lint, all ${documents.length} documents in one process`, run: (o) => timeSpecwire(['lint', ...documents], o), target: { maxMs: 1000 } },
    ...(asyncapi ? [{ label: `asyncapi validate ${FILE}`, run: (o: { cpu?: boolean }) => timeSpawn(asyncapi, ['validate', FILE], o) }] : []),
  ];
  out(`documents: ${documents.join(', ')}`);
  out(`${ROUNDS} wall-clock rounds then ${CPU_ROUNDS} CPU-time rounds, each runs every contender once as a cold process; medians (machine: ${machineNote()})`);
  if (!asyncapi) out(`asyncapi validate: NOT MEASURED — ${ASYNCAPI_PACKAGE} is missing from bench/.cache and could not be installed`);

  const wall = await rounds(contenders, ROUNDS, {});
  const cpu = await rounds(contenders, CPU_ROUNDS, { cpu: true });

  const ratio = (times: number[][], i: number, j: number) => median(times[i]!.map((ms, round) => ms / times[j]![round]!));
  out('');
  out('| what | wall | × bare node | CPU | × bare node | target | met: wall / CPU |');
  out('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const [i, c] of contenders.entries()) {
    const [w, p] = [median(wall[i]!), median(cpu[i]!)];
    const [wr, pr] = [ratio(wall, i, 0), ratio(cpu, i, 0)];
    let target = '';
    let met = '';
    if (c.target && 'vsNode' in c.target) {
      target = `≤ ${c.target.vsNode}× bare node`;
      met = `${wr <= c.target.vsNode ? 'yes' : 'NO'} / ${pr <= c.target.vsNode ? 'yes' : 'NO'}`;
    } else if (c.target) {
      target = `≤ ${fmt(c.target.maxMs)}`;
      met = `${w <= c.target.maxMs ? 'yes' : 'NO'} / ${p <= c.target.maxMs ? 'yes' : 'NO'}`;
    }
    out(`| ${c.label} | ${fmt(w)} | ${i === 0 ? '1.0×' : `${wr.toFixed(1)}×`} | ${fmt(p)} | ${i === 0 ? '1.0×' : `${pr.toFixed(1)}×`} | ${target} | ${met} |`);
  }
  if (asyncapi) {
    const lintOne = contenders.findIndex((c) => c.label === `specwire lint ${FILE}`);
    const last = contenders.length - 1;
    const [w, p] = [ratio(wall, last, lintOne), ratio(cpu, last, lintOne)];
    out('');
    out(`asyncapi validate ÷ specwire lint, same file, median of per-round ratios: ${w.toFixed(1)}× wall, ${p.toFixed(1)}× CPU (target ≥ 5×: ${w >= 5 ? 'met' : 'NOT met'} / ${p >= 5 ? 'met' : 'NOT met'})`);
  }
}

/** `count` rounds of every contender once; per contender the wall (or, with `cpu`, CPU) milliseconds of each round. */
async function rounds(contenders: Contender[], count: number, options: { cpu?: boolean }): Promise<number[][]> {
  const times = contenders.map(() => [] as number[]);
  for (let round = 0; round < count; round++) {
    for (const [i, c] of contenders.entries()) {
      const t = await c.run(options);
      if (t.code !== 0) out(`  ${c.label}: round ${round + 1} exited ${t.code ?? 'by the deadline'} (timing kept)`);
      if (options.cpu && t.cpuMs === undefined) throw new Error(`${c.label}: no CPU time reported (not a Node process?)`);
      times[i]!.push(options.cpu ? t.cpuMs! : t.ms);
    }
  }
  return times;
}

/** The CLI's commands, as its own --help lists them (so a new command is measured without an edit here). */
function commands(): string[] {
  const help = execFileSync(process.execPath, ['bin/specwire.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}
