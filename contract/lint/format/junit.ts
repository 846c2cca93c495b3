import { esc } from '../../../conformance/reporters/junit.js';
import type { Diagnostic } from '../../diagnostic.js';
import { displayPath, type LintOutput } from './output.js';

/**
 * JUnit XML, as CI test reports read it: one testsuite per linted file, one testcase per finding
 * (named by rule and position) and one passing `lint` testcase for a file without findings. Errors
 * are failures; warnings and infos pass and carry their text in `system-out`, so a report is red
 * exactly when `specwire lint` exits non-zero for findings.
 */
export function junitFormat(output: LintOutput): string {
  const byFile = new Map<string, Diagnostic[]>(output.files.map((f) => [f, []]));
  for (const d of output.diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  let tests = 0;
  let failures = 0;
  const suites = [...byFile].map(([file, findings]) => {
    const name = displayPath(file, output.cwd);
    const cases = findings.length
      ? findings.map((d) => testcase(name, d))
      : [`    <testcase classname="${esc(name)}" name="lint" file="${esc(name)}" time="0"/>`];
    const failed = findings.filter((d) => d.severity === 'error').length;
    tests += cases.length;
    failures += failed;
    return `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="specwire lint" tests="${tests}" failures="${failures}" time="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

function testcase(file: string, d: Diagnostic): string {
  const open = `    <testcase classname="${esc(file)}" name="${esc(`${d.rule} at ${d.line}:${d.column}`)}" file="${esc(file)}" time="0"`;
  const text = `${file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${d.message}`;
  if (d.severity === 'error') return `${open}>\n      <failure type="${esc(d.rule)}" message="${esc(d.message)}">${esc(text)}</failure>\n    </testcase>`;
  return `${open}>\n      <system-out>${esc(text)}</system-out>\n    </testcase>`;
}
