/**
 * Names for generated code: PascalCase type names from schema titles, component keys and message
 * names, property keys that are safe in TypeScript, and a registry that keeps every emitted name
 * unique and away from the built-ins a consumer would lose by importing it.
 */

/** `task status` / `task_status` / `task.status` / `TaskStatus` → `TaskStatus`. Digits first get a `_`. */
export function pascalCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + (w === w.toUpperCase() ? w.slice(1).toLowerCase() : w.slice(1))).join('');
  if (!joined) return 'Unnamed';
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as written in a type literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/**
 * Names a generated declaration must not take: the module's own API, and ECMAScript/TypeScript
 * globals that an `import { X }` would shadow in the consumer's file (a schema titled `Error` is
 * common in third-party documents). DOM names such as `Comment` stay allowed: they are rarely used
 * in the same file, and renaming a domain type for them would surprise more than it helps.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  // generated API
  'ServerMessage', 'ClientMessage', 'MessageType', 'ServerMessageType', 'ClientMessageType',
  'ServerMessageMap', 'ClientMessageMap', 'DecodeResult', 'DecodeError', 'DecodeErrorKind', 'EncodeResult', 'WireData',
  // ECMAScript and TypeScript globals
  'Array', 'ArrayBuffer', 'BigInt', 'Boolean', 'DataView', 'Date', 'Error', 'Function', 'Infinity', 'Iterable', 'Iterator',
  'JSON', 'Map', 'Math', 'NaN', 'Number', 'Object', 'Promise', 'Proxy', 'ReadonlyArray', 'Reflect', 'RegExp', 'Set',
  'String', 'Symbol', 'TypeError', 'Uint8Array', 'WeakMap', 'WeakSet',
  'Awaited', 'Exclude', 'Extract', 'InstanceType', 'NonNullable', 'Omit', 'Parameters', 'Partial', 'Pick', 'Readonly',
  'Record', 'Required', 'ReturnType',
  // TypeScript keywords that are legal identifiers elsewhere but not as type names
  'any', 'unknown', 'never', 'string', 'number', 'boolean', 'object', 'symbol', 'bigint', 'undefined', 'null', 'void',
]);

/**
 * Hands out unique names in the order asked. A taken or reserved name gets the `fallbackSuffix`
 * (`ErrorSchema`), then a counter (`Task2`). Deterministic as long as callers ask in a stable order.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(private readonly reserved: ReadonlySet<string> = RESERVED_NAMES) {}

  claim(wanted: string, fallbackSuffix = 'Schema'): string {
    let name = wanted;
    if (this.reserved.has(name)) name = `${wanted}${fallbackSuffix}`;
    const base = name;
    for (let n = 2; this.taken.has(name) || this.reserved.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }
}
