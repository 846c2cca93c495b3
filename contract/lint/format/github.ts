import type { Diagnostic } from '../../diagnostic.js';
import { checkoutPath, type LintOutput } from './output.js';

const COMMAND: Record<Diagnostic['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`, one per finding,
 * which the runner turns into annotations on the pull request's diff. Then a plain summary line.
 */
export function githubFormat(output: LintOutput): string {
  const lines = output.diagnostics.map((d) => {
    const props = [`file=${escapeProperty(checkoutPath(d.file, output.cwd))}`, `line=${d.line}`, `col=${d.column}`, `title=${escapeProperty(`specwire ${d.rule}`)}`];
    return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`;
  });
  const errors = output.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = output.diagnostics.filter((d) => d.severity === 'warning').length;
  lines.push(`specwire lint: ${output.files.length} file${output.files.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** The escapes of @actions/core's `issueCommand` for a message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** …and for a property value, where `:` and `,` delimit. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
