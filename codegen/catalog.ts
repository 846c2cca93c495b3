/**
 * Decides what gets a name in generated code, before anything is emitted. The loader hands us
 * dereferenced schemas (every `$ref` replaced by its target), so names are recovered from what
 * survives dereferencing: a `title`, or structural identity with a `components.schemas` entry.
 * Every other schema is emitted inline. Message payload types are `<MessageName>Message`.
 *
 * Determinism: components in document order, then messages sorted by id, each walked depth-first
 * in property order; a name conflict gets a numeric suffix in that order, with a warning.
 */
import type { ContractModel, JsonSchema, MessageModel } from '../contract/model.js';
import { NameRegistry, pascalCase } from './names.js';

export interface NamedSchema {
  name: string;
  schema: JsonSchema;
}

export interface CatalogMessage {
  message: MessageModel;
  /** The exported TypeScript type of the frame, e.g. `ActivityMessage`. */
  typeName: string;
  /** The payload's own declaration when the payload is a named schema (then `typeName` aliases it). */
  payloadName?: string;
  /** Values of the `type` discriminator this message can carry (several for a `oneOf` payload). */
  typeConsts: string[];
  /** `isActivityMessage`. */
  guardName: string;
  /** `validateActivityMessage`, exported by validators.js. */
  validatorName: string;
}

export interface Catalog {
  contract: ContractModel;
  /** Named schemas, sorted by name. */
  named: NamedSchema[];
  /** Every message, sorted by type name. */
  messages: CatalogMessage[];
  /** Messages the server sends, and the ones it receives. */
  server: CatalogMessage[];
  client: CatalogMessage[];
  /** The declaration name of a schema node, if it has one. */
  nameOf(node: unknown): string | undefined;
  /**
   * The declaration name of a schema that was not walked but has the shape of a named one: a
   * polling endpoint's response is dereferenced into its own copy of a `components.schemas` entry.
   */
  nameOfShape(node: unknown): string | undefined;
  warnings: string[];
}

/** Keys whose values are subschemas (or maps/lists of them) in draft-07. */
const SCHEMA_KEYS = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else'];
const SCHEMA_MAP_KEYS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
const SCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'items'];

export function buildCatalog(contract: ContractModel): Catalog {
  const registry = new NameRegistry();
  const byNode = new WeakMap<object, string>();
  const byKey = new Map<string, string>();
  const warnings: string[] = [];
  const named: NamedSchema[] = [];
  const keyOf = canonicalKeys();

  const declare = (node: JsonSchema, wanted: string): string => {
    const key = keyOf(node);
    const existing = byKey.get(key);
    if (existing) {
      byNode.set(node, existing);
      return existing;
    }
    const name = registry.claim(wanted);
    if (name !== wanted && registry.has(wanted)) warnings.push(`two different schemas are named "${wanted}": the second is emitted as "${name}"`);
    byNode.set(node, name);
    if (!isTrivial(node)) byKey.set(key, name);
    named.push({ name, schema: node });
    return name;
  };

  // Untitled components are matched structurally; a bare `{ type: string }` would match everything.
  const componentKeys = new Map<string, string>();
  for (const [key, schema] of Object.entries(contract.schemas)) {
    if (!isTrivial(schema)) componentKeys.set(keyOf(schema), key);
  }

  // Nodes on the current path, with the name hint a back-reference to them would get.
  const visiting = new Map<object, string>();
  const walk = (node: unknown, hint: string, rootName?: string): void => {
    if (!isObject(node)) return;
    if (visiting.has(node)) {
      // A cycle through a schema that has no name yet: it needs one to be referenced.
      if (!byNode.has(node)) declare(node, visiting.get(node)!);
      return;
    }
    if (byNode.has(node)) return;
    const key = keyOf(node);
    const known = byKey.get(key);
    if (known) {
      byNode.set(node, known);
      return;
    }
    let ownName: string | undefined;
    if (rootName) ownName = declare(node, rootName);
    else if (typeof node.title === 'string' && node.title.trim()) ownName = declare(node, pascalCase(node.title));
    else if (componentKeys.has(key)) ownName = declare(node, pascalCase(componentKeys.get(key)!));
    visiting.set(node, ownName ?? hint);
    for (const [child, childHint] of children(node, ownName ?? hint)) walk(child, childHint);
    visiting.delete(node);
  };

  for (const [key, schema] of Object.entries(contract.schemas)) {
    const title = typeof schema.title === 'string' && schema.title.trim() ? schema.title : key;
    walk(schema, pascalCase(key), pascalCase(title));
  }
  const sortedMessages = [...contract.messages].sort((a, b) => compare(a.id, b.id));
  for (const m of sortedMessages) walk(m.payload, `${pascalCase(m.name ?? m.id)}Payload`);

  const messages: CatalogMessage[] = sortedMessages.map((message) => {
    const wanted = `${pascalCase(message.name ?? message.id)}Message`;
    const payloadName = byNode.get(message.payload);
    const typeName = payloadName === wanted ? wanted : registry.claim(wanted, 'Frame');
    if (!payloadName) byNode.set(message.payload, typeName);
    const typeConsts = typeConstsOf(message.payload);
    if (!typeConsts.length) warnings.push(`message "${message.id}" has no string "type" const: decoding tries its validator after the type lookup misses`);
    const base = typeName;
    return {
      message,
      typeName,
      payloadName: payloadName && payloadName !== typeName ? payloadName : undefined,
      typeConsts,
      guardName: `is${base}`,
      validatorName: `validate${base}`,
    };
  });

  // Names were claimed in message-id order (stable); output reads best sorted by type name.
  messages.sort((a, b) => compare(a.typeName, b.typeName));
  return {
    contract,
    named: named.sort((a, b) => compare(a.name, b.name)),
    messages,
    server: messages.filter((m) => m.message.directions.includes('server-to-client')),
    client: messages.filter((m) => m.message.directions.includes('client-to-server')),
    nameOf: (node) => (isObject(node) ? byNode.get(node) : undefined),
    nameOfShape: (node) => (isObject(node) ? (byNode.get(node) ?? byKey.get(keyOf(node))) : undefined),
    warnings,
  };
}

