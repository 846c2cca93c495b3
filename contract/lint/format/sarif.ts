import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../diagnostic.js';
import { LINT_RULES } from '../registry.js';
import { checkoutPath, type LintOutput } from './output.js';

/** SARIF 2.1.0's result levels for our severities. */
const LEVEL: Record<Diagnostic['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** What the findings that do not come from the rule registry are about. */
const OTHER_RULES: Record<string, string> = {
  'yaml-syntax': 'The file is not valid YAML (or JSON).',
  'invalid-ref': 'A $ref that leads to no file or to nothing in it.',
  'asyncapi-version': 'specwire reads AsyncAPI 3.x documents only.',
  'file-unreadable': 'The file cannot be read.',
  'lint-config': 'specwire.config.yaml is invalid (docs/lint.md).',
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  defaultConfiguration?: { level: 'error' | 'warning' | 'note' | 'none' };
  properties?: Record<string, unknown>;
}

/**
 * A SARIF 2.1.0 log with one run, for GitHub code scanning (`github/codeql-action/upload-sarif`) and
 * other SARIF viewers: the registry's rules with their levels per profile, plus every other rule id
 * that produced a finding (the parser's, the loader's, the scenario checks'), and one result per
 * finding with its file (relative to the working directory), line and column.
 */
export function sarifFormat(output: LintOutput): string {
  const rules: SarifRule[] = LINT_RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    defaultConfiguration: { level: sarifLevel(r.level.generic === 'off' ? r.level.specwire : r.level.generic) },
    properties: { profiles: r.level },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const d of output.diagnostics) {
    if (index.has(d.rule)) continue;
    index.set(d.rule, rules.length);
    rules.push({ id: d.rule, shortDescription: { text: OTHER_RULES[d.rule] ?? describeOther(d.rule) } });
  }
  const results = output.diagnostics.map((d) => ({
    ruleId: d.rule,
    ruleIndex: index.get(d.rule)!,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(d.file, output.cwd) }, region: { startLine: d.line, startColumn: d.column } } }],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'specwire', semanticVersion: output.version, rules } },
        invocations: [{ executionSuccessful: output.exitCode !== 2, exitCode: output.exitCode }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifLevel(level: string): 'error' | 'warning' | 'note' | 'none' {
  return level === 'error' ? 'error' : level === 'warning' ? 'warning' : level === 'info' ? 'note' : 'none';
}

function describeOther(rule: string): string {
  if (rule.startsWith('scenario-')) return `Scenario check ${rule} (docs/scenarios.md).`;
  return `AsyncAPI document rule ${rule}: the document breaks the AsyncAPI specification.`;
}

/** Relative to the working directory (what code scanning expects from a checkout), else a file URL. */
function artifactUri(file: string, cwd: string): string {
  const shown = checkoutPath(file, cwd);
  if (shown === file) return pathToFileURL(file).href;
  return shown.split('/').map(encodeURIComponent).join('/');
}
