/**
 * Systematic mutations of a valid frame, each with the error a decoder must report: walks the
 * message schema alongside an example and breaks one thing at a time (a required property gone, an
 * unexpected property or a stray `type`, a wrong format, a wrong JSON type).
 *
 * Inside a `oneOf`/`anyOf` that no discriminator disambiguates, which branch "meant" the value is a
 * guess, so the expected path is only asserted outside such unions (`exactPath: false`).
 */
import { discriminatorFor } from '../../codegen/emit-validators.js';
import type { JsonSchema } from '../../contract/model.js';
import { compileSchema } from '../../contract/schema-validator.js';

export interface Mutation {
  name: string;
  frame: unknown;
  kind: 'invalid' | 'unknown-type';
  path: string;
  /** Text the error's `expected` must contain, when the rule that fails is certain. */
  expected?: string;
  /** False under an ambiguous union: only rejection is asserted. */
  exactPath: boolean;
}

interface Site {
  path: string[];
  schema: JsonSchema;
  value: unknown;
  ambiguous: boolean;
}

const FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'uri', 'email', 'ipv4', 'ipv6', 'hostname']);

export function mutationsOf(payload: JsonSchema, example: unknown): Mutation[] {
  const sites: Site[] = [];
  collect(payload, example, [], false, sites, new Set());
  const out = new Map<string, Mutation>();
  const add = (m: Mutation) => out.set(m.name, m);
  for (const site of sites) {
    const { schema, value, path, ambiguous } = site;
    const pointer = toPointer(path);
    if (isPlainObject(value)) {
      for (const key of requiredOf(schema)) {
        if (!(key in value)) continue;
        if (path.length === 0 && key === 'type') continue; // covered by the wrong-type mutation
        add({ name: `missing ${pointer}/${key}`, frame: edit(example, path, (o) => delete o[key]), kind: 'invalid', path: `${pointer}/${key}`, expected: 'required property', exactPath: !ambiguous });
      }
      if (schema.additionalProperties === false) {
        add({ name: `extra ${pointer}/unexpectedField`, frame: edit(example, path, (o) => (o.unexpectedField = 1)), kind: 'invalid', path: `${pointer}/unexpectedField`, expected: 'no such property', exactPath: !ambiguous });
        const declared = (schema.properties ?? {}) as Record<string, unknown>;
        if (path.length > 0 && !('type' in declared) && !('patternProperties' in schema) && !hasComposition(schema)) {
          add({ name: `extra type at ${pointer}`, frame: edit(example, path, (o) => (o.type = 'activity')), kind: 'invalid', path: `${pointer}/type`, expected: 'no such property', exactPath: !ambiguous });
        }
      }
    }
    if (typeof value === 'string' && path.length > 0 && !('const' in schema) && !('enum' in schema)) {
      if (typeof schema.format === 'string' && FORMATS.has(schema.format)) {
        const certain = !('pattern' in schema) && !('minLength' in schema);
        add({ name: `bad ${schema.format} at ${pointer}`, frame: set(example, path, `not-a-${schema.format}`), kind: 'invalid', path: pointer, expected: certain ? 'format' : undefined, exactPath: !ambiguous });
      }
      if (schema.type === 'string') {
        add({ name: `number instead of string at ${pointer}`, frame: set(example, path, 12345), kind: 'invalid', path: pointer, expected: 'string', exactPath: !ambiguous });
      }
    }
  }
  if (isPlainObject(example) && typeof example.type === 'string') {
    add({ name: 'unknown type', frame: { ...example, type: `${example.type}.no-such-type` }, kind: 'unknown-type', path: '/type', exactPath: true });
    add({ name: 'type not a string', frame: { ...example, type: 7 }, kind: 'unknown-type', path: '/type', exactPath: true });
  }
  return [...out.values()];
}

function collect(schema: unknown, value: unknown, path: string[], ambiguous: boolean, out: Site[], seen: Set<string>): void {
  if (!isPlainObject(schema)) return;
  const key = `${toPointer(path)}|${out.length}`;
  if (seen.has(key)) return;
  seen.add(key);
  out.push({ path, schema: schema as JsonSchema, value, ambiguous });
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) collect(part, value, path, ambiguous, out, seen);
  for (const union of ['oneOf', 'anyOf'] as const) {
    const branches = schema[union];
    if (!Array.isArray(branches)) continue;
    const branch = branches.find((b) => {
      const compiled = compileSchema(b as JsonSchema);
      return compiled.ok && compiled.fn(value);
    });
    const clear = union === 'oneOf' && discriminatorFor(schema) !== undefined;
    if (branch) collect(branch, value, path, ambiguous || !clear, out, seen);
  }
  if (isPlainObject(value)) {
    const properties = (isPlainObject(schema.properties) ? schema.properties : {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) {
      const child = properties[k] ?? (isPlainObject(schema.additionalProperties) ? schema.additionalProperties : undefined);
      if (child) collect(child, v, [...path, k], ambiguous, out, seen);
    }
  }
  if (Array.isArray(value) && isPlainObject(schema.items)) {
    value.forEach((v, i) => collect(schema.items, v, [...path, String(i)], ambiguous, out, seen));
  }
}

function requiredOf(schema: JsonSchema): string[] {
  return Array.isArray(schema.required) ? schema.required.map(String) : [];
}

function hasComposition(schema: JsonSchema): boolean {
  return 'allOf' in schema || 'oneOf' in schema || 'anyOf' in schema;
}

function edit(example: unknown, path: string[], change: (o: Record<string, unknown>) => unknown): unknown {
  const copy = structuredClone(example);
  change(at(copy, path) as Record<string, unknown>);
  return copy;
}

function set(example: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(example);
  (at(copy, path.slice(0, -1)) as Record<string, unknown>)[path.at(-1)!] = value;
  return copy;
}

function at(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
}

export function toPointer(path: string[]): string {
  return path.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
