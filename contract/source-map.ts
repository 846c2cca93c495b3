/**
 * The files of a document: each read once (yaml-source.ts), their `$ref`s followed across files, and
 * a JSON path of the (dereferenced) document mapped back to the file, line and column where it is
 * written. The loader dereferences everything, so without this a rule about a message defined in
 * `common/components.yaml` could only point at the document that uses it. Reading files and following
 * refs uses their plain data; positions need `yaml`'s tree, parsed only for a file asked about.
 */
import { dirname, resolve } from 'node:path';
import type { Node } from 'yaml';
import type { SourcePosition } from './model.js';
import { YamlSource, yaml, type YamlTree } from './yaml-source.js';
import { unescapePointerToken } from './json-pointer.js';

/** A problem the source map found in the files themselves: YAML syntax, or a `$ref` that leads nowhere. */
export interface SourceProblem extends SourcePosition {
  message: string;
}

/** One `$ref` as written: where it is (the path of its value in `file`), what it says, and where it leads. */
interface RefSite {
  file: string;
  ref: string;
  path: (string | number)[];
  targetFile: string;
  pointer: string;
}

type Json = Record<string, unknown>;

export class SourceMap {
  private readonly files = new Map<string, YamlSource | null>();

  /** Position of `path` in the document rooted at `file`; the deepest node reached when the path runs out. */
  locate(file: string, path: readonly (string | number)[]): SourcePosition {
    let current = { file, node: this.tree(file)?.root ?? null };
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

  /**
   * Where a finding about `path` is placed by Spectral, and so by `@asyncapi/parser` until the loader
   * took over its checks: a map or list value at the end of its key (`info:` → the column after the
   * colon), a scalar at its first character, a list item at its start; the deepest node reached when
   * the path runs out. `refs: 'resolved'` reads the path in the dereferenced document (following every
   * `$ref` on the way, the last one included); `'as-written'` in `file` alone.
   */
  locateValue(file: string, path: readonly (string | number)[], options: { refs: 'resolved' | 'as-written' }): SourcePosition {
    const follow = options.refs === 'resolved';
    let current: { file: string; node: Node | null; key: Node | null } = { file, node: this.tree(file)?.root ?? null, key: null };
    for (let i = 0; i < path.length && current.node; i++) {
      const at = follow ? this.followRefs(current.file, current.node) : current;
      const child = at.node ? childOf(at.node, path[i]!) : null;
      if (!child) break;
      current = { file: at.file, node: child.value, key: child.key };
    }
    if (follow) current = this.followRefsKeepingKey(current);
    const parsed = this.tree(current.file);
    if (!parsed || !current.node) return { file: current.file, line: 1, column: 1 };
    const keyEnd = current.key?.range?.[1];
    const offset = keyEnd !== undefined && !yaml().isScalar(current.node) ? keyEnd + 1 : (current.node.range?.[0] ?? 0);
    const pos = parsed.lines.linePos(offset);
    return { file: current.file, line: pos.line, column: pos.col };
  }

  /** `followRefs`, also returning the key the final target sits under (null: a whole file, or a list item). */
  private followRefsKeepingKey(at: { file: string; node: Node | null; key: Node | null }): { file: string; node: Node | null; key: Node | null } {
    let { file, node, key } = at;
    for (let hops = 0; hops < 20 && node && yaml().isMap(node); hops++) {
      const ref = (node as { get(key: string): unknown }).get('$ref');
      if (typeof ref !== 'string') break;
      const [target = '', pointer = ''] = ref.split('#');
      const targetFile = target ? resolve(dirname(file), target) : file;
      let next: Node | null = this.tree(targetFile)?.root ?? null;
      let nextKey: Node | null = null;
      for (const segment of pointer.split('/').filter(Boolean)) {
        const child = next ? childOf(next, decodeSegment(segment)) : null;
        next = child?.value ?? null;
        nextKey = child?.key ?? null;
      }
      if (!next) break;
      file = targetFile;
      node = next;
      key = nextKey;
    }
    return { file, node, key };
  }

  /**
   * `file` as plain data (YAML or JSON), parsed once per source map and shared between callers, who
   * must not change it. Undefined when the file cannot be read.
   */
  data(file: string): unknown {
    return this.source(file)?.data;
  }

  /** Every remote (`http:`, `https:`, …) `$ref` reachable from `file` through local files, as written. */
  remoteRefs(file: string): string[] {
    const remote: string[] = [];
    this.eachRef(file, () => {}, (ref) => remote.push(ref));
    return remote;
  }

  /** A map that is only `{ $ref: 'other.yaml#/a/b' }` stands for its target: jump there (at most 20 hops). */
  private followRefs(file: string, node: Node | null): { file: string; node: Node | null } {
    const target = this.followRefsKeepingKey({ file, node, key: null });
    return { file: target.file, node: target.node };
  }

  /**
   * Every `$ref` target reachable from `file`, as absolute `file#pointer` strings, following refs into
   * other files. Used to find components nothing references.
   */
  refTargets(file: string): Set<string> {
    const targets = new Set<string>();
    this.eachRef(file, (site) => targets.add(`${site.targetFile}#${site.pointer}`));
    return targets;
  }

  /**
   * The first YAML syntax error of `file` and of every file its `$ref`s reach. One per file: after the
   * first error a YAML parser's further complaints are mostly echoes of it.
   */
  syntaxErrors(file: string): SourceProblem[] {
    const problems: SourceProblem[] = [];
    for (const current of this.eachRef(file, () => {})) {
      const error = this.source(current)?.syntaxError;
      if (error) problems.push({ file: current, ...error });
    }
    return problems;
  }

  /**
   * Every `$ref` reachable from `file` whose target file cannot be read or whose JSON pointer names
   * nothing, at the position of the `$ref` value. The parser reports only one of them, at the place
   * where resolution happened to fail (often an operation that reaches the broken ref through a channel,
   * or line 1 of the root document when the broken ref is in a fragment).
   */
  brokenRefs(file: string): SourceProblem[] {
    const problems: SourceProblem[] = [];
    this.eachRef(file, (site) => {
      const at = () => this.position(site.file, this.nodeAt(site.file, site.path));
      if (!this.source(site.targetFile)) {
        problems.push({ ...at(), message: `'${site.ref}' cannot be resolved: cannot read file ${site.ref.split('#')[0]}` });
      } else if (!this.resolvePointer(site.targetFile, site.pointer)) {
        problems.push({ ...at(), message: `'${site.ref}' does not exist` });
      }
    });
    return problems;
  }

  /** The literal scalar at `path` of `file` (no `$ref` following), e.g. the `asyncapi` version string. */
  scalarAt(file: string, path: readonly (string | number)[]): unknown {
    let value: unknown = this.data(file);
    for (const segment of path) value = value !== null && typeof value === 'object' && Object.hasOwn(value, segment) ? (value as Json)[segment] : undefined;
    return value !== null && typeof value === 'object' ? undefined : value;
  }

  /**
   * Visits every local `$ref` in `file` and in the files its refs reach (each file once) and returns
   * the files visited, `file` first. Remote (`http:`) refs go to `onRemote`: the parser's business.
   */
  private eachRef(file: string, onRef: (site: RefSite) => void, onRemote?: (ref: string) => void): string[] {
    const visited = new Set<string>();
    const visit = (current: string): void => {
      if (visited.has(current)) return;
      visited.add(current);
      walkRefs(this.data(current), [], new Set(), (ref, path) => {
        const [target = '', pointer = ''] = ref.split('#');
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return onRemote?.(ref);
        const targetFile = target ? resolve(dirname(current), target) : current;
        onRef({ file: current, ref, path, targetFile, pointer });
        if (targetFile !== current && this.source(targetFile)) visit(targetFile);
      });
    };
    visit(file);
    return [...visited];
  }

  /** The value a JSON pointer names in `file`, following `$ref`s on the way as the parser does. */
  private resolvePointer(file: string, pointer: string, depth = 0): { file: string; value: unknown } | undefined {
    let at: { file: string; value: unknown } = { file, value: this.data(file) };
    for (const segment of pointer.split('/').filter(Boolean)) {
      // a map that is only `{ $ref }` stands for its target (at most 20 hops, as for positions)
      for (let hops = 0; hops < 20 && depth < 20; hops++) {
        const ref = isObject(at.value) ? at.value.$ref : undefined;
        if (typeof ref !== 'string') break;
        const [target = '', inner = ''] = ref.split('#');
        const next = this.resolvePointer(target ? resolve(dirname(at.file), target) : at.file, inner, depth + 1);
        if (!next) break;
        at = next;
      }
      const name = decodeSegment(segment);
      const container = at.value;
      if (container === null || typeof container !== 'object' || !Object.hasOwn(container, name)) return undefined;
      at = { file: at.file, value: (container as Json)[name] };
    }
    return at;
  }

  /** The tree node at exactly `path` of `file` (no refs followed). */
  private nodeAt(file: string, path: readonly (string | number)[]): Node | null {
    let node = this.tree(file)?.root ?? null;
    for (const segment of path) node = node ? (childOf(node, segment)?.value ?? null) : null;
    return node;
  }

  private position(file: string, node: Node | null): SourcePosition {
    const tree = this.tree(file);
    const offset = node?.range?.[0] ?? 0;
    const pos = tree ? tree.lines.linePos(offset) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col };
  }

  private tree(file: string): YamlTree | null {
    return this.source(file)?.tree() ?? null;
  }

  /** The file, read once; null when it cannot be read. */
  private source(file: string): YamlSource | null {
    if (!this.files.has(file)) {
      try {
        this.files.set(file, new YamlSource(file));
      } catch {
        this.files.set(file, null);
      }
    }
    return this.files.get(file) ?? null;
  }
}

function childOf(node: Node, key: string | number): { key: Node | null; value: Node | null } | null {
  const { isMap, isScalar, isSeq } = yaml();
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

/** A JSON pointer segment: `~1` is `/`, `~0` is `~`, and URI escapes are allowed. */
export function decodeSegment(segment: string): string {
  const unescaped = unescapePointerToken(segment);
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped; // a lone `%` is a literal character, not an escape
  }
}

/** Every `{ $ref: '<string>' }` in `value`, with the path of the string; shared (aliased) objects once. */
function walkRefs(value: unknown, path: (string | number)[], seen: Set<object>, onRef: (ref: string, path: (string | number)[]) => void): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkRefs(item, [...path, i], seen, onRef));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') onRef(child, [...path, key]);
    else walkRefs(child, [...path, key], seen, onRef);
  }
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
