/**
 * Walks two versions of one (dereferenced) JSON Schema side by side and reports what changed, in the
 * terms the diff rules judge: fields added or removed, required or optional, types, enums, constants,
 * constraints, union variants. It does not judge: a change has no classification until a rule gives it
 * one (`rules.ts`), because the same edit breaks consumers in one direction and producers in the other.
 */
import type { Direction, JsonSchema } from '../model.js';
import type { DetectedChange, ModelPath } from './types.js';

export interface SchemaSite {
  /** Model path of the schema root, e.g. `['messages', 'activity', 'payload']`. */
  path: ModelPath;
  direction?: Direction;
  /** Document path of the schema root in each file, for locations. */
  docPath?: { old: ModelPath; new: ModelPath };
  /** The tagged union variant being walked (`task.assigned`), named in summaries. */
  variant?: string;
}

type Emit = (change: DetectedChange) => void;

/** Keywords that document or illustrate a schema without changing which values it accepts. */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'example', '$comment', 'default', 'deprecated', 'readOnly', 'writeOnly', '$id', '$schema']);
/** Keywords this walker understands and compares itself. */
const HANDLED = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'anyOf', 'format', 'pattern', 'discriminator']);
/** Bounds: for each, whether a larger value admits more values (`maxLength`) or fewer (`minLength`). */
const BOUNDS: Record<string, 'upper' | 'lower'> = {
  maxLength: 'upper',
  maximum: 'upper',
  exclusiveMaximum: 'upper',
  maxItems: 'upper',
  maxProperties: 'upper',
  minLength: 'lower',
  minimum: 'lower',
  exclusiveMinimum: 'lower',
  minItems: 'lower',
  minProperties: 'lower',
};

export function compareSchema(before: JsonSchema, after: JsonSchema, site: SchemaSite, emit: Emit): void {
  walk(before, after, [], site, emit);
}

function walk(a: JsonSchema, b: JsonSchema, rel: (string | number)[], site: SchemaSite, emit: Emit): void {
  const at = (side: 'old' | 'new', extra: (string | number)[] = []) =>
    site.docPath ? { side, path: [...site.docPath[side], ...rel, ...extra] } : undefined;
  const change = (c: Omit<DetectedChange, 'path' | 'direction' | 'at'> & { extra?: (string | number)[]; side?: 'old' | 'new' }) => {
    const { extra = [], side = 'new', ...rest } = c;
    const located = at(side, extra);
    if (site.variant) rest.summary += ` (in ${site.variant})`;
    emit({ ...rest, path: [...site.path, ...rel, ...extra], ...(site.direction ? { direction: site.direction } : {}), ...(located ? { at: located } : {}) });
  };

  compareTypes(a, b, change);
  compareEnum(a, b, change);
  if (!sameJson(a.const, b.const)) {
    if (a.const === undefined) change({ kind: 'constraint-tightened', summary: `now fixed to ${show(b.const)}`, after: b.const, extra: ['const'] });
    else if (b.const === undefined) change({ kind: 'constraint-loosened', summary: `no longer fixed to ${show(a.const)}`, before: a.const, extra: ['const'] });
    else change({ kind: 'const-changed', summary: `constant ${show(a.const)} → ${show(b.const)}`, before: a.const, after: b.const, extra: ['const'] });
  }
  for (const key of ['format', 'pattern']) {
    if (sameJson(a[key], b[key])) continue;
    if (a[key] === undefined) change({ kind: 'constraint-tightened', summary: `${key} ${show(b[key])} added`, after: b[key], extra: [key] });
    else if (b[key] === undefined) change({ kind: 'constraint-loosened', summary: `${key} ${show(a[key])} removed`, before: a[key], extra: [key], side: 'old' });
    else change({ kind: 'constraint-changed', summary: `${key} ${show(a[key])} → ${show(b[key])}`, before: a[key], after: b[key], extra: [key] });
  }
  for (const [key, bound] of Object.entries(BOUNDS)) {
    const x = a[key];
    const y = b[key];
    if (sameJson(x, y)) continue;
    const admitsMore = y === undefined || (typeof x === 'number' && typeof y === 'number' && (bound === 'upper' ? y > x : y < x));
    const tightened = x === undefined || !admitsMore;
    change({
      kind: tightened ? 'constraint-tightened' : 'constraint-loosened',
      summary: `${key} ${x === undefined ? 'added' : show(x)} → ${y === undefined ? 'removed' : show(y)}`,
      before: x,
      after: y,
      extra: [key],
      ...(y === undefined ? { side: 'old' as const } : {}),
    });
  }
  if (a.uniqueItems !== b.uniqueItems && (a.uniqueItems === true || b.uniqueItems === true)) {
    change({ kind: b.uniqueItems === true ? 'constraint-tightened' : 'constraint-loosened', summary: `uniqueItems ${b.uniqueItems === true ? 'added' : 'removed'}`, extra: ['uniqueItems'] });
  }
  compareObject(a, b, rel, site, emit, change);
  compareItems(a, b, rel, site, emit);
  compareVariants(a, b, rel, site, emit, change);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (ANNOTATIONS.has(key) || HANDLED.has(key) || key in BOUNDS || key === 'uniqueItems' || key.startsWith('x-')) continue;
    if (!sameJson(a[key], b[key])) change({ kind: 'schema-changed', summary: `"${key}" changed`, before: a[key], after: b[key], extra: [key] });
  }
}

