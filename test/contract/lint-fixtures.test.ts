/**
 * One broken document per fault (test/fixtures/lint/), each with exactly one intended finding: the
 * rule, the file and the line:column it must be reported at, and the exit code `specwire lint` gives.
 * The expectations are written here by hand from reading the fixtures, never derived from a run.
 * A convention rule proven on a document without info.x-specwire is switched on for that case (as a
 * config or `--rule` would); without it the generic profile must leave the document alone.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { lintFiles } from '../../contract/lint/lint.js';
import { LINT_RULES } from '../../contract/lint/registry.js';
import type { RuleLevel } from '../../contract/lint/rule.js';
import { tempFiles } from '../support/temp-files.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/lint');

interface Case {
  /** Fixture path under test/fixtures/lint. */
  doc: string;
  rule: string;
  /** File the finding must be in, when it is not `doc` (a referenced fragment). */
  file?: string;
  line: number;
  column: number;
  exit: 0 | 1 | 2;
  /** Levels set over the profile, as `--rule` does: a convention rule proven on a generic fixture. */
  levels?: Record<string, RuleLevel>;
}

const on = (rule: string): Record<string, RuleLevel> => ({ [rule]: 'error' });

const CASES: Case[] = [
  // input that cannot become a model: exit 2
  { doc: 'yaml-syntax-error.yaml', rule: 'yaml-syntax', line: 45, column: 20, exit: 2 },
  { doc: 'broken-ref.yaml', rule: 'invalid-ref', line: 22, column: 15, exit: 2 },
  { doc: 'broken-ref-missing-file.yaml', rule: 'invalid-ref', line: 23, column: 15, exit: 2 },
  { doc: 'asyncapi-v2.yaml', rule: 'asyncapi-version', line: 3, column: 1, exit: 2 },
  { doc: 'asyncapi-v2.json', rule: 'asyncapi-version', line: 2, column: 3, exit: 2 },
  { doc: 'no-such-document.yaml', rule: 'file-unreadable', line: 1, column: 1, exit: 2 },
  { doc: 'cross-file/broken-ref-in-fragment.yaml', rule: 'invalid-ref', file: 'cross-file/fragments/broken-ref-messages.yaml', line: 15, column: 27, exit: 2 },
  { doc: 'cross-file/yaml-syntax-in-fragment.yaml', rule: 'yaml-syntax', file: 'cross-file/fragments/yaml-syntax-messages.yaml', line: 8, column: 16, exit: 2 },
  // the parser's own rules: a well-formed document that breaks AsyncAPI 3.0 is a contract error, exit 1
  { doc: 'missing-info-title.yaml', rule: 'asyncapi-document-resolved', line: 3, column: 6, exit: 1 },
  { doc: 'operation-message-not-in-channel.yaml', rule: 'asyncapi3-operation-messages-from-referred-channel', line: 41, column: 9, exit: 1 },
  { doc: 'undeclared-channel-parameter.yaml', rule: 'asyncapi3-channel-parameters', line: 20, column: 16, exit: 1 },
  { doc: 'cross-file/schema-error-in-fragment.yaml', rule: 'asyncapi-document-resolved', file: 'cross-file/fragments/schema-error-messages.yaml', line: 7, column: 13, exit: 1 },
  // real defects: errors in every profile (an invalid example is reported at the failing value)
  { doc: 'channel-parameters-missing.yaml', rule: 'channel-parameters-declared', line: 19, column: 5, exit: 1 },
  { doc: 'example-violates-schema.yaml', rule: 'example-valid', line: 55, column: 67, exit: 1 },
  { doc: 'example-headers-invalid.yaml', rule: 'example-valid', line: 62, column: 22, exit: 1 },
  { doc: 'example-oneof-closest-branch.yaml', rule: 'example-valid', line: 85, column: 13, exit: 1 },
  { doc: 'cross-file/example-invalid-in-fragment.yaml', rule: 'example-valid', file: 'cross-file/fragments/order-messages.yaml', line: 20, column: 67, exit: 1 },
  { doc: 'reply-message-not-in-channel.yaml', rule: 'reply-in-channel', line: 36, column: 11, exit: 1 },
  { doc: 'correlation-id-unknown-field.yaml', rule: 'correlation-id-resolves', line: 63, column: 9, exit: 1 },
  { doc: 'reply-address-unknown-header.yaml', rule: 'reply-address-resolves', line: 36, column: 9, exit: 1 },
  // good practice: warnings in every profile, exit 0
  { doc: 'unused-component.yaml', rule: 'unused-component', line: 71, column: 5, exit: 0 },
  { doc: 'message-without-example.yaml', rule: 'message-has-example', line: 22, column: 7, exit: 0 },
  { doc: 'message-without-description.yaml', rule: 'message-documented', line: 22, column: 7, exit: 0 },
  { doc: 'version-not-semver.yaml', rule: 'version-semver', line: 6, column: 3, exit: 0 },
  { doc: 'reply-without-correlation-id.yaml', rule: 'reply-correlation-id', line: 23, column: 7, exit: 0 },
  // specwire conventions proven on generic fixtures, switched on for the case
  { doc: 'missing-type-const.yaml', rule: 'message-type-const', line: 51, column: 11, exit: 1, levels: on('message-type-const') },
  { doc: 'type-not-required.yaml', rule: 'message-type-const', line: 61, column: 7, exit: 1, levels: on('message-type-const') },
  { doc: 'duplicate-type-same-direction.yaml', rule: 'message-type-unique', line: 68, column: 11, exit: 1, levels: on('message-type-unique') },
  { doc: 'missing-security.yaml', rule: 'security-declared', line: 10, column: 1, exit: 1, levels: on('security-declared') },
  { doc: 'server-without-security.yaml', rule: 'security-declared', line: 16, column: 3, exit: 1, levels: on('security-declared') },
  { doc: 'mixed-naming.yaml', rule: 'naming-convention', line: 66, column: 11, exit: 0, levels: { 'naming-convention': 'warning' } },
  // specwire rules (documents with info.x-specwire)
  { doc: 'event-without-seq.yaml', rule: 'event-seq-ts', line: 64, column: 7, exit: 1 },
  { doc: 'event-without-authority.yaml', rule: 'event-authority', line: 37, column: 7, exit: 1 },
  { doc: 'no-slo.yaml', rule: 'contract-slo', line: 7, column: 3, exit: 1 },
  { doc: 'no-polling.yaml', rule: 'contract-polling', line: 7, column: 3, exit: 1 },
  { doc: 'polling-describes-unknown-type.yaml', rule: 'contract-polling', line: 15, column: 36, exit: 1 },
  { doc: 'event-not-polled.yaml', rule: 'contract-polling', line: 12, column: 5, exit: 1 },
  { doc: 'hint-only-in-feed.yaml', rule: 'hint-state-endpoint', line: 77, column: 7, exit: 1 },
  { doc: 'channel-without-access.yaml', rule: 'channel-access', line: 26, column: 3, exit: 1 },
  { doc: 'unknown-access-rule.yaml', rule: 'channel-access', line: 33, column: 7, exit: 1 },
  { doc: 'stream-key-unknown.yaml', rule: 'channel-stream', line: 36, column: 26, exit: 1 },
  { doc: 'stream-subscribe-unknown-type.yaml', rule: 'channel-stream', line: 35, column: 39, exit: 1 },
  { doc: 'name-differs-from-type.yaml', rule: 'message-name-matches-type', line: 60, column: 7, exit: 0 },
];

