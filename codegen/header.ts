/** The first line of every generated file; `--check` and cleanup recognise our files by it. */
export const GENERATED_MARK = 'by specwire generate — do not edit';

/** `// generated from asyncapi/taskforge.yaml by specwire generate — do not edit` */
export function generatedHeader(source: string): string {
  return `// generated from ${source} ${GENERATED_MARK}`;
}
