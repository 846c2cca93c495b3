/**
 * Where `specwire diff` reads each side from: a file, or a git revision `rev:path`
 * (`main:asyncapi/taskforge.yaml`). A revision is materialized into a temporary folder — the document
 * and every file it `$ref`s, at their repository paths, all from that revision (never the working
 * tree) — so the one loader reads it like any file. `cleanup()` removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

export type Source =
  | { ok: true; file: string; label: string; /** Turns a materialized path back into `rev:path` for messages. */ display(file: string): string; cleanup(): void }
  | { ok: false; error: string };

/** `rev:path` with a revision git can resolve; a plain path that exists is always a file. */
export function openSource(arg: string, cwd = process.cwd()): Source {
  const plain = { ok: true as const, file: arg, label: arg, display: (f: string) => f, cleanup: () => {} };
  if (existsSync(join(cwd, arg)) || existsSync(arg)) return plain;
  const m = /^([^:]+):(.+)$/.exec(arg);
  if (!m || /^[A-Za-z]$/.test(m[1]!)) return plain; // not a revision (or a Windows drive): the loader reports the missing file
  const [, rev, rawPath] = m as unknown as [string, string, string];
  const git = (args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  let commit: string;
  let prefix: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
    prefix = git(['rev-parse', '--show-prefix']).trim();
  } catch {
    return { ok: false, error: `"${rev}" in ${arg} is neither a file nor a git revision (run inside the repository, e.g. main:asyncapi/taskforge.yaml)` };
  }
  // Like git itself: `rev:path` is from the repository root, `rev:./path` from the current folder.
  const repoPath = posix.normalize(rawPath.startsWith('./') || rawPath.startsWith('../') ? posix.join(prefix, rawPath) : rawPath);
  const dir = mkdtempSync(join(tmpdir(), 'specwire-diff-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const pending = [repoPath];
  const seen = new Set<string>();
  while (pending.length) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    let text: string;
    try {
      text = git(['show', `${commit}:${path}`]);
    } catch {
      if (path === repoPath) {
        cleanup();
        return { ok: false, error: `${rev} has no file ${path}` };
      }
      continue; // a $ref to a file missing at that revision: the loader reports it at the $ref's line
    }
    const target = join(dir, ...path.split('/'));
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, text);
    for (const ref of fileRefs(text)) pending.push(posix.normalize(posix.join(posix.dirname(path), ref)));
  }
  const file = join(dir, ...repoPath.split('/'));
  return {
    ok: true,
    file,
    label: arg,
    display: (f) => (f.startsWith(dir) ? `${rev}:${f.slice(dir.length + 1).split(/[\\/]/).join('/')}` : f),
    cleanup,
  };
}

/** Relative file parts of the `$ref`s in a YAML/JSON text; unparseable text has none (the loader reports it). */
function fileRefs(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') {
        const file = x.split('#')[0]!;
        if (file && !/^[a-z][a-z0-9+.-]*:/i.test(file) && !file.startsWith('/')) out.add(file);
      } else visit(x);
    }
  };
  visit(doc);
  return [...out];
}
