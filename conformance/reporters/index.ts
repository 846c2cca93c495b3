/** The reporters `--reporter` can name. */
import { consoleReporter } from './console.ts';
import { htmlReporter } from './html.ts';
import { jsonReporter } from './json.ts';
import { junitReporter } from './junit.ts';
import type { Reporter, ReporterOptions } from './reporter.ts';

export const REPORTERS: Readonly<Record<string, (options: ReporterOptions) => Reporter>> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
};