type Change = (c: Omit<DetectedChange, 'path' | 'direction' | 'at'> & { extra?: (string | number)[]; side?: 'old' | 'new' }) => void;

/** `type` as a set; `integer` counts as a subset of `number`. Absent means any type. */
function typeSet(s: JsonSchema): Set<string> | undefined {
  if (s.type === undefined) return undefined;
  return new Set(Array.isArray(s.type) ? s.type.map(String) : [String(s.type)]);
}

function covers(set: Set<string>, t: string): boolean {
  return set.has(t) || (t === 'integer' && set.has('number'));
}

function compareTypes(a: JsonSchema, b: JsonSchema, change: Change): void {
  const x = typeSet(a);
  const y = typeSet(b);
  if (sameJson(a.type, b.type) || (x && y && x.size === y.size && [...x].every((t) => y.has(t)))) return;
  const describe = (s: Set<string> | undefined) => (s ? [...s].join(' | ') : 'any');
  const summary = `type ${describe(x)} → ${describe(y)}`;
  const narrowed = !y ? false : !x ? true : [...y].every((t) => covers(x, t));
  const widened = !x ? false : !y ? true : [...x].every((t) => covers(y, t));
  const kind = narrowed && !widened ? 'type-narrowed' : widened && !narrowed ? 'type-widened' : 'type-changed';
  change({ kind, summary, before: a.type, after: b.type, extra: ['type'] });
}

function compareEnum(a: JsonSchema, b: JsonSchema, change: Change): void {
  const x = Array.isArray(a.enum) ? a.enum : undefined;
  const y = Array.isArray(b.enum) ? b.enum : undefined;
  if (sameJson(x, y)) return;
  if (!x) return change({ kind: 'constraint-tightened', summary: `now limited to ${y!.map(show).join(', ')}`, after: y, extra: ['enum'] });
  if (!y) return change({ kind: 'constraint-loosened', summary: `no longer limited to ${x.map(show).join(', ')}`, before: x, extra: ['enum'], side: 'old' });
  for (const v of y) if (!x.some((w) => sameJson(v, w))) change({ kind: 'enum-value-added', summary: `enum value ${show(v)} added`, after: v, extra: ['enum'] });
  for (const v of x) if (!y.some((w) => sameJson(v, w))) change({ kind: 'enum-value-removed', summary: `enum value ${show(v)} removed`, before: v, extra: ['enum'], side: 'old' });
}

