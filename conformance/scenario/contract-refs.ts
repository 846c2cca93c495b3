/**
 * A scenario's `contract:` references: JSON pointers (`#/info/x-specwire/limits/maxPayloadBytes`)
 * into its contract document naming the clauses it enforces. Resolution rules:
 *
 * - the pointer is read in the document as written (RFC 6901: `~1` is `/`, `~0` is `~`; a list
 *   index is a decimal number);
 * - whenever the node reached is a map with a `$ref` and the next token is not one of its own keys,
 *   the `$ref` is followed first (`#/…` in the same file, `./common/components.yaml#/…` relative to
 *   the file holding the ref), so `#/components/messages/error/payload` reaches into the shared
 *   components, and so does `#/info/x-specwire/closeCodes/4400`;
 * - the last node may itself be a `$ref` (it names that clause);
 * - a pointer resolves when every token is found; `#` or `#/` alone names nothing and is refused.
 */
import { dirname, resolve } from 'node:path';
import { YamlSource } from '../../contract/yaml-source.js';
import { pointerTokens } from '../../contract/json-pointer.js';

type Json = Record<string, unknown>;

export type RefResolution = { ok: true; value: unknown } | { ok: false; reason: string };

export class ContractRefResolver {
  private readonly files = new Map<string, unknown>();

  constructor(private readonly documentFile: string) {}

  resolve(pointer: string): RefResolution {
    if (!pointer.startsWith('#/') || pointer === '#/') return { ok: false, reason: 'a reference is a JSON pointer starting with "#/"' };
    const tokens = pointerTokens(pointer.slice(1));
    let file = this.documentFile;
    let node = this.data(file);
    const walked: string[] = [];
    for (const token of tokens) {
      for (let hops = 0; hops < 20 && isRef(node) && !(token in (node as Json)); hops++) {
        const followed = this.follow(file, (node as Json).$ref as string);
        if (!followed) return { ok: false, reason: `$ref ${String((node as Json).$ref)} at #/${walked.join('/')} leads nowhere` };
        ({ file, node } = followed);
      }
      const child = childOf(node, token);
      if (child === undefined) return { ok: false, reason: `#/${[...walked, token].join('/')} is not in the contract` };
      node = child;
      walked.push(token);
    }
    return { ok: true, value: node };
  }

  private follow(from: string, ref: string): { file: string; node: unknown } | undefined {
    const [target = '', fragment = ''] = ref.split('#');
    const file = target ? resolve(dirname(from), target) : from;
    let node = this.data(file);
    if (node === undefined) return undefined;
    for (const token of pointerTokens(fragment)) {
      node = childOf(node, token);
      if (node === undefined) return undefined;
    }
    return { file, node };
  }

  private data(file: string): unknown {
    if (!this.files.has(file)) {
      let data: unknown;
      try {
        data = new YamlSource(file).data;
      } catch {
        data = undefined;
      }
      this.files.set(file, data);
    }
    return this.files.get(file);
  }
}

function isRef(node: unknown): boolean {
  return node !== null && typeof node === 'object' && !Array.isArray(node) && typeof (node as Json).$ref === 'string';
}

function childOf(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
  if (node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, token)) return (node as Json)[token];
  return undefined;
}
