/**
 * Flattens a message payload (a dereferenced JSON Schema) into table rows, one per field, with a
 * dotted path: `task.assignee.name`, `tags[]` for array items, `labels.*` for map values, and
 * `phase‹LiePhase›.round` for the fields of one `oneOf`/`anyOf` variant. `allOf` branches are
 * merged into one object. Pure: schema in, rows out, in the document's property order.
 */
import type { JsonSchema } from '../contract/model.js';

export interface FieldRow {
  path: string;
  /** `string`, `integer`, `string | null`, `object (Prompt)`, `array of string`, `one of 2: A, B`. */
  type: string;
  /** Required in the object that holds it. Array items and variants are not fields: `undefined`. */
  required?: boolean;
  description?: string;
  /** Const, enum, format, bounds, pattern, default: one short note each. */
  constraints: string[];
}

/** Deeper nesting is cut with a note: payloads that deep are not read from a table. */
const MAX_DEPTH = 10;

export function payloadRows(schema: JsonSchema): FieldRow[] {
  const rows: FieldRow[] = [];
  const root = mergeAllOf(schema);
  if (isObjectLike(root)) objectRows(root, '', rows, [schema], 0);
  else rows.push({ ...describe(root, '(payload)'), required: true });
  return rows;
}

function objectRows(schema: JsonSchema, prefix: string, rows: FieldRow[], stack: JsonSchema[], depth: number): void {
  const properties = record(schema.properties);
  const required = new Set(strings(schema.required));
  for (const [key, raw] of Object.entries(properties)) {
    field(raw, join(prefix, key), required.has(key), rows, stack, depth);
  }
  const extra = schema.additionalProperties;
  if (isSchema(extra)) field(extra, join(prefix, '*'), undefined, rows, stack, depth);
  const patterns = record(schema.patternProperties);
  for (const [pattern, raw] of Object.entries(patterns)) field(raw, join(prefix, `/${pattern}/`), undefined, rows, stack, depth);
}

function field(raw: unknown, path: string, required: boolean | undefined, rows: FieldRow[], stack: JsonSchema[], depth: number): void {
  if (!isSchema(raw)) {
    rows.push({ path, type: raw === false ? 'never' : 'any', required, constraints: [] });
    return;
  }
  if (stack.includes(raw)) {
    rows.push({ path, type: typeName(raw), required, description: raw.description as string | undefined, constraints: ['recursive: same shape as its ancestor'] });
    return;
  }
  const schema = mergeAllOf(raw);
  rows.push({ ...describe(schema, path), required });
  if (depth >= MAX_DEPTH) return;
  const inner = [...stack, raw];
  const variants = variantsOf(schema);
  if (variants) {
    if (isObjectLike(schema)) objectRows(schema, path, rows, inner, depth + 1); // fields shared by every variant
    variants.forEach((v, i) => variantRows(v, `${path}‹${variantName(v, i)}›`, rows, inner, depth + 1));
    return;
  }
  if (isObjectLike(schema)) objectRows(schema, path, rows, inner, depth + 1);
  const items = schema.items;
  if (isSchema(items)) {
    const item = mergeAllOf(items);
    if (isObjectLike(item) && !variantsOf(item)) objectRows(item, `${path}[]`, rows, [...inner, items], depth + 1);
    else if (variantsOf(item) || isSchema(item.items)) field(items, `${path}[]`, undefined, rows, inner, depth + 1);
  } else if (Array.isArray(items)) {
    items.forEach((it, i) => field(it, `${path}[${i}]`, undefined, rows, inner, depth + 1));
  }
}

/** A variant's own fields, or one row when the variant is a scalar. */
function variantRows(raw: JsonSchema, path: string, rows: FieldRow[], stack: JsonSchema[], depth: number): void {
  const variant = mergeAllOf(raw);
  if (isObjectLike(variant) && !variantsOf(variant)) {
    rows.push({ ...describe(variant, path) });
    objectRows(variant, path, rows, [...stack, raw], depth);
  } else field(raw, path, undefined, rows, stack, depth);
}

