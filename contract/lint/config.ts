/**
 * `specwire.config.yaml`: which lint rules run and how severe they are, per file glob. Found upward
 * from each document (the nearest wins, like ESLint's flat config), or named with `--config`. A
 * config that cannot be read or breaks the shape below is a diagnostic with file:line:col (exit 2),
 * never a stack trace. docs/lint.md documents the format.
 *
 * ```yaml
 * lint:
 *   rules:
 *     message-has-example: off
 *   overrides:
 *     - files: ['legacy/**']
 *       rules: { example-valid: warning }
 * ```
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { LineCounter, parseDocument } from 'yaml';
import { YamlPositions } from '../yaml-positions.js';
import type { Diagnostic } from '../diagnostic.js';
import { createAjv } from '../schema-validator.js';
import { LINT_RULES } from './registry.js';
import { RULE_LEVELS, type RuleLevel } from './rule.js';
import { pointerTokens } from '../json-pointer.js';

/** File names looked for in each folder, in this order. */
export const CONFIG_FILE_NAMES = ['specwire.config.yaml', 'specwire.config.yml', 'specwire.config.json'] as const;

/** The rule id of every finding about a config file (always exit 2). */
export const CONFIG_RULE = 'lint-config';

/** `warn` is accepted for ESLint and Spectral habits; it means `warning`. */
const LEVEL_ALIASES: Record<string, RuleLevel> = { warn: 'warning' };

export interface ConfigOverride {
  /** Globs relative to the config file's folder (`**` crosses folders), picomatch syntax. */
  files: string[];
  /** Globs excluded from `files`. */
  ignores: string[];
  rules: Record<string, RuleLevel>;
}

/** A loaded, valid config. */
export interface LintConfig {
  /** Absolute path of the config file. */
  file: string;
  rules: Record<string, RuleLevel>;
  overrides: ConfigOverride[];
}

export type ConfigResult = { ok: true; config: LintConfig } | { ok: false; diagnostics: Diagnostic[] };

/** The nearest config file at or above the document's folder, if any. */
export function findConfigFile(document: string): string | undefined {
  let dir = dirname(resolve(document));
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and validates a config file (YAML or JSON). */
export function loadConfig(path: string): ConfigResult {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return broken(file, 1, 1, `cannot read config file: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    return broken(file, at.line, at.col, `invalid YAML: ${syntax.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS() ?? {};
  const validate = configValidator();
  if (!validate(data)) {
    // a glob that is neither a string nor a list fails both anyOf branches: say so once
    const error = validate.errors!.find((e) => e.keyword === 'anyOf') ?? validate.errors![0]!;
    const positions = new YamlPositions(file, doc.contents, lines);
    const path = pointerTokens(error.instancePath);
    const key = offendingKey(error);
    const at = positions.locate(key === undefined ? path : [...path, key]);
    const value = path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);
    return broken(file, at.line, at.column, describe(error, path, value));
  }
  const lint = ((data as Record<string, unknown>).lint ?? {}) as { rules?: Record<string, string>; overrides?: { files: string | string[]; ignores?: string | string[]; rules?: Record<string, string> }[] };
  return {
    ok: true,
    config: {
      file,
      rules: levels(lint.rules),
      overrides: (lint.overrides ?? []).map((o) => ({ files: list(o.files), ignores: list(o.ignores), rules: levels(o.rules) })),
    },
  };
}

/** Levels the config sets for `document`: top-level rules first, then each matching override in order. */
export function configLevels(config: LintConfig, document: string): Record<string, RuleLevel> {
  const rel = relative(dirname(config.file), resolve(document)).split(sep).join('/');
  const out = { ...config.rules };
  if (rel.startsWith('../') || rel === '..') return out; // a config's globs never reach outside its folder
  for (const o of config.overrides) {
    if (picomatch.isMatch(rel, o.files, { dot: true }) && !(o.ignores.length && picomatch.isMatch(rel, o.ignores, { dot: true }))) {
      Object.assign(out, o.rules);
    }
  }
  return out;
}

/** A level as written in a config or `--rule` (`warn` allowed); undefined when it is not one. */
export function parseLevel(value: string): RuleLevel | undefined {
  if ((RULE_LEVELS as readonly string[]).includes(value)) return value as RuleLevel;
  return LEVEL_ALIASES[value];
}

let validator: ReturnType<typeof compileValidator> | undefined;

function configValidator() {
  validator ??= compileValidator();
  return validator;
}

function compileValidator() {
  const level = { type: 'string', enum: [...RULE_LEVELS, ...Object.keys(LEVEL_ALIASES)] };
  const rules = { type: 'object', propertyNames: { enum: LINT_RULES.map((r) => r.id) }, additionalProperties: level };
  const globs = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] };
  const override = {
    type: 'object',
    required: ['files'],
    additionalProperties: false,
    properties: { files: globs, ignores: globs, rules },
  };
  const schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      lint: { type: 'object', additionalProperties: false, properties: { rules, overrides: { type: 'array', items: override } } },
    },
  };
  // A separate instance: the shared one is configured for contract schemas (formats, first error only).
  return createAjv({ allErrors: false, verbose: true }).compile(schema);
}

/** The key an error is about, for errors raised on the object that holds it. */
function offendingKey(error: ErrorObject): string | undefined {
  if (error.propertyName !== undefined) return error.propertyName; // a bad key under `rules`
  if (error.keyword === 'additionalProperties') return String((error.params as Record<string, unknown>).additionalProperty);
  return undefined;
}

function describe(error: ErrorObject, path: string[], value: unknown): string {
  const params = error.params as Record<string, unknown>;
  const where = path.length ? path.join('.') : 'the config';
  if (error.propertyName !== undefined) return `unknown rule "${error.propertyName}" (specwire lint --list-rules lists them)`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as object);
      return `unknown key "${String(params.additionalProperty)}" in ${where} (expected: ${allowed.join(', ')})`;
    }
    case 'enum':
      return `${where}: ${JSON.stringify(value)} is not a level (${RULE_LEVELS.join(', ')})`;
    case 'required':
      return `${where}: an override needs "${String(params.missingProperty)}" (globs of the documents it applies to)`;
    case 'anyOf':
      return `${where}: must be a glob or a list of globs`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function broken(file: string, line: number, column: number, message: string): ConfigResult {
  return { ok: false, diagnostics: [{ file, line, column, severity: 'error', rule: CONFIG_RULE, message }] };
}

function levels(rules: Record<string, string> | undefined): Record<string, RuleLevel> {
  return Object.fromEntries(Object.entries(rules ?? {}).map(([id, value]) => [id, parseLevel(value)!]));
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
