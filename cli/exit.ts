/** Exit codes of every specwire command (DEVELOPERS.md): one place, imported everywhere. */
export const EXIT = {
  ok: 0,
  /** Contract, lint or conformance check failures. */
  failures: 1,
  /** Usage, configuration or input errors (unreadable or unparseable files). */
  usage: 2,
} as const;

/** Bad flags or config found after commander's own parsing; printed without a stack trace, exit 2. */
export class UsageError extends Error {}
