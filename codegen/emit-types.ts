/**
 * JSON Schema → TypeScript type text, openapi-typescript style: a pure function with one small
 * transform per schema node kind (const/enum, composition, object, array, primitive, nullable).
 * Named schemas (see catalog.ts) are referenced by name; everything else is written inline.
 *
 * Object types are closed for authoring: a missing or `true` `additionalProperties` adds no index
 * signature, so a misspelt property in an object literal is a compile error. A schema-valued
 * `additionalProperties` (a map) becomes `[key: string]: T`.
 */
import { propertyKey } from './names.js';

export interface TypeContext {
  /** Declaration name of a schema node that has its own declaration. */
  nameOf(node: unknown): string | undefined;
}

/** Type text plus how tightly it binds, to parenthesise only where needed. */
export interface TypeExpr {
  text: string;
  kind: 'atom' | 'object' | 'array' | 'intersection' | 'union';
}

type Schema = Record<string, unknown>;

const UNKNOWN: TypeExpr = { text: 'unknown', kind: 'atom' };
const NEVER: TypeExpr = { text: 'never', kind: 'atom' };
const INDENT = '  ';
const MAX_LINE = 100;

/** The type of `node`. `root` is the node being declared: it is expanded, not referenced by its own name. */
export function typeOf(node: unknown, ctx: TypeContext, indent = '', root?: unknown): TypeExpr {
  if (node === true || node === undefined) return UNKNOWN;
  if (node === false) return NEVER;
  if (!isSchema(node)) return UNKNOWN;
  if (node !== root) {
    const name = ctx.nameOf(node);
    if (name) return { text: name, kind: 'atom' };
  }
  if ('const' in node) return literal(node.const);
  if (Array.isArray(node.enum)) return union(node.enum.map(literal), indent);

  const parts: TypeExpr[] = [];
  const shape = shapeOf(node, ctx, indent);
  if (shape) parts.push(shape);
  if (Array.isArray(node.allOf)) parts.push(...node.allOf.map((s) => typeOf(s, ctx, indent)));
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = node[key];
    // A multi-line member sits after `| ` two columns in: its body is indented to match (prettier's layout).
    if (Array.isArray(branches)) parts.push(union(branches.map((s) => typeOf(s, ctx, indent + INDENT + INDENT)), indent));
  }
  return intersection(parts);
}

/** What `type`, `properties` and `items` say, ignoring composition keywords. */
function shapeOf(node: Schema, ctx: TypeContext, indent: string): TypeExpr | undefined {
  const declared = Array.isArray(node.type) ? node.type.map(String) : typeof node.type === 'string' ? [node.type] : inferTypes(node);
  if (!declared.length) return undefined;
  const memberIndent = declared.length > 1 ? indent + INDENT + INDENT : indent;
  return union(
    declared.map((t) => {
      switch (t) {
        case 'object':
          return objectType(node, ctx, memberIndent);
        case 'array':
          return arrayType(node, ctx, memberIndent);
        case 'string':
          return { text: 'string', kind: 'atom' };
        case 'number':
        case 'integer':
          return { text: 'number', kind: 'atom' };
        case 'boolean':
          return { text: 'boolean', kind: 'atom' };
        case 'null':
          return { text: 'null', kind: 'atom' };
        default:
          return UNKNOWN;
      }
    }),
    indent,
  );
}

function inferTypes(node: Schema): string[] {
  // `required` alone (a constraint inside allOf/oneOf) says nothing about the shape.
  if ('properties' in node || 'additionalProperties' in node || 'patternProperties' in node) return ['object'];
  if ('items' in node) return ['array'];
  return [];
}

function objectType(node: Schema, ctx: TypeContext, indent: string): TypeExpr {
  const inner = indent + INDENT;
  const properties = isSchema(node.properties) ? node.properties : {};
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  const lines: string[] = [];
  const valueTypes: string[] = [];
  for (const [key, schema] of Object.entries(properties)) {
    const type = typeOf(schema, ctx, inner);
    const optional = !required.has(key);
    valueTypes.push(type.text);
    if (!ctx.nameOf(schema)) lines.push(...docLines(propertyDoc(schema), inner));
    lines.push(`${inner}${propertyKey(key)}${optional ? '?' : ''}:${type.text.startsWith('\n') ? '' : ' '}${type.text};`);
  }
  for (const key of required) {
    if (!(key in properties)) {
      lines.push(`${inner}${propertyKey(key)}: unknown;`);
      valueTypes.push('unknown');
    }
  }
  const extra: TypeExpr[] = [];
  if (isSchema(node.additionalProperties)) extra.push(typeOf(node.additionalProperties, ctx, inner));
  if (isSchema(node.patternProperties)) for (const s of Object.values(node.patternProperties)) extra.push(typeOf(s, ctx, inner));
  const closed = node.additionalProperties === false;
  if (extra.length) {
    // An index signature must admit the declared properties' types too.
    const optional = Object.keys(properties).some((key) => !required.has(key));
    const declaredTypes = [...valueTypes, ...(optional ? ['undefined'] : [])].map((text): TypeExpr => ({ text, kind: 'union' }));
    const all = union([...extra, ...declaredTypes], inner);
    lines.push(`${inner}[key: string]: ${all.text};`);
  } else if (!lines.length) {
    return { text: closed ? '{ [key: string]: never }' : '{ [key: string]: unknown }', kind: 'object' };
  }
  return { text: `{\n${lines.join('\n')}\n${indent}}`, kind: 'object' };
}

