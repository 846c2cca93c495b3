/**
 * `specwire/conformance`: the conformance suite for a team's own test runner.
 *
 * ```ts
 * import { runConformance } from 'specwire/conformance';
 * const run = await runConformance({ contract: 'taskforge', url: 'ws://127.0.0.1:8000', hooks: 'http://127.0.0.1:8000/__specwire', jwtSecret: 's3cret' });
 * expect(run.failed).toBe(0);
 * ```
 */
export { runConformance, ConformanceSetupError, ServerUnreachableError, type ConformanceOptions } from './run-conformance.js';
export type { PreflightProblem } from './preflight.js';
export type { RunResult, ScenarioResult, ScenarioStatus, Failure, StepRef } from './result.js';
export type { Reporter, ReporterOptions } from './reporters/reporter.js';
export type { TimelineEntry } from './connection.js';
export type { HooksDriver } from '../protocol/hooks.js';
