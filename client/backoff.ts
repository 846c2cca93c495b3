/**
 * When to try the next connection: capped exponential backoff with jitter, and a budget of attempts
 * per rolling minute so that a server that is down never sees a reconnect storm.
 */

export interface BackoffOptions {
  /** First delay in ms. Default 500. */
  initialMs?: number;
  /** Largest delay in ms. Default 30 000. */
  maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  factor?: number;
  /** Connection attempts allowed per rolling 60 s window. Default 12. */
  maxAttemptsPerMinute?: number;
  /** Random source in [0, 1), for tests. Default `Math.random`. */
  random?: () => number;
}

export const WINDOW_MS = 60_000;

export class Backoff {
  private failures = 0;
  private readonly attempts: number[] = [];
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly perMinute: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 500;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.perMinute = options.maxAttemptsPerMinute ?? 12;
    this.random = options.random ?? Math.random;
    if (!(this.initialMs > 0) || !(this.maxMs >= this.initialMs) || !(this.factor >= 1) || !(this.perMinute >= 1)) {
      throw new Error('backoff: need initialMs > 0, maxMs >= initialMs, factor >= 1, maxAttemptsPerMinute >= 1');
    }
  }

  /** Consecutive failures so far. */
  get failureCount(): number {
    return this.failures;
  }

  /**
   * Delay before the next attempt at time `now`: half the capped exponential plus a random half
   * (so clients that dropped together spread out), and never sooner than the per-minute budget allows.
   */
  nextDelay(now: number): number {
    const exp = Math.min(this.maxMs, this.initialMs * this.factor ** this.failures);
    const jittered = exp / 2 + (exp / 2) * this.random();
    while (this.attempts.length && this.attempts[0]! <= now - WINDOW_MS) this.attempts.shift();
    const budgetWait = this.attempts.length >= this.perMinute ? this.attempts[this.attempts.length - this.perMinute]! + WINDOW_MS - now : 0;
    return Math.max(jittered, budgetWait);
  }

  /** Records an attempt starting at `now` (counts against the per-minute budget). */
  attempt(now: number): void {
    this.attempts.push(now);
  }

  failed(): void {
    this.failures++;
  }

  /** A connection proved healthy: the next failure starts from `initialMs` again. */
  succeeded(): void {
    this.failures = 0;
  }
}
