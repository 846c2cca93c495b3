/** Source positions inside one parsed YAML document: JSON path → file:line:col of the key written there. */
import { LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { SourcePosition } from './model.js';

export class YamlPositions {
  constructor(
    private readonly file: string,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the deepest node reached along `path` (the key, when the last hop is a map key). */
  locate(path: readonly (string | number)[]): SourcePosition {
    let node = this.root;
    let best = this.at(node);
    for (const segment of path) {
      if (!node) break;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
        if (!pair) break;
        best = this.at((pair.key as Node | null) ?? (pair.value as Node | null));
        node = (pair.value as Node | null) ?? null;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        best = this.at(item);
        node = item;
      } else break;
    }
    return best;
  }

  offsetPosition(offset: number): SourcePosition {
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, column: pos.col };
  }

  private at(node: Node | null): SourcePosition {
    return this.offsetPosition(node?.range?.[0] ?? 0);
  }
}