function compareObject(a: JsonSchema, b: JsonSchema, rel: (string | number)[], site: SchemaSite, emit: Emit, change: Change): void {
  const pa = record(a.properties);
  const pb = record(b.properties);
  const ra = new Set(strings(a.required));
  const rb = new Set(strings(b.required));
  const closedBefore = a.additionalProperties === false;
  for (const name of Object.keys(pa)) {
    if (name in pb) continue;
    change({ kind: 'field-removed', summary: `field "${name}" removed`, closed: b.additionalProperties === false, extra: ['properties', name], side: 'old' });
  }
  for (const name of Object.keys(pb)) {
    if (name in pa) continue;
    change({
      kind: rb.has(name) ? 'required-field-added' : 'field-added',
      summary: `${rb.has(name) ? 'required' : 'optional'} field "${name}" added`,
      closed: closedBefore,
      extra: ['properties', name],
    });
  }
  for (const name of Object.keys(pb)) {
    if (!(name in pa)) continue;
    if (!ra.has(name) && rb.has(name)) change({ kind: 'field-required', summary: `field "${name}" is now required`, extra: ['required'] });
    if (ra.has(name) && !rb.has(name)) change({ kind: 'field-optional', summary: `field "${name}" is now optional`, extra: ['properties', name] });
    walk(pa[name]!, pb[name]!, [...rel, 'properties', name], site, emit);
  }
  // A required name without a declared property still constrains the object.
  for (const name of rb) if (!ra.has(name) && !(name in pb)) change({ kind: 'field-required', summary: `field "${name}" is now required`, extra: ['required'] });
  for (const name of ra) if (!rb.has(name) && !(name in pa)) change({ kind: 'field-optional', summary: `field "${name}" is no longer required`, extra: ['required'] });

  const xa = a.additionalProperties;
  const xb = b.additionalProperties;
  if (isSchema(xa) && isSchema(xb)) walk(xa, xb, [...rel, 'additionalProperties'], site, emit);
  else if (!sameJson(xa, xb)) {
    const closedNow = xb === false;
    const wasClosed = xa === false;
    if (closedNow !== wasClosed) {
      change({ kind: closedNow ? 'constraint-tightened' : 'constraint-loosened', summary: closedNow ? 'no longer allows other fields' : 'now allows other fields', extra: ['additionalProperties'] });
    } else {
      change({ kind: 'schema-changed', summary: '"additionalProperties" changed', before: xa, after: xb, extra: ['additionalProperties'] });
    }
  }
}

function compareItems(a: JsonSchema, b: JsonSchema, rel: (string | number)[], site: SchemaSite, emit: Emit): void {
  const ia = a.items;
  const ib = b.items;
  if (isSchema(ia) && isSchema(ib)) return walk(ia, ib, [...rel, 'items'], site, emit);
  if (Array.isArray(ia) && Array.isArray(ib) && ia.length === ib.length) {
    ia.forEach((s, i) => isSchema(s) && isSchema(ib[i]) && walk(s, ib[i], [...rel, 'items', i], site, emit));
    return;
  }
  if (!sameJson(ia, ib)) {
    emit({
      kind: 'schema-changed',
      summary: '"items" changed shape',
      path: [...site.path, ...rel, 'items'],
      ...(site.direction ? { direction: site.direction } : {}),
      before: ia,
      after: ib,
    });
  }
}

/**
 * `oneOf`/`anyOf` branches are matched by their discriminator (`properties.type.const`, as in every
 * specwire union), else by position: reordering tagged branches is not a change.
 */
function compareVariants(a: JsonSchema, b: JsonSchema, rel: (string | number)[], site: SchemaSite, emit: Emit, change: Change): void {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const va = Array.isArray(a[key]) ? (a[key] as unknown[]).filter(isSchema) : [];
    const vb = Array.isArray(b[key]) ? (b[key] as unknown[]).filter(isSchema) : [];
    if (!va.length && !vb.length) continue;
    const ta = va.map(tagOf);
    const tb = vb.map(tagOf);
    const tagged = ta.every((t) => t !== undefined) && tb.every((t) => t !== undefined);
    if (!tagged) {
      const n = Math.min(va.length, vb.length);
      for (let i = 0; i < n; i++) walk(va[i]!, vb[i]!, [...rel, key, i], site, emit);
      for (let i = n; i < vb.length; i++) change({ kind: 'variant-added', summary: `${key} branch ${i} added`, extra: [key, i] });
      for (let i = n; i < va.length; i++) change({ kind: 'variant-removed', summary: `${key} branch ${i} removed`, extra: [key, i], side: 'old' });
      continue;
    }
    tb.forEach((tag, j) => {
      const i = ta.indexOf(tag);
      if (i === -1) change({ kind: 'variant-added', summary: `variant "${tag}" added`, after: tag, extra: [key, j] });
      else walk(va[i]!, vb[j]!, [...rel, key, j], { ...site, variant: tag }, emit);
    });
    ta.forEach((tag, i) => {
      if (!tb.includes(tag)) change({ kind: 'variant-removed', summary: `variant "${tag}" removed`, before: tag, extra: [key, i], side: 'old' });
    });
  }
}

/** The discriminator of a union branch: the `const` of its `type` property. */
function tagOf(s: JsonSchema): string | undefined {
  const t = record(s.properties).type;
  return t && typeof t.const === 'string' ? t.const : undefined;
}

function record(v: unknown): Record<string, JsonSchema> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, JsonSchema>) : {};
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isSchema(v: unknown): v is JsonSchema {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

export function show(v: unknown): string {
  return JSON.stringify(v) ?? 'undefined';
}
