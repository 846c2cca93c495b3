import { displayPath, type LintOutput } from './output.js';

/** One JSON object: the files, each finding with its position and document path, the exit code. */
export function jsonFormat(output: LintOutput): string {
  const out = {
    files: output.files.map((f) => displayPath(f, output.cwd)),
    diagnostics: output.diagnostics.map((d) => ({ file: displayPath(d.file, output.cwd), line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message, path: d.path })),
    exitCode: output.exitCode,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