/** `type` const values a payload can carry: its own, or every branch's of a oneOf/anyOf, or an allOf part's. */
export function typeConstsOf(node: unknown, seen = new Set<unknown>()): string[] {
  if (!isObject(node) || seen.has(node)) return [];
  seen.add(node);
  const own = isObject(node.properties) && isObject(node.properties.type) ? node.properties.type : undefined;
  if (own && typeof own.const === 'string') return [own.const];
  if (own && Array.isArray(own.enum) && own.enum.length === 1 && typeof own.enum[0] === 'string') return [own.enum[0]];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = node[key];
    if (Array.isArray(branches) && branches.length) {
      const lists = branches.map((b) => typeConstsOf(b, seen));
      if (lists.every((l) => l.length)) return lists.flat();
    }
  }
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf) {
      const found = typeConstsOf(part, seen);
      if (found.length) return found;
    }
  }
  return [];
}

/** Child schemas with a naming hint for the cycle case (`TreeChildren`). */
function* children(node: JsonSchema, hint: string): Generator<[unknown, string]> {
  for (const key of SCHEMA_KEYS) if (isObject(node[key])) yield [node[key], `${hint}${pascalCase(key)}`];
  for (const key of SCHEMA_LIST_KEYS) {
    const list = node[key];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) yield [list[i], `${hint}${pascalCase(key)}${i + 1}`];
  }
  for (const key of SCHEMA_MAP_KEYS) {
    const map = node[key];
    if (isObject(map)) for (const [k, v] of Object.entries(map)) yield [v, `${hint}${pascalCase(k)}`];
  }
}

/**
 * A cycle-safe, key-order-independent fingerprint of a schema. Back-references become
 * `{"$cycle":n}` (n levels up), so a recursive schema fingerprints the same wherever it is met.
 * Results without back-references are cached per node.
 */
export function canonicalKeys(): (node: unknown) => string {
  const cache = new WeakMap<object, string>();
  const stack: object[] = [];
  const key = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    const hit = cache.get(value);
    if (hit !== undefined) return hit;
    const at = stack.indexOf(value);
    if (at >= 0) return `{"$cycle":${stack.length - at}}`;
    stack.push(value);
    const out = Array.isArray(value)
      ? `[${value.map(key).join(',')}]`
      : `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${key((value as Record<string, unknown>)[k])}`)
          .join(',')}}`;
    stack.pop();
    if (!out.includes('"$cycle":')) cache.set(value, out);
    return out;
  };
  return key;
}

function isTrivial(schema: JsonSchema): boolean {
  return Object.keys(schema).every((k) => k === 'type');
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-point order, independent of the machine's locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
