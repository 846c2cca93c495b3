/**
 * What `npm install specwire` puts on a user's disk: the package is packed (`npm pack`, as published)
 * and installed into an empty project without dev dependencies; the baseline, measured in the same
 * run, is `@asyncapi/cli` (the tool a team would otherwise install to validate documents), from
 * bench/.cache/ where the lint and startup benches keep it.
 *
 * Sizes are the sum of file sizes (what a tarball or a Docker layer carries), totals also as `du`
 * reports them (whole blocks per file, the figure the issue quoted for @asyncapi/cli). Each of specwire's
 * direct dependencies is charged with the packages it pulls in: "alone" counts those no other
 * direct dependency needs, i.e. what dropping it would save.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASYNCAPI_PACKAGE, ROOT, ensureAsyncapiCli, machineNote, out } from './support/cli-timing.js';

const NPM_DEADLINE_MS = 15 * 60_000;

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export async function run(): Promise<void> {
  out(`machine: ${machineNote()}`);
  const work = mkdtempSync(join(tmpdir(), 'specwire-install-size-'));
  try {
    out('packing (npm pack: a clean build first) ...');
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', timeout: NPM_DEADLINE_MS, stdio: ['ignore', 'pipe', 'inherit'] })
      .trim()
      .split('\n')
      .pop()!;
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'install-size-probe', private: true }));
    out('installing the tarball into an empty project (--omit=dev) ...');
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], { cwd: project, timeout: NPM_DEADLINE_MS, stdio: ['ignore', 'ignore', 'inherit'] });

    const modules = join(project, 'node_modules');
    const tarballBytes = statSync(join(work, tarball)).size;
    const specwire = packagesOf(modules);
    const total = sum(specwire.values());
    out('');
    out(`tarball ${tarball}: ${mb(tarballBytes)}; installed node_modules: ${mb(total)} in ${specwire.size} packages (${diskUsage(modules)} on disk)`);
    out('');
    out('| biggest packages | size | share |');
    out('| --- | ---: | ---: |');
    for (const [name, bytes] of [...specwire].sort((a, b) => b[1] - a[1]).slice(0, 12)) out(`| ${name} | ${mb(bytes)} | ${pct(bytes, total)} |`);

    const lock = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
    const own = lock.packages['node_modules/specwire']!;
    const direct = Object.keys({ ...own.dependencies, ...own.optionalDependencies });
    const closures = new Map(direct.map((dep) => [dep, closure(lock.packages, 'node_modules/specwire', dep)]));
    out('');
    out('| direct dependency | with what it pulls in | alone (saved if dropped) |');
    out('| --- | ---: | ---: |');
    const bytesAt = new Map<string, number>();
    const size = (paths: Iterable<string>) => sum([...paths].map((p) => bytesAt.get(p) ?? bytesAt.set(p, bytesOf(join(project, p), true)).get(p)!));
    for (const dep of [...direct].sort((a, b) => size(closures.get(b)!) - size(closures.get(a)!))) {
      const others = new Set(direct.filter((d) => d !== dep).flatMap((d) => [...closures.get(d)!]));
      const alone = [...closures.get(dep)!].filter((p) => !others.has(p));
      out(`| ${dep} | ${mb(size(closures.get(dep)!))} | ${mb(size(alone))} |`);
    }
    out(`| specwire itself | ${mb(specwire.get('specwire') ?? 0)} | |`);

    const asyncapi = ensureAsyncapiCli();
    if (asyncapi) {
      const theirs = packagesOf(join(ROOT, 'bench', '.cache', 'node_modules'));
      const theirTotal = sum(theirs.values());
      out('');
      out(`${ASYNCAPI_PACKAGE} (bench/.cache): ${mb(theirTotal)} in ${theirs.size} packages (${diskUsage(join(ROOT, 'bench', '.cache', 'node_modules'))} on disk); specwire is ${pct(total, theirTotal)} of it (${(theirTotal / total).toFixed(1)}× smaller)`);
      out(`  biggest: ${[...theirs].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([n, b]) => `${n} ${mb(b)}`).join(', ')}`);
    } else {
      out(`${ASYNCAPI_PACKAGE}: NOT MEASURED — it could not be installed into bench/.cache`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every installed package (nested copies folded into their top-level name) → bytes, excluding nested packages. */
function packagesOf(modules: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@');
      for (const name of scoped ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`) : [entry]) {
        const path = join(dir, name);
        sizes.set(name, (sizes.get(name) ?? 0) + bytesOf(path, true));
        try {
          visit(join(path, 'node_modules'));
        } catch {
          // no nested node_modules
        }
      }
    }
  };
  visit(modules);
  return sizes;
}

/** File bytes under `path`; `skipNested` leaves out its own node_modules (counted as their packages). */
function bytesOf(path: string, skipNested = false): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let total = 0;
  for (const entry of readdirSync(path)) {
    if (skipNested && entry === 'node_modules') continue;
    total += bytesOf(join(path, entry));
  }
  return total;
}

/** Lockfile paths of `dep` as required from `from`, and of everything it requires, by Node's lookup. */
function closure(packages: Record<string, LockPackage>, from: string, dep: string): Set<string> {
  const seen = new Set<string>();
  const resolveFrom = (at: string, name: string): string | undefined => {
    // `<at>/node_modules/<name>`, then the same from each enclosing package, up to the project
    for (let dir = at; ; ) {
      const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
      const cut = dir.lastIndexOf('node_modules/');
      dir = cut <= 0 ? '' : dir.slice(0, cut - 1);
    }
  };
  const walk = (at: string, name: string) => {
    const path = resolveFrom(at, name);
    if (!path || seen.has(path)) return;
    seen.add(path);
    const pkg = packages[path]!;
    for (const next of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) walk(path, next);
  };
  walk(from, dep);
  return seen;
}

/** What `du` says (file system blocks: small files cost a whole block, so more than the bytes). */
function diskUsage(path: string): string {
  try {
    return `${(Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 1024).toFixed(0)} MiB`;
  } catch {
    return 'du unavailable';
  }
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
