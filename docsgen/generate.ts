/**
 * `specwire docs` entry: contract documents → `<out>/<id>.md`, `<out>/<id>.html` and
 * `<out>/index.md`/`index.html`, written or compared with disk (`--check`) through the drift logic
 * `specwire generate` uses. Rendering is pure; only `checkDocs`/`writeDocs` touch the file system.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { compare } from '../codegen/catalog.js';
import { applyDrift, carriesMark, compareFiles, type Drift } from '../codegen/drift.js';
import { loadOutputContracts } from '../codegen/load-contracts.js';
import type { Diagnostic } from '../contract/diagnostic.js';
import type { ContractModel } from '../contract/model.js';
import { DOCS_MARK } from './header.js';
import { outline, type DocOutline } from './outline.js';
import { renderHtml } from './render-html.js';
import { renderIndexHtml, renderIndexMarkdown } from './render-index.js';
import { renderMarkdown } from './render-markdown.js';

export type DocsResult = { ok: true; files: Map<string, string>; contracts: number } | { ok: false; diagnostics: Diagnostic[] };

/** The two pages of one contract. `source` is the document path shown in the headers. */
export function renderContract(contract: ContractModel, source: string): { outline: DocOutline; files: Map<string, string> } {
  const doc = outline(contract, source);
  return {
    outline: doc,
    files: new Map([
      [`${contract.id}.md`, renderMarkdown(doc)],
      [`${contract.id}.html`, renderHtml(doc)],
    ]),
  };
}

/**
 * Loads and renders every document, plus the index. Headers name each document relative to the
 * project root (the nearest folder with a package.json above `outDir`), so output does not depend
 * on the cwd.
 */
export async function renderDocs(files: string[], outDir: string): Promise<DocsResult> {
  const base = projectRoot(resolve(outDir));
  const loaded = await loadOutputContracts(files, { names: 'a docs page', reserved: ['index'], rule: 'docs-contract-id' });
  if (!loaded.ok) return loaded;
  const outlines: DocOutline[] = [];
  const out = new Map<string, string>();
  for (const contract of loaded.contracts) {
    const rendered = renderContract(contract, relative(base, contract.file).split(sep).join('/'));
    outlines.push(rendered.outline);
    for (const [path, text] of rendered.files) out.set(path, text);
  }
  outlines.sort((a, b) => compare(a.id, b.id));
  out.set('index.md', renderIndexMarkdown(outlines));
  out.set('index.html', renderIndexHtml(outlines));
  return { ok: true, files: new Map([...out].sort(([a], [b]) => compare(a, b))), contracts: outlines.length };
}

/**
 * Compares rendered pages with `outDir`. `whole`: every contract was rendered, so other docs pages
 * there (a renamed or deleted contract) are extra. Only files with our mark count as ours.
 */
export function checkDocs(outDir: string, files: Map<string, string>, whole: boolean): Drift {
  const owned = whole && existsSync(outDir) ? readdirSync(outDir).filter((name) => carriesMark(join(outDir, name), DOCS_MARK, 2)) : [];
  return compareFiles(outDir, files, owned);
}

export function writeDocs(outDir: string, files: Map<string, string>, whole: boolean): Drift {
  const drift = checkDocs(outDir, files, whole);
  applyDrift(outDir, files, drift);
  return drift;
}

function projectRoot(outDir: string): string {
  for (let dir = outDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return dirname(outDir);
  }
}
