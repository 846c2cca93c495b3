/** What a scenario run produces: failures with enough context to reproduce, and a frame timeline. */
import type { TimelineEntry } from './connection.js';
import type { StepKind } from './scenario/types.js';
import type { DerivedFrom, NotDerived } from './derive/suite.js';
import type { ReproduceTarget } from './reproduce.js';

export interface StepRef {
  index: number;
  kind: StepKind;
  line: number;
  column: number;
}

export interface Failure {
  /** Check id: an always-on frame check (`seq-order`) or a runner check (`expect`, `handshake`). */
  check: string;
  message: string;
  step?: StepRef;
  client?: string;
  /** The offending frame (preview). */
  frame?: string;
  schemaPath?: string;
  instancePath?: string;
}

export type ScenarioStatus = 'passed' | 'failed' | 'skipped';

export interface ScenarioResult {
  contract: string;
  name: string;
  file: string;
  tags: string[];
  status: ScenarioStatus;
  /**
   * Why a scenario was skipped although the run went on: it does not apply to this server (it needs
   * the state step the server lacks). Absent on scenarios skipped by the run deadline or `bail`.
   */
  skipReason?: string;
  durationMs: number;
  failures: Failure[];
  /** Failures beyond the per-check cap, counted but not listed. */
  suppressed: number;
  timeline: TimelineEntry[];
  /** Runs against several instances: the instance(s) each client used, in order (`{ alice: [0, 1] }`, shown `alice@0→1`). */
  instances?: Record<string, number[]>;
  /** A derived check (`--derive`): the channel, operation, message and schema path it rests on. */
  derivedFrom?: DerivedFrom;
  /** Flags that reproduce a derived case beside `--contract <file> --grep <name>` (`--derive --seed 7`). */
  reproduce?: string;
}

export interface RunResult {
  startedAt: string;
  durationMs: number;
  /** `url`/`http`: the first instance; `instances`: every one, when the deployment has several. */
  target: { url: string; http?: string; hooks?: string; reference: boolean; instances?: { url: string; http?: string }[] };
  scenarios: ScenarioResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Files the reporters wrote (json, junit, html). */
  reports?: string[];
  /**
   * The server under test stopped answering during the run (after a successful preflight): the
   * scenarios after `afterScenario` (1-based, in run order) were skipped. `message` is the sentence to show.
   */
  serverStopped?: { afterScenario: number; message: string };
  /** The run's target flags, for reproduce lines (conformance/reproduce.ts). */
  reproduce?: ReproduceTarget;
  /** Derived runs: what the documents did not allow to derive, and why. */
  notDerived?: (NotDerived & { contract: string })[];
}
