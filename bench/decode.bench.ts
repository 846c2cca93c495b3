/**
 * Generated `decodeServerMessage` against `JSON.parse` alone and against `JSON.parse` + plain ajv
 * compiled at run time (ajv-formats, contract/schema-validator.ts options), all in one run, for a small,
 * a medium and a large server frame. Plain ajv is measured twice: on the frame's own message schema
 * (it already knows the type: its best case) and on a `oneOf` of every server message (what one
 * validator per direction looks like). Targets: decode within 1.5× of `JSON.parse` alone, and no
 * slower than plain ajv.
 *
 * Then `specwire generate` for all contracts, as a user runs it (cold process, into a temp folder),
 * and in-process per contract split into loading (the AsyncAPI parser) and emitting.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitContract } from '../codegen/generate.js';
import { CONTRACTS_DIR, discoverContracts } from '../contract/discover.js';
import { loadContract } from '../contract/load.js';
import type { ContractModel, JsonSchema, MessageModel } from '../contract/model.js';
import { createAjv } from '../contract/schema-validator.js';

const ROOT = resolve(import.meta.dirname, '..');
/** Rounds of interleaved samples: each round times every contender once, so load drift hits all alike. */
const ROUNDS = Number(process.env.DECODE_BENCH_ROUNDS ?? 41);
/** Wall-clock per sample; the batch size per contender is calibrated to it. */
const SAMPLE_MS = 40;

interface Frame {
  label: string;
  contract: string;
  message: string;
  text: string;
}

interface Decoder {
  decodeServerMessage(data: string): { ok: boolean };
}

export async function run(): Promise<void> {
  out(`machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average ${loadavg()[0]!.toFixed(1)}, node ${process.version}`);
  const models = new Map<string, ContractModel>();
  for (const file of discoverContracts()) {
    const loaded = await loadContract(file);
    if (loaded.ok) models.set(loaded.contract.id, loaded.contract);
  }
  const frames = buildFrames(models);
  out(`${ROUNDS} interleaved rounds of ~${SAMPLE_MS} ms batches per contender; medians, ops/s are single calls`);
  out('');
  out('| frame | bytes | JSON.parse | + ajv (own schema) | + ajv (oneOf of all) | decodeServerMessage | decode time ÷ parse time | decode speed ÷ ajv (own) speed |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const frame of frames) {
    const model = models.get(frame.contract)!;
    const message = model.messages.find((m) => m.id === frame.message)!;
    const runtime = (await import(pathToFileURL(join(ROOT, 'generated', frame.contract, 'index.js')).href)) as Decoder;
    const ajv = createAjv();
    const own = ajv.compile(message.payload);
    const union = ajv.compile({ oneOf: serverMessages(model).map((m) => m.payload) } as JsonSchema);
    // Every contender must accept the frame, or the comparison is meaningless.
    const parsed: unknown = JSON.parse(frame.text);
    if (!runtime.decodeServerMessage(frame.text).ok || !own(parsed) || !union(parsed)) throw new Error(`${frame.label} is not a valid frame for every contender`);

    const text = frame.text;
    const { ops, samples } = measure({
      parse: () => (JSON.parse(text) as object) !== null,
      'ajv-own': () => own(JSON.parse(text)),
      'ajv-union': () => union(JSON.parse(text)),
      decode: () => runtime.decodeServerMessage(text).ok,
    });
    const vsParse = pairedRatio(samples, 'parse', 'decode');
    const vsAjv = pairedRatio(samples, 'decode', 'ajv-own');
    out(
      `| ${frame.label} | ${text.length} | ${fmt(ops.parse!)} | ${fmt(ops['ajv-own']!)} | ${fmt(ops['ajv-union']!)} | ${fmt(ops.decode!)} | ` +
        `${vsParse.median.toFixed(2)}× (${vsParse.low.toFixed(2)}–${vsParse.high.toFixed(2)}) ${vsParse.median <= 1.5 ? '✓' : '✗'} | ` +
        `${vsAjv.median.toFixed(2)}× (${vsAjv.low.toFixed(2)}–${vsAjv.high.toFixed(2)}) ${vsAjv.median >= 1 ? '✓' : '✗'} |`,
    );
  }
  out('');
  out('Ratios are medians of per-round ratios (contenders timed back to back), with the interquartile range. Targets: decode time ≤ 1.5× JSON.parse; decode at least as fast as JSON.parse + plain ajv on the message\'s own schema.');
  await timeGenerate(models);
}

