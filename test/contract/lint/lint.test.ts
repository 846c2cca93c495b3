import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lintFiles, profileOf, runRules } from '../../../contract/lint/lint.js';
import type { RuleLevel } from '../../../contract/lint/rule.js';
import { LINT_RULES } from '../../../contract/lint/registry.js';
import { versionSemver } from '../../../contract/lint/rules/version-semver.js';
import { MODEL_FILE, channel, contract, event } from '../../support/contract-model.js';
import { tempFiles } from '../../support/temp-files.js';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/lint');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

describe('runRules', () => {
  it('runs specwire rules only for documents with info.x-specwire', () => {
    const bare = contract({ specwire: undefined, channels: [channel({ access: undefined, stream: undefined })] });
    expect(runRules(bare)).toEqual([]);
    const optedIn = contract({ channels: [channel({ access: undefined, stream: undefined })] });
    expect(runRules(optedIn).map((d) => d.rule)).toEqual(['channel-access', 'channel-stream']);
  });

  it('places each finding with the contract locator and the rule severity', () => {
    const c = contract({
      version: '1.0',
      messages: [event('scoreUpdated', 'score.updated', { examples: [] })],
      locate: (path) => ({ file: MODEL_FILE, line: path.length, column: 3 }),
    });
    expect(runRules(c)).toEqual([
      { file: MODEL_FILE, line: 4, column: 3, severity: 'warning', rule: 'message-has-example', message: 'message "scoreUpdated" has no example', path: ['channels', 'room', 'messages', 'scoreUpdated'] },
      { file: MODEL_FILE, line: 2, column: 3, severity: 'error', rule: 'version-semver', message: 'info.version "1.0" is not semver (MAJOR.MINOR.PATCH)', path: ['info', 'version'] },
    ]);
  });

  it('gives each rule the level of the profile, or the one set over it; off rules do not run', () => {
    const bare = contract({ specwire: undefined, version: '1.0', messages: [event('scoreUpdated', 'score.updated', { examples: [], payload: { type: 'object' } })] });
    expect(profileOf(bare)).toBe('generic');
    expect(profileOf(contract())).toBe('specwire');
    const levels = (c: typeof bare, set?: Record<string, RuleLevel>) => runRules(c, LINT_RULES, set).map((d) => `${d.rule}:${d.severity}`);
    // generic: good practice warns, version-semver is advice, message-type-const (a convention) is off
    expect(levels(bare)).toEqual(['message-has-example:warning', 'version-semver:warning']);
    expect(levels(bare, { 'message-has-example': 'off', 'version-semver': 'error', 'message-type-const': 'info' })).toEqual(['version-semver:error', 'message-type-const:info']);
  });

  it('runs only the rules it is given', () => {
    expect(runRules(contract({ version: 'x', specwire: undefined }), [versionSemver]).map((d) => d.rule)).toEqual(['version-semver']);
  });

  it('docs/lint.md lists every rule with its levels per profile, in registry order', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../docs/lint.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (off|info|warning|error) \| (off|info|warning|error) \|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(LINT_RULES.map((r) => [r.id, r.level.generic, r.level.specwire]));
  });

  it('has unique rule ids, each with a one-line description', () => {
    const ids = LINT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of LINT_RULES) expect(r.description).toMatch(/^[^\n]{10,200}$/);
  });
});

describe('lintFiles', () => {
  const dir = tempFiles({
    'fragments/order-messages.yaml': fixture('cross-file/fragments/order-messages.yaml'),
    'orders.yaml': fixture('cross-file/example-invalid-in-fragment.yaml'),
    'orders-admin.yaml': fixture('cross-file/example-invalid-in-fragment.yaml').replace('Order status notifications', 'Order admin feed'),
    'broken.yaml': fixture('broken-ref.yaml'),
    'untitled.yaml': fixture('missing-info-title.yaml'),
    'warned.yaml': fixture('unused-component.yaml'),
  });
  afterAll(() => dir.remove());

  it('reports a fault in a fragment shared by two documents once', async () => {
    const report = await lintFiles([dir.path('orders.yaml'), dir.path('orders-admin.yaml')]);
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([`${dir.path('fragments/order-messages.yaml')}:20:67 example-valid`]);
  });

  it('keeps distinct findings at one position (several events missing from polling)', async () => {
    const text = fixture('event-not-polled.yaml');
    const file = dir.write('two-events.yaml', text);
    const report = await lintFiles([file]);
    expect(report.diagnostics.map((d) => d.rule)).toEqual(['contract-polling']);
    // a second event the endpoint does not describe either: two findings at the same `polling:` key
    const second = text
      .replace("      pong:\n        $ref: '#/components/messages/pong'\n", "      pong:\n        $ref: '#/components/messages/pong'\n      scoreReset:\n        $ref: '#/components/messages/scoreReset'\n")
      .replace("      - $ref: '#/channels/room/messages/scoreUpdated'\n", "      - $ref: '#/channels/room/messages/scoreUpdated'\n      - $ref: '#/channels/room/messages/scoreReset'\n")
      .replace('    pong:\n      name: pong', "    scoreReset:\n      name: score.reset\n      title: Scores reset\n      description: All scores are back to zero.\n      x-specwire-authority: hint\n      payload:\n        type: object\n        required: [type, seq, ts]\n        properties:\n          type: { type: string, const: score.reset }\n          seq: { type: integer, minimum: 1 }\n          ts: { type: string, format: date-time }\n      examples:\n        - payload: { type: score.reset, seq: 8, ts: '2026-03-01T10:05:00Z' }\n    pong:\n      name: pong");
    const both = await lintFiles([dir.write('three-events.yaml', second)]);
    expect(both.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '12:5 server event "score.reset" is not described by any polling endpoint',
      '12:5 server event "score.updated" is not described by any polling endpoint',
    ]);
  });

  it('exit code: 2 when any file cannot be resolved, even beside contract errors', async () => {
    const report = await lintFiles([dir.path('untitled.yaml'), dir.path('broken.yaml')]);
    expect(report.exitCode).toBe(2);
    expect(report.unparsed).toEqual([dir.path('broken.yaml')]);
    expect(report.diagnostics.map((d) => d.rule).sort()).toEqual(['asyncapi-document-resolved', 'invalid-ref']);
  });

  it('exit code: 1 for a document the parser refuses as invalid AsyncAPI 3.0, 0 for warnings only', async () => {
    expect((await lintFiles([dir.path('untitled.yaml')])).exitCode).toBe(1);
    const warned = await lintFiles([dir.path('warned.yaml')]);
    expect(warned.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(warned.exitCode).toBe(0);
  });

  it('sorts findings by file, line, column and rule', async () => {
    const report = await lintFiles([dir.path('warned.yaml'), dir.path('orders.yaml'), dir.path('untitled.yaml')]);
    const keys = report.diagnostics.map((d) => [d.file, d.line, d.column] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2] - b[2]);
    expect(keys).toEqual(sorted);
    expect(keys.length).toBe(3);
  });
});
