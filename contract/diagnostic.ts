/** One finding about an input file: from the AsyncAPI parser, a lint rule, or a loader check. */
export interface Diagnostic {
  /** Absolute path of the file the finding is in. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  /** Rule id: ours (`message-type-const`) or the parser's (`invalid-ref`, `asyncapi-document-resolved`). */
  rule: string;
  message: string;
  /** JSON path in the document the finding is about, when known. */
  path?: (string | number)[];
}

export type Severity = 'error' | 'warning' | 'info';

export const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, line, column, rule. Output of lint and of tests depends on it. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
