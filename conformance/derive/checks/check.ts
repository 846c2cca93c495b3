/**
 * A derived check: a small named function that judges one observation of a derived case and returns
 * a finding, or undefined when the server did what the document states. Like the always-on frame
 * checks (`conformance/checks/`), they only read; the runner (`../run.ts`) observes. Adding one: a
 * file here, a line in `registry.ts`, a test, and a mutant that fails it (docs/reliability.md).
 */
import type { CheckFinding } from '../../checks/check.js';

export interface DerivedCheck<O> {
  id: string;
  /** One line, shown by `specwire test --list-checks`. */
  description: string;
  judge(observation: O): CheckFinding | undefined;
}

/** How a handshake ended, as the runner saw it (a close soon after opening included). */
export type Handshake =
  | { kind: 'open'; closedAfterMs?: number; code?: number }
  | { kind: 'http'; status: number }
  | { kind: 'closed'; code: number }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' };

export function describeHandshake(h: Handshake): string {
  switch (h.kind) {
    case 'open':
      return h.code === undefined ? 'an accepted upgrade' : `an accepted upgrade, closed ${h.code} after ${h.closedAfterMs} ms`;
    case 'http':
      return `HTTP ${h.status}`;
    case 'closed':
      return `close ${h.code}`;
    case 'error':
      return `a transport error (${h.message})`;
    case 'timeout':
      return 'no answer within the handshake deadline';
  }
}