/** A media item (small), a game scoreboard (medium), a batch of 100 media updates (large). */
function buildFrames(models: Map<string, ContractModel>): Frame[] {
  const example = (contract: string, message: string): Record<string, unknown> => {
    const m = models.get(contract)?.messages.find((x) => x.id === message);
    const payload = m?.examples[0]?.payload;
    if (!payload) throw new Error(`${contract}/${message} has no example to benchmark with`);
    return structuredClone(payload) as Record<string, unknown>;
  };
  const batch = example('media-timeline', 'mediaUpdate');
  const items = (batch.payload as { items: Record<string, unknown>[] }).items;
  const grown = Array.from({ length: 100 }, (_, i) => ({ ...items[i % items.length]!, id: uuidLike(i), caption: `item ${i}` }));
  (batch.payload as { items: unknown[] }).items = grown;
  return [
    { label: 'small: media-timeline `media:new` (one media item)', contract: 'media-timeline', message: 'mediaNew', text: JSON.stringify(example('media-timeline', 'mediaNew')) },
    { label: 'medium: phase-events `phase.scoreboard`', contract: 'phase-events', message: 'scoreboard', text: JSON.stringify(example('phase-events', 'scoreboard')) },
    { label: 'large: media-timeline `media:update` (100 items)', contract: 'media-timeline', message: 'mediaUpdate', text: JSON.stringify(batch) },
  ];
}

function serverMessages(model: ContractModel): MessageModel[] {
  return model.messages.filter((m) => m.directions.includes('server-to-client'));
}

async function timeGenerate(models: Map<string, ContractModel>): Promise<void> {
  out('');
  out(`specwire generate, ${models.size} contracts:`);
  const dir = mkdtempSync(join(tmpdir(), 'specwire-bench-generate-'));
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await new Promise<void>((done, fail) =>
        execFile(process.execPath, [join(ROOT, 'bin/specwire.js'), 'generate', '--out', join(dir, String(i))], { cwd: ROOT }, (err) => (err ? fail(err) : done())),
      );
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    out(`- cold process, wall-clock, median of 3: ${(runs[1]! / 1000).toFixed(2)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  out('- in process, per contract: loading (the AsyncAPI parser) and emitting (the generator alone):');
  out('');
  out('| contract | load (parse + model) | emit (types + validators + runtime) | output bytes |');
  out('| --- | ---: | ---: | ---: |');
  // A copy of asyncapi/ under a new path defeats the loader's per-process cache: these are real parses.
  const copy = mkdtempSync(join(tmpdir(), 'specwire-bench-contracts-'));
  try {
    cpSync(CONTRACTS_DIR, copy, { recursive: true });
    for (const file of discoverContracts(copy)) {
      const started = performance.now();
      const loaded = await loadContract(file);
      const loadMs = performance.now() - started;
      if (!loaded.ok) continue;
      const emitStart = performance.now();
      const output = emitContract(loaded.contract, basename(file));
      const emitMs = performance.now() - emitStart;
      const bytes = [...output.files.values()].reduce((n, c) => n + c.length, 0);
      out(`| ${output.id} | ${loadMs.toFixed(0)} ms | ${emitMs.toFixed(0)} ms | ${bytes.toLocaleString('en-US')} |`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * Median ops/s per contender over interleaved rounds. Each round runs every contender for one
 * calibrated batch in turn; the median over rounds shrugs off the other processes on a shared box.
 */
function measure(contenders: Record<string, () => unknown>): { ops: Record<string, number>; samples: Record<string, number[]> } {
  const names = Object.keys(contenders);
  const batch: Record<string, number> = {};
  for (const name of names) {
    const fn = contenders[name]!;
    for (let i = 0; i < 2000; i++) fn(); // warm up: optimise before timing
    let n = 64;
    for (;;) {
      const started = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (ms >= SAMPLE_MS / 4) {
        batch[name] = Math.max(1, Math.round((n * SAMPLE_MS) / ms));
        break;
      }
      n *= 4;
    }
  }
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  let sink = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) {
      const fn = contenders[name]!;
      const n = batch[name]!;
      const started = process.hrtime.bigint();
      for (let i = 0; i < n; i++) if (fn()) sink++;
      samples[name]!.push((n * 1e9) / Number(process.hrtime.bigint() - started));
    }
  }
  if (sink === 0) throw new Error('nothing measured');
  return { ops: Object.fromEntries(names.map((n) => [n, median(samples[n]!)])), samples };
}

/** Per-round ratio a ÷ b (both timed back to back in each round): median and interquartile range. */
function pairedRatio(samples: Record<string, number[]>, a: string, b: string): { median: number; low: number; high: number } {
  const ratios = samples[a]!.map((x, i) => x / samples[b]![i]!).sort((p, q) => p - q);
  return { median: median(ratios), low: ratios[Math.floor(ratios.length / 4)]!, high: ratios[Math.floor((ratios.length * 3) / 4)]! };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function uuidLike(i: number): string {
  return `7f2c4a90-1e3d-4b5a-8c7e-${i.toString(16).padStart(12, '0')}`;
}

function fmt(ops: number): string {
  if (ops >= 1e6) return `${(ops / 1e6).toFixed(2)} M/s`;
  return ops >= 1e4 ? `${(ops / 1e3).toFixed(0)} k/s` : `${(ops / 1e3).toFixed(2)} k/s`;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}
