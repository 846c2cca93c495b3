/**
 * Drift between files a generator produces and what is on disk, shared by `specwire generate` and
 * `specwire docs` (`--check` and writing). A generator passes the files it expects and the files on
 * disk it owns (recognised by its do-not-edit mark); owned files it no longer produces are extra.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compare } from './catalog.js';

export interface Drift {
  /** On disk but different. */
  stale: string[];
  /** Expected but absent. */
  missing: string[];
  /** Generated files on disk that no document produces any more. */
  extra: string[];
  /** Up to date. */
  unchanged: string[];
}

/** Compares `expected` (path relative to `outDir` → content) with disk; `owned` paths not expected are extra. */
export function compareFiles(outDir: string, expected: Map<string, string>, owned: string[]): Drift {
  const drift: Drift = { stale: [], missing: [], extra: [], unchanged: [] };
  for (const [path, content] of expected) {
    const full = join(outDir, path);
    if (!existsSync(full)) drift.missing.push(path);
    else if (readFileSync(full, 'utf8') !== content) drift.stale.push(path);
    else drift.unchanged.push(path);
  }
  drift.extra.push(...new Set(owned.filter((p) => !expected.has(p))));
  for (const list of Object.values(drift)) list.sort(compare);
  return drift;
}

/** Writes stale and missing files, deletes extra ones, and removes folders that end up empty. */
export function applyDrift(outDir: string, expected: Map<string, string>, drift: Drift): void {
  for (const path of [...drift.stale, ...drift.missing]) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, expected.get(path)!);
  }
  for (const path of drift.extra) rmSync(join(outDir, path));
  for (const folder of new Set(drift.extra.map((p) => dirname(p)).filter((d) => d !== '.'))) {
    const dir = join(outDir, folder);
    if (existsSync(dir) && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  }
}

/** Whether `path` is a file whose first `lines` lines carry `mark`: only such files are ever deleted. */
export function carriesMark(path: string, mark: string, lines = 1): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const head = readFileSync(path, 'utf8').slice(0, 400);
    return head.split('\n', lines).some((line) => line.includes(mark));
  } catch {
    return false;
  }
}
