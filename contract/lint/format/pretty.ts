import pc from 'picocolors';
import type { Diagnostic } from '../../diagnostic.js';
import { displayPath, type LintOutput } from './output.js';

/** `asyncapi/taskforge.yaml:12:7  error  example-valid  ...` — the format editors and CI annotate from. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const sev = d.severity === 'error' ? pc.red('error') : d.severity === 'warning' ? pc.yellow('warning') : pc.dim('info');
  return `${displayPath(d.file, cwd)}:${d.line}:${d.column}  ${sev}  ${pc.dim(d.rule)}  ${d.message}`;
}

export function prettyFormat(output: LintOutput): string {
  const lines = output.diagnostics.map((d) => formatDiagnostic(d, output.cwd));
  return `${[...lines, summary(output.diagnostics, output.files.length)].join('\n')}\n`;
}

function summary(diagnostics: Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const text = `${fileCount} file${fileCount === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return errors ? pc.red(text) : warnings ? pc.yellow(text) : pc.green(text);
}
