/**
 * `specwire lint --format sarif|github|junit`: each format from a report built here, so every branch
 * (rule from the registry or elsewhere, each severity, a file outside the working directory, text
 * that needs escaping) is covered without a process. SARIF is validated against the SARIF 2.1.0
 * schema as Microsoft's SARIF SDK ships it (@microsoft/jest-sarif).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Diagnostic } from '../../../contract/diagnostic.js';
import { LINT_FORMATS, type LintOutput } from '../../../contract/lint/format/index.js';
import { escapeData, escapeProperty } from '../../../contract/lint/format/github.js';
import { LINT_RULES } from '../../../contract/lint/registry.js';
import { createAjv } from '../../../contract/schema-validator.js';

const CWD = '/work/project';
const at = (file: string, line: number, column: number, severity: Diagnostic['severity'], rule: string, message: string): Diagnostic => ({ file, line, column, severity, rule, message });

const OUTPUT: LintOutput = {
  cwd: CWD,
  version: '1.2.3',
  exitCode: 1,
  files: [`${CWD}/asyncapi/ticker.yaml`, `${CWD}/asyncapi/clean.yaml`, '/elsewhere/shared api.yaml'],
  diagnostics: [
    at(`${CWD}/asyncapi/ticker.yaml`, 12, 7, 'error', 'example-valid', 'example "a, b" of "ticker" is invalid: /pair must be array'),
    at(`${CWD}/asyncapi/ticker.yaml`, 30, 5, 'warning', 'message-has-example', 'message "ping" has no example\nsecond line 100%'),
    at(`${CWD}/asyncapi/ticker.yaml`, 41, 9, 'error', 'asyncapi3-operation-messages-from-referred-channel', 'Operation message does not belong to the specified channel.'),
    at('/elsewhere/shared api.yaml', 3, 1, 'info', 'version-semver', 'info.version "next" is not semver (MAJOR.MINOR.PATCH)'),
  ],
};

/**
 * The SARIF 2.1.0 schema (rtm.5, draft-04). Beyond `$schema` and the root `id`, it uses no keyword
 * whose meaning differs between draft-04 and draft-07 (no exclusiveMinimum/Maximum), so ajv's
 * draft-07 validator with formats checks exactly what the schema says.
 */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  // one of its patterns (language tags) is not valid in unicode mode, which ajv 8 uses by default
  return createAjv({ allErrors: true, unicodeRegExp: false }).compile(schema);
}

describe('sarif', () => {
  const text = LINT_FORMATS.sarif(OUTPUT);
  const log = JSON.parse(text) as {
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string; defaultConfiguration?: { level: string } }[] } }; results: Record<string, unknown>[]; invocations: { executionSuccessful: boolean }[] }[];
  };

  it('is a valid SARIF 2.1.0 log', () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    // the validator is not vacuous: a result without a message breaks it
    const broken = structuredClone(log);
    delete broken.runs[0]!.results[0]!.message;
    expect(validate(broken)).toBe(false);
  });

  it('lists every registry rule with its default level, and the other rules that produced a finding', () => {
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...LINT_RULES.map((r) => r.id), 'asyncapi3-operation-messages-from-referred-channel']);
    expect(rules.find((r) => r.id === 'message-type-const')!.defaultConfiguration!.level).toBe('error');
    expect(rules.find((r) => r.id === 'message-has-example')!.defaultConfiguration!.level).toBe('warning');
  });

  it('has one result per finding: rule, level, message, repository-relative uri, line and column', () => {
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['example-valid', 'error'],
      ['message-has-example', 'warning'],
      ['asyncapi3-operation-messages-from-referred-channel', 'error'],
      ['version-semver', 'note'],
    ]);
    expect(results[0]!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'asyncapi/ticker.yaml' }, region: { startLine: 12, startColumn: 7 } } }]);
    const outside = (results[3]!.locations as { physicalLocation: { artifactLocation: { uri: string } } }[])[0]!.physicalLocation.artifactLocation.uri;
    expect(outside).toBe('file:///elsewhere/shared%20api.yaml');
    expect(results.every((r, i) => (log.runs[0]!.tool.driver.rules[r.ruleIndex as number]!.id === r.ruleId) && i >= 0)).toBe(true);
  });

  it('says whether the run could read its input', () => {
    expect(log.runs[0]!.invocations[0]!.executionSuccessful).toBe(true);
    const unreadable = JSON.parse(LINT_FORMATS.sarif({ ...OUTPUT, exitCode: 2 })) as typeof log;
    expect(unreadable.runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
  });
});

describe('github', () => {
  it('prints one workflow command per finding, escaped, then a summary line', () => {
    expect(LINT_FORMATS.github(OUTPUT).trimEnd().split('\n')).toEqual([
      '::error file=asyncapi/ticker.yaml,line=12,col=7,title=specwire example-valid::example "a, b" of "ticker" is invalid: /pair must be array',
      '::warning file=asyncapi/ticker.yaml,line=30,col=5,title=specwire message-has-example::message "ping" has no example%0Asecond line 100%25',
      '::error file=asyncapi/ticker.yaml,line=41,col=9,title=specwire asyncapi3-operation-messages-from-referred-channel::Operation message does not belong to the specified channel.',
      '::notice file=/elsewhere/shared api.yaml,line=3,col=1,title=specwire version-semver::info.version "next" is not semver (MAJOR.MINOR.PATCH)',
      'specwire lint: 3 files, 2 errors, 1 warning',
    ]);
  });

  it('escapes like @actions/core: %, CR and LF in data; also : and , in properties', () => {
    expect(escapeData('a%b\r\nc:d,e')).toBe('a%25b%0D%0Ac:d,e');
    expect(escapeProperty('C:\\a,b')).toBe('C%3A\\a%2Cb');
  });
});

describe('junit', () => {
  const xml = LINT_FORMATS.junit(OUTPUT);

  it('has a testsuite per file and a testcase per finding; errors fail, the rest pass with their text', () => {
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="specwire lint" tests="5" failures="2" time="0">/);
    expect(xml).toContain('<testsuite name="asyncapi/ticker.yaml" tests="3" failures="2" errors="0" skipped="0" time="0">');
    expect(xml).toContain(
      '<testcase classname="asyncapi/ticker.yaml" name="example-valid at 12:7" file="asyncapi/ticker.yaml" time="0">\n      <failure type="example-valid" message="example &quot;a, b&quot; of &quot;ticker&quot; is invalid: /pair must be array">',
    );
    expect(xml).toContain('<system-out>asyncapi/ticker.yaml:30:5 warning message-has-example: message &quot;ping&quot; has no example\nsecond line 100%</system-out>');
    expect(xml.match(/<failure /g)).toHaveLength(2);
  });

  it('gives a file without findings one passing testcase', () => {
    expect(xml).toContain('<testsuite name="asyncapi/clean.yaml" tests="1" failures="0" errors="0" skipped="0" time="0">\n    <testcase classname="asyncapi/clean.yaml" name="lint" file="asyncapi/clean.yaml" time="0"/>');
  });
});
