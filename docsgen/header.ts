/** The do-not-edit mark of every docs file; `--check` and cleanup recognise our files by it. */
export const DOCS_MARK = 'by specwire docs — do not edit';

/** `generated from asyncapi/taskforge.yaml by specwire docs — do not edit` */
export function docsHeader(source: string): string {
  return `generated from ${source} ${DOCS_MARK}`;
}
