/** The reporters `--reporter` can name. */
import { consoleReporter } from './console.js';
import { githubReporter } from './github.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import type { Reporter, ReporterOptions } from './reporter.js';

export const REPORTERS: Readonly<Record<string, (options: ReporterOptions) => Reporter>> = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  html: htmlReporter,
  github: githubReporter,
};
