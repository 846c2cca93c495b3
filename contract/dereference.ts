/**
 * Replaces every local `$ref` of a document, across files, by what it points at, giving one object
 * graph as `@asyncapi/parser` handed it over: a target referenced from several places is one and the
 * same object (the model matches an operation's channel and messages to their ids by identity), and a
 * recursive schema becomes a cycle. The source map's parsed data is copied, never changed.
 */
import { dirname, resolve } from 'node:path';
import { decodeSegment, type SourceMap } from './source-map.js';

type Json = Record<string, unknown>;

export interface Dereferenced {
  /**
   * The document with every local `$ref` replaced, except a ref back into a schema it sits in, which
   * stays a `{ $ref }` (as in Spectral's resolved document): a tree ajv can validate.
   */
  document: Json;
  /** Replaces those remaining refs by their targets, in place: recursive schemas become cycles. */
  closeCycles(): void;
}

export function dereference(file: string, sources: SourceMap): Dereferenced {
  // raw object (it belongs to exactly one file) → its copy with refs replaced
  const copies = new Map<object, unknown>();
  // raw objects whose copy is being made: a ref to one of them is a way back up, i.e. a cycle
  const inProgress = new Set<object>();
  // `{ $ref }` left at such a place → the raw object it stands for
  const backRefs = new Map<object, object>();

  /** `chain`: the refs followed to reach `value` without entering any content (to stop `a → b → a`). */
  const copy = (owner: string, value: unknown, chain: ReadonlySet<string> = new Set(), viaRef?: string): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (inProgress.has(value) && viaRef !== undefined) {
      const placeholder = { $ref: viaRef };
      backRefs.set(placeholder, value);
      return placeholder;
    }
    const done = copies.get(value);
    if (done !== undefined) return done;
    const ref = refOf(value);
    if (ref !== undefined) {
      const key = `${ref.file(owner)}#${ref.pointer}`;
      // A chain of refs that comes back to itself points at nothing: keep the ref as written.
      if (chain.has(key)) return { ...(value as Json) };
      const target = lookup(ref.file(owner), ref.pointer);
      if (!target) return { ...(value as Json) };
      const result = copy(target.file, target.value, new Set([...chain, key]), viaRef ?? ref.text);
      if (!backRefs.has(result as object)) copies.set(value, result);
      return result;
    }
    inProgress.add(value);
    let out: unknown[] | Json;
    if (Array.isArray(value)) {
      out = [];
      copies.set(value, out);
      for (const item of value) out.push(copy(owner, item));
    } else {
      out = {};
      copies.set(value, out);
      for (const [k, v] of Object.entries(value)) out[k] = copy(owner, v);
    }
    inProgress.delete(value);
    return out;
  };

  /** The raw value a pointer names in `target`, following refs met on the way (as the parser does). */
  const lookup = (target: string, pointer: string): { file: string; value: unknown } | undefined => {
    let at: { file: string; value: unknown } = { file: target, value: sources.data(target) };
    for (const segment of pointer.split('/').filter(Boolean)) {
      for (let hops = 0; hops < 20; hops++) {
        const ref = refOf(at.value);
        if (!ref) break;
        const next = lookup(ref.file(at.file), ref.pointer);
        if (!next) return undefined;
        at = next;
      }
      const name = decodeSegment(segment);
      const container = at.value;
      if (container === null || typeof container !== 'object' || !Object.hasOwn(container, name)) return undefined;
      at = { file: at.file, value: (container as Json)[name] };
    }
    return at;
  };

  const document = copy(file, sources.data(file)) as Json;
  const closeCycles = (): void => {
    const visited = new Set<object>();
    const walk = (node: unknown): void => {
      if (node === null || typeof node !== 'object' || visited.has(node)) return;
      visited.add(node);
      const container = node as Record<string, unknown>;
      for (const key of Object.keys(container)) {
        const child = container[key];
        const target = child !== null && typeof child === 'object' ? backRefs.get(child) : undefined;
        if (target) container[key] = copies.get(target);
        else walk(child);
      }
    };
    walk(document);
  };
  return { document, closeCycles };
}

/** A `{ $ref: '<file>#<pointer>' }` map to a local target; remote refs are left to the parser. */
function refOf(value: unknown): { text: string; file: (owner: string) => string; pointer: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const ref = (value as Json).$ref;
  if (typeof ref !== 'string') return undefined;
  const [target = '', pointer = ''] = ref.split('#');
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  return { text: ref, file: (owner) => (target ? resolve(dirname(owner), target) : owner), pointer };
}