function describe(schema: JsonSchema, path: string): FieldRow {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  return { path, type: typeName(schema), description, constraints: constraintsOf(schema) };
}

/** The type column: JSON type(s), with the schema's title for named objects. */
export function typeName(schema: JsonSchema): string {
  const variants = variantsOf(schema);
  if (variants) return `${schema.oneOf ? 'one of' : 'any of'}: ${variants.map((v, i) => variantName(v, i)).join(', ')}`;
  const types = Array.isArray(schema.type) ? strings(schema.type) : typeof schema.type === 'string' ? [schema.type] : [];
  const inferred = types.length ? types : 'const' in schema ? [jsonType(schema.const)] : Array.isArray(schema.enum) ? [...new Set(schema.enum.map(jsonType))] : isObjectLike(schema) ? ['object'] : isSchema(schema.items) ? ['array'] : [];
  if (!inferred.length) return 'any';
  const title = typeof schema.title === 'string' ? schema.title : undefined;
  return inferred
    .map((t) => {
      if (t === 'array' && isSchema(schema.items)) return `array of ${typeName(mergeAllOf(schema.items))}`;
      if (t === 'object' && title) return `object (${title})`;
      return t;
    })
    .join(' | ');
}

function constraintsOf(s: JsonSchema): string[] {
  const out: string[] = [];
  if ('const' in s) out.push(`const ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum)) out.push(`enum ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  if (typeof s.format === 'string') out.push(`format ${s.format}`);
  const bounds: [string, string][] = [
    ['minimum', '≥'], ['exclusiveMinimum', '>'], ['maximum', '≤'], ['exclusiveMaximum', '<'],
    ['minLength', 'min length'], ['maxLength', 'max length'], ['minItems', 'min items'], ['maxItems', 'max items'],
    ['minProperties', 'min properties'], ['maxProperties', 'max properties'], ['multipleOf', 'multiple of'],
  ];
  for (const [key, label] of bounds) if (typeof s[key] === 'number') out.push(`${label} ${s[key]}`);
  if (s.uniqueItems === true) out.push('unique items');
  if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  if ('default' in s) out.push(`default ${JSON.stringify(s.default)}`);
  if (s.deprecated === true) out.push('deprecated');
  return out;
}

/** `allOf` branches (and the schema's own keywords) as one schema; anything else unchanged. */
export function mergeAllOf(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...own } = schema;
  const merged: JsonSchema = { ...own };
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const part of [...(allOf as unknown[]).filter(isSchema).map(mergeAllOf), own]) {
    for (const [k, v] of Object.entries(part)) {
      if (k === 'properties') Object.assign(properties, record(v));
      else if (k === 'required') required.push(...strings(v));
      else if (!(k in merged) || k === 'type') merged[k] = v;
    }
  }
  if (Object.keys(properties).length) merged.properties = properties;
  if (required.length) merged.required = [...new Set(required)];
  return merged;
}

function variantsOf(schema: JsonSchema): JsonSchema[] | undefined {
  const list = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  return list?.filter(isSchema);
}

/** A variant's label: its title, else its discriminating const (`kind=lie`), else its type, else its position. */
function variantName(v: JsonSchema, index: number): string {
  if (typeof v.title === 'string') return v.title;
  for (const [key, prop] of Object.entries(record(mergeAllOf(v).properties))) {
    if (isSchema(prop) && 'const' in prop) return `${key}=${String(prop.const)}`;
  }
  if ('const' in v) return JSON.stringify(v.const);
  if (typeof v.type === 'string' && v.type !== 'object') return v.type;
  return `#${index + 1}`;
}

function isObjectLike(s: JsonSchema): boolean {
  return s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || (s.type === undefined && (isSchema(s.properties) || isSchema(s.additionalProperties)));
}

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function record(v: unknown): Record<string, unknown> {
  return isSchema(v) ? v : {};
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
