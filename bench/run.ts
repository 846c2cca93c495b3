/**
 * Runs the benchmarks: `npm run bench` (all) or `npm run bench -- decode lint` (by name).
 * Each `bench/<name>.bench.ts` exports `run(): Promise<void>`, prints its own table with ratios
 * against a baseline measured in the same run, and is recorded in docs/performance.md.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const all = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')} (have: ${all.join(', ')})\n`);
  process.exit(2);
}
for (const name of wanted.length ? wanted : all) {
  process.stdout.write(`\n## ${name}\n`);
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as { run: () => Promise<void> };
  await mod.run();
}
