/** The server's logger: one line per event worth an operator's attention. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Server bugs and failures: an invalid outgoing frame, a handler that threw. */
  error(message: string): void;
}

/** Writes `specwire serve: <level> <message>` lines to stderr. */
export const stderrLogger: Logger = {
  info: (m) => process.stderr.write(`specwire serve: ${m}\n`),
  warn: (m) => process.stderr.write(`specwire serve: warning: ${m}\n`),
  error: (m) => process.stderr.write(`specwire serve: ERROR: ${m}\n`),
};

/** Swallows everything (tests that assert on behaviour, not logs). */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
