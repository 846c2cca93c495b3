/**
 * Maps a JSON path of a (dereferenced) AsyncAPI document back to the file, line and column where it is
 * written, following `$ref`s across files. The parser dereferences everything, so without this a rule
 * about a message defined in `common/components.yaml` could only point at the document that uses it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { SourcePosition } from './model.ts';

interface ParsedFile {
  root: Node | null;
  lines: LineCounter;
}

export class SourceMap {
  private readonly files = new Map<string, ParsedFile | null>();

  /** Position of `path` in the document rooted at `file`; the deepest node reached when the path runs out. */
  locate(file: string, path: readonly (string | number)[]): SourcePosition {
    let current = { file, node: this.parsed(file)?.root ?? null };
    let best = this.position(current.file, current.node);
    for (let i = 0; i < path.length && current.node; i++) {
      current = this.followRefs(current.file, current.node);
      if (!current.node) break;
      const child = childOf(current.node, path[i]!);
      if (!child) break;
      current = { file: current.file, node: child.value };
      // Report the key (`ping:`) rather than the block under it: that is the line a reader looks for.
      best = this.position(current.file, child.key ?? child.value);
    }
    return best;
  }

  /** A map that is only `{ $ref: 'other.yaml#/a/b' }` stands for its target: jump there (at most 20 hops). */
  private followRefs(file: string, node: Node | null): { file: string; node: Node | null } {
    for (let hops = 0; hops < 20 && node && isMap(node); hops++) {
      const ref = node.get('$ref');
      if (typeof ref !== 'string') break;
      const [target = '', pointer = ''] = ref.split('#');
      const targetFile = target ? resolve(dirname(file), target) : file;
      let next = this.parsed(targetFile)?.root ?? null;
      for (const segment of pointer.split('/').filter(Boolean)) {
        next = next ? (childOf(next, decodeURIComponent(segment.replace(/~1/g, '/').replace(/~0/g, '~')))?.value ?? null) : null;
      }
      if (!next) break;
      file = targetFile;
      node = next;
    }
    return { file, node };
  }

  /**
   * Every `$ref` target reachable from `file`, as absolute `file#pointer` strings, following refs into
   * other files. Used to find components nothing references.
   */
  refTargets(file: string): Set<string> {
    const targets = new Set<string>();
    const visited = new Set<string>();
    const visit = (current: string): void => {
      if (visited.has(current)) return;
      visited.add(current);
      const root = this.parsed(current)?.root;
      if (!root) return;
      walkRefs(root, (ref) => {
        const [target = '', pointer = ''] = ref.split('#');
        const targetFile = target ? resolve(dirname(current), target) : current;
        targets.add(`${targetFile}#${pointer}`);
        if (targetFile !== current) visit(targetFile);
      });
    };
    visit(file);
    return targets;
  }

  private position(file: string, node: Node | null): SourcePosition {
    const parsed = this.parsed(file);
    const offset = node?.range?.[0] ?? 0;
    const pos = parsed ? parsed.lines.linePos(offset) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col };
  }

  private parsed(file: string): ParsedFile | null {
    if (!this.files.has(file)) {
      try {
        const lines = new LineCounter();
        const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, keepSourceTokens: false });
        this.files.set(file, { root: doc.contents as Node | null, lines });
      } catch {
        this.files.set(file, null);
      }
    }
    return this.files.get(file) ?? null;
  }
}

function childOf(node: Node, key: string | number): { key: Node | null; value: Node | null } | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
    if (!pair) return null;
    return { key: (pair.key as Node | null) ?? null, value: (pair.value as Node | null) ?? null };
  }
  if (isSeq(node)) {
    const item = node.items[Number(key)] as Node | undefined;
    return item ? { key: null, value: item } : null;
  }
  return null;
}

function walkRefs(node: Node, onRef: (ref: string) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (key === '$ref' && isScalar(pair.value) && typeof pair.value.value === 'string') onRef(pair.value.value);
      else if (pair.value) walkRefs(pair.value as Node, onRef);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) if (item) walkRefs(item as Node, onRef);
  }
}