const CLEAN = ['clean-generic.yaml', 'clean-specwire.yaml', 'cross-file/clean-split.yaml'];

describe('lint fixtures: one fault, one finding, at its place', () => {
  it.each(CASES)('$doc → $rule at $line:$column, exit $exit', async ({ doc, rule, file, line, column, exit, levels }) => {
    const report = await lintFiles([resolve(FIXTURES, doc)], { config: false, ruleLevels: levels });
    const found = report.diagnostics.map((d) => ({ rule: d.rule, file: relative(FIXTURES, d.file), line: d.line, column: d.column }));
    expect(found).toEqual([{ rule, file: file ?? doc, line, column }]);
    expect(report.exitCode).toBe(exit);
  });

  it.each(CLEAN)('%s lints with no finding at all', async (doc) => {
    const report = await lintFiles([resolve(FIXTURES, doc)], { config: false });
    expect(report.diagnostics).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('every rule of the registry is proven by at least one fixture', () => {
    const proven = new Set(CASES.map((c) => c.rule));
    expect(LINT_RULES.map((r) => r.id).filter((id) => !proven.has(id))).toEqual([]);
  });
});

describe('documents without info.x-specwire (the generic profile)', () => {
  const conventionRules = new Set(LINT_RULES.filter((r) => r.level.generic === 'off').map((r) => r.id));
  const genericCases = CASES.filter((c) => !readFileSync(resolve(FIXTURES, c.doc.startsWith('no-such') ? 'clean-generic.yaml' : c.doc), 'utf8').includes('x-specwire:'));

  it('get no convention finding from the generic fixtures, even those that break a convention', async () => {
    const report = await lintFiles(genericCases.map((c) => resolve(FIXTURES, c.doc)), { config: false });
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(report.diagnostics.filter((d) => conventionRules.has(d.rule))).toEqual([]);
  });

  it.each(CASES.filter((c) => c.levels))('$doc breaks $rule, a convention: clean without it switched on', async ({ doc, rule }) => {
    const report = await lintFiles([resolve(FIXTURES, doc)], { config: false });
    expect(report.diagnostics.map((d) => d.rule)).not.toContain(rule);
    expect(report.exitCode).toBe(0);
  });

  it('get none either when the rest of a specwire document breaks every specwire rule', async () => {
    const dir = tempFiles();
    try {
      // clean-specwire.yaml without its x-specwire block, authority, control flag, access and stream
      const text = readFileSync(resolve(FIXTURES, 'clean-specwire.yaml'), 'utf8')
        .replace(/  x-specwire:\n(    .*\n|      .*\n|        .*\n)+/, '')
        .replace(/    x-specwire-access:\n(      .*\n)+/, '')
        .replace(/    x-specwire-stream: .*\n/, '')
        .replace(/      x-specwire-authority: .*\n/, '')
        .replace(/      x-specwire-control: .*\n/, '')
        .replace(/^#.*\n/gm, '')
        .replace('required: [type, seq, ts, playerId, score]', 'required: [type, playerId, score]');
      expect(text).not.toContain('x-specwire');
      const report = await lintFiles([dir.write('quiz.yaml', text)], { config: false });
      expect(report.diagnostics).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});