function arrayType(node: Schema, ctx: TypeContext, indent: string): TypeExpr {
  if (Array.isArray(node.items)) {
    const members = node.items.map((s) => typeOf(s, ctx, indent).text);
    if (node.additionalItems !== false) members.push(`...${wrap(typeOf(node.additionalItems, ctx, indent), 'array')}[]`);
    return { text: `[${members.join(', ')}]`, kind: 'atom' };
  }
  return { text: `${wrap(typeOf(node.items, ctx, indent), 'array')}[]`, kind: 'array' };
}

function literal(value: unknown): TypeExpr {
  return { text: JSON.stringify(value) ?? 'undefined', kind: 'atom' };
}

/** `A | B`, deduplicated; one member per line when long. `unknown` absorbs the rest. */
export function union(members: TypeExpr[], indent: string): TypeExpr {
  let unique = [...new Map(members.map((m) => [m.text, m])).values()];
  // `string | "a"` is `string`: literals next to their primitive add nothing.
  const has = new Set(unique.map((m) => m.text));
  unique = unique.filter((m) => !((has.has('string') && /^"/.test(m.text)) || (has.has('number') && /^-?\d/.test(m.text)) || (has.has('boolean') && /^(true|false)$/.test(m.text))));
  if (!unique.length) return NEVER;
  if (unique.some((m) => m.text === 'unknown')) return UNKNOWN;
  if (unique.length === 1) return unique[0]!;
  const texts = unique.map((m) => wrap(m, 'union'));
  const oneLine = texts.join(' | ');
  if (oneLine.length + indent.length <= MAX_LINE && !oneLine.includes('\n')) return { text: oneLine, kind: 'union' };
  return { text: texts.map((t) => `\n${indent}${INDENT}| ${t}`).join(''), kind: 'union' };
}

/** `A & B`; `unknown` members drop out. */
function intersection(members: TypeExpr[]): TypeExpr {
  const useful = [...new Map(members.filter((m) => m.text !== 'unknown').map((m) => [m.text, m])).values()];
  if (!useful.length) return UNKNOWN;
  if (useful.length === 1) return useful[0]!;
  return { text: useful.map((m) => wrap(m, 'intersection')).join(' & '), kind: 'intersection' };
}

/** Parenthesises `expr` where it sits inside an operator that binds tighter. */
function wrap(expr: TypeExpr, context: 'union' | 'intersection' | 'array'): string {
  const loose = context === 'array' ? expr.kind === 'union' || expr.kind === 'intersection' : context === 'intersection' && expr.kind === 'union';
  if (!loose) return expr.text;
  return expr.text.startsWith('\n') ? `(${expr.text}\n)` : `(${expr.text})`;
}

/** Doc comment lines of a schema that is written inline (named ones carry them on their declaration). */
export function propertyDoc(schema: unknown): string[] {
  if (!isSchema(schema)) return [];
  const lines: string[] = [];
  if (typeof schema.title === 'string') lines.push(schema.title);
  if (typeof schema.description === 'string') lines.push(...paragraphs(schema.description));
  lines.push(...schemaTags(schema));
  return lines;
}

/** `@format`, `@default`, `@deprecated` of a schema. */
export function schemaTags(schema: Schema): string[] {
  const tags: string[] = [];
  if (typeof schema.format === 'string') tags.push(`@format ${schema.format}`);
  if (schema.default !== undefined) tags.push(`@default ${JSON.stringify(schema.default)}`);
  if (schema.deprecated === true) tags.push('@deprecated');
  return tags;
}

/** Splits a description into paragraphs separated by blank lines. */
export function paragraphs(text: string): string[] {
  const out: string[] = [];
  for (const para of text.trim().split(/\n\s*\n/)) {
    if (out.length) out.push('');
    out.push(para.replace(/\s*\n\s*/g, ' ').trim());
  }
  return out;
}

/** A `/** ... *\/` block, wrapped at ~100 columns; empty input gives no lines. */
export function docLines(lines: string[], indent: string): string[] {
  const body = lines.flatMap((l) => (l ? wrapText(l.replace(/\*\//g, '*\\/'), MAX_LINE - indent.length - 3) : ['']));
  while (body.length && body[body.length - 1] === '') body.pop();
  if (!body.length) return [];
  if (body.length === 1 && body[0]!.length + indent.length + 7 <= MAX_LINE) return [`${indent}/** ${body[0]} */`];
  return [`${indent}/**`, ...body.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** `export interface X {...}` for a plain object, else `export type X = ...;`, with its doc comment. */
export function declaration(name: string, schema: unknown, ctx: TypeContext, doc: string[]): string {
  const type = typeOf(schema, ctx, '', schema);
  const head = docLines(doc, '');
  const body = type.kind === 'object' && type.text.startsWith('{\n') ? `export interface ${name} ${type.text}` : `export type ${name} =${type.text.startsWith('\n') ? '' : ' '}${type.text};`;
  return [...head, body].join('\n');
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
