/**
 * specwire.config.yaml: found upward from each document, levels per rule and glob, and a broken
 * config as a positioned `lint-config` finding (exit 2), never a throw.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configLevels, findConfigFile, loadConfig } from '../../../contract/lint/config.js';
import { lintFiles } from '../../../contract/lint/lint.js';
import { tempFiles } from '../../support/temp-files.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/lint');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

describe('findConfigFile', () => {
  const dir = tempFiles({
    'specwire.config.yaml': 'lint: {}\n',
    'apis/specwire.config.json': '{ "lint": {} }\n',
    'apis/public/ticker.yaml': '',
    'other/orders.yaml': '',
  });
  afterAll(() => dir.remove());

  it('takes the nearest config at or above the document', () => {
    expect(findConfigFile(dir.path('apis/public/ticker.yaml'))).toBe(dir.path('apis/specwire.config.json'));
    expect(findConfigFile(dir.path('other/orders.yaml'))).toBe(dir.path('specwire.config.yaml'));
  });

  it('prefers .yaml over .yml over .json in one folder', () => {
    dir.write('both/specwire.config.json', '{}');
    dir.write('both/specwire.config.yaml', '{}');
    expect(findConfigFile(dir.path('both/x.yaml'))).toBe(dir.path('both/specwire.config.yaml'));
  });
});

describe('loadConfig', () => {
  const dir = tempFiles();
  afterAll(() => dir.remove());
  const load = (text: string, name = 'specwire.config.yaml') => loadConfig(dir.write(name, text));

  it('reads rules and overrides; warn means warning; globs are relative to the config folder', () => {
    const result = load(
      [
        'lint:',
        '  rules:',
        '    message-has-example: off',
        '    version-semver: warn',
        '  overrides:',
        "    - files: ['legacy/**']",
        "      ignores: ['legacy/keep/*.yaml']",
        '      rules:',
        '        example-valid: warning',
        '    - files: legacy/old.yaml',
        '      rules: { example-valid: info }',
        '',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(configLevels(result.config, dir.path('api.yaml'))).toEqual({ 'message-has-example': 'off', 'version-semver': 'warning' });
    expect(configLevels(result.config, dir.path('legacy/a/b.yaml'))['example-valid']).toBe('warning');
    expect(configLevels(result.config, dir.path('legacy/keep/c.yaml'))['example-valid']).toBeUndefined();
    // later overrides win
    expect(configLevels(result.config, dir.path('legacy/old.yaml'))['example-valid']).toBe('info');
    // outside the config's folder no glob applies
    expect(configLevels(result.config, resolve(dir.root, '../legacy/old.yaml'))['example-valid']).toBeUndefined();
  });

  it('reads JSON, and an empty file as no settings', () => {
    const json = load('{ "lint": { "rules": { "unused-component": "error" } } }', 'specwire.config.json');
    expect(json.ok && json.config.rules).toEqual({ 'unused-component': 'error' });
    const empty = load('');
    expect(empty.ok && empty.config).toMatchObject({ rules: {}, overrides: [] });
  });

  it.each([
    ['an unknown rule, at its key', 'lint:\n  rules:\n    message-has-exampel: off\n', 3, 5, 'unknown rule "message-has-exampel" (specwire lint --list-rules lists them)'],
    ['a level that is not one, at its rule', 'lint:\n  rules:\n    example-valid: fatal\n', 3, 5, 'lint.rules.example-valid: "fatal" is not a level (off, info, warning, error)'],
    ['an unknown key, at the key', 'lint:\n  rulez: {}\n', 2, 3, 'unknown key "rulez" in lint (expected: rules, overrides)'],
    ['an override without files', 'lint:\n  overrides:\n    - rules: { example-valid: off }\n', 3, 7, 'lint.overrides.0: an override needs "files" (globs of the documents it applies to)'],
    ['files that are not globs', 'lint:\n  overrides:\n    - files: 3\n', 3, 7, 'lint.overrides.0.files: must be a glob or a list of globs'],
    ['YAML that does not parse', 'lint:\n  rules: { example-valid: off\n', 3, 1, 'invalid YAML:'],
    ['a config that is not a mapping', '- lint\n', 1, 1, 'the config must be object'],
  ])('reports %s as lint-config with file:line:col', (_what, text, line, column, message) => {
    const file = dir.write('broken/specwire.config.yaml', text);
    const result = loadConfig(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file, line, column, severity: 'error', rule: 'lint-config' });
    expect(result.diagnostics[0]!.message.startsWith(message)).toBe(true);
  });

  it('reports a missing file named with --config', () => {
    const result = loadConfig(dir.path('nope.yaml'));
    expect(!result.ok && result.diagnostics[0]!.message).toBe('cannot read config file: no such file');
  });
});

describe('lintFiles with config files', () => {
  const dir = tempFiles({
    'specwire.config.yaml': 'lint:\n  rules:\n    message-has-example: off\n',
    'quiet/specwire.config.yaml': "lint:\n  overrides:\n    - files: ['*.yaml']\n      rules: { example-valid: warning }\n",
    'loud/bad.yaml': fixture('example-violates-schema.yaml'),
    'quiet/bad.yaml': fixture('example-violates-schema.yaml'),
    'no-example.yaml': fixture('message-without-example.yaml'),
    'broken/specwire.config.yaml': 'lint:\n  rules:\n    no-such-rule: off\n',
    'broken/doc.yaml': fixture('clean-generic.yaml'),
  });
  afterAll(() => dir.remove());

  it('applies the nearest config per document', async () => {
    const report = await lintFiles([dir.path('loud/bad.yaml'), dir.path('quiet/bad.yaml'), dir.path('no-example.yaml')]);
    expect(report.diagnostics.map((d) => `${d.file.slice(dir.root.length + 1)} ${d.rule} ${d.severity}`)).toEqual(['loud/bad.yaml example-valid error', 'quiet/bad.yaml example-valid warning']);
    expect(report.exitCode).toBe(1);
  });

  it('--rule levels win over the config; config: false ignores config files', async () => {
    const flagged = await lintFiles([dir.path('quiet/bad.yaml')], { ruleLevels: { 'example-valid': 'off' } });
    expect(flagged.diagnostics).toEqual([]);
    const none = await lintFiles([dir.path('no-example.yaml')], { config: false });
    expect(none.diagnostics.map((d) => d.rule)).toEqual(['message-has-example']);
  });

  it('an explicit config applies to every document, whatever is nearer', async () => {
    const report = await lintFiles([dir.path('quiet/bad.yaml')], { config: dir.path('specwire.config.yaml') });
    expect(report.diagnostics.map((d) => d.severity)).toEqual(['error']);
  });

  it('a broken config is exit 2 with its position, and its documents are not linted', async () => {
    const report = await lintFiles([dir.path('broken/doc.yaml'), dir.path('loud/bad.yaml')]);
    expect(report.exitCode).toBe(2);
    expect(report.unparsed).toEqual([dir.path('broken/specwire.config.yaml')]);
    expect(report.diagnostics.map((d) => `${d.file.slice(dir.root.length + 1)}:${d.line}:${d.column} ${d.rule}`)).toEqual(['broken/specwire.config.yaml:3:5 lint-config', 'loud/bad.yaml:55:67 example-valid']);
  });
});
