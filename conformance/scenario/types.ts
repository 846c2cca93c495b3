/**
 * The scenario model: what `conformance/scenario/load.ts` makes of a scenario YAML file
 * (docs/scenarios.md). Every step keeps the position it was written at, for failures and diagnostics.
 */
import type { TokenVariant, UserClaims } from '../../protocol/claims.js';
import type { HeartbeatTimers } from '../../protocol/hooks.js';
import type { SourcePosition } from '../../contract/model.js';
import type { HeartbeatBound } from '../heartbeat.js';

/** Tags a scenario may carry (`--tag`); the JSON Schema lists the same set. */
export const SCENARIO_TAGS = ['auth', 'authz', 'schema', 'ordering', 'reconnect', 'heartbeat', 'fanout', 'fallback', 'latency', 'robustness', 'sse', 'instances'] as const;
export type ScenarioTag = (typeof SCENARIO_TAGS)[number];

/** A test user, or a group of `count` identical users (`viewers` → `viewers#1` … `viewers#50`). */
export interface ClientSpec {
  user: UserClaims;
  /** Number of connections this name stands for; steps on the name act on all of them. Default 1. */
  count: number;
}

/** How a handshake is expected to end. */
export type ConnectExpectation =
  | { accept: true }
  | { refused: 'unauthenticated' | 'forbidden' | 'foreignOrigin' }
  /** Refused in any way (HTTP ≥ 400 before the upgrade, or a close after it): the document does not say how. */
  | { refused: 'any' }
  | { refused: { http: number } | { close: number } };

export interface ConnectStep {
  kind: 'connect';
  client: string;
  /** Channel id; default the contract's first (WebSocket) channel. */
  channel?: string;
  /** `sse`: the Server-Sent Events endpoint of the channel (or `channel` is itself an SSE channel). Default `websocket`. */
  transport?: 'websocket' | 'sse';
  /** Channel address parameters, e.g. `{ eventId: ev-1 }`. */
  params: Record<string, string>;
  /** Extra query parameters. */
  query: Record<string, string>;
  token: TokenVariant;
  /** Wire major version to negotiate (default: the contract's major); `null` offers none. */
  version?: number | null;
  /** Explicit subprotocols, overriding `version`. */
  subprotocols?: string[];
  headers: Record<string, string>;
  /** Answer the server's protocol pings (default true); `false` plays a dead peer. */
  pong: boolean;
  expect: ConnectExpectation;
  /** Instance of the deployment (index of its `--url`, modulo their number). Default: round-robin (`conformance/instances.ts`). */
  instance?: number;
}

export interface SendStep {
  kind: 'send';
  client: string;
  /** A JSON frame, checked against the contract unless `unchecked`. */
  message?: Record<string, unknown>;
  /** A raw text frame sent as is (malformed-frame tests). */
  raw?: string;
  /** Send a JSON frame bigger than the contract's `limits.maxPayloadBytes`. */
  oversized?: boolean;
  unchecked: boolean;
  /** Skip the send (and pass) when the server has closed the connection: the next expect judges the close. */
  ifOpen?: true;
  /** Send it this many times in a row, or the contract's `limits.<limit>` plus `plus` times. Default 1. */
  repeat: number | LimitCount;
}

/** A count read from the contract: `x-specwire.limits.<limit>` plus `plus` (default 0). */
export interface LimitCount {
  limit: string;
  plus: number;
}

/** A close the contract allows instead of the expected frame (`orClose:`). */
export interface CloseAllowance {
  codes: number[];
  /** Only when `x-specwire.limits.<limit>` is absent or at most `atMost`. */
  limit?: string;
  atMost?: number;
}

export interface ExpectStep {
  kind: 'expect';
  client: string;
  /** Partial pattern of the frame (docs/scenarios.md "Matching"). */
  message?: Record<string, unknown>;
  /** Expect the server to close the connection with one of these codes instead of a frame. */
  close?: number[];
  /** The frame, or a close the contract allows at this point. */
  orClose?: CloseAllowance;
  /** Over SSE: expect `count` comment lines (heartbeats) instead of frames. */
  comment?: true;
  /** How many matching frames (per connection). Default 1. */
  count: number;
  /** ms, or a bound derived from the heartbeat timers in force (`conformance/heartbeat.ts`). */
  within: number | HeartbeatBound;
}

export interface ExpectNoneStep {
  kind: 'expectNone';
  client: string;
  message?: Record<string, unknown>;
  for: number;
}

export interface TriggerStep {
  kind: 'trigger';
  event: string;
  stream: string;
  example?: string;
  payload?: Record<string, unknown>;
  count: number;
}

export interface DisconnectStep {
  kind: 'disconnect';
  client: string;
  /** Drop the TCP connection without a close frame. */
  abrupt: boolean;
}

export interface ReconnectStep {
  kind: 'reconnect';
  client: string;
  /** Resubscribe with the last `seq` seen per stream (default true). */
  resume: boolean;
  /** Instance to reconnect to (modulo their number). Default: the next one after the instance dropped. */
  instance?: number;
}

export interface PollStep {
  kind: 'poll';
  /** Whose token authorizes the request (none: anonymous). */
  client?: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  status: number;
  /** Partial pattern of the JSON body. */
  body?: Record<string, unknown>;
  /** The body must list exactly the events (by stream `seq`) this client received on the stream. */
  matchesEventsOf?: string;
  /** Top-level fields of a snapshot body that must deep-equal the same fields of the last event `matchesEventsOf` received on the stream. */
  lastEventFields?: string[];
  within: number;
  /** Instance whose HTTP base is polled (modulo their number). Default: round-robin, like a connect. */
  instance?: number;
}

/** Latency of triggered events to every member of `client`, compared with the contract's SLO. */
export interface MeasureStep {
  kind: 'measure';
  client: string;
  event: string;
  stream: string;
  example?: string;
  payload?: Record<string, unknown>;
  /** Pattern of the frame that marks delivery (default `{ type: <event> }`). */
  message?: Record<string, unknown>;
  /** Triggers, one after another. Default 20. */
  samples: number;
  /** Bound per sample. */
  within: number;
}

/** The clients (e.g. one per transport) received the very same events of `stream`: same seqs, identical frames. */
export interface SameEventsStep {
  kind: 'sameEvents';
  clients: string[];
  stream: string;
  /** Compare only the events matching this pattern (default: every event of the stream). */
  message?: Record<string, unknown>;
}

/** `pause`: the client stops reading its socket (a slow consumer; the server's frames pile up); `resume`: it reads again. */
export interface PauseStep {
  kind: 'pause' | 'resume';
  client: string;
}

export interface SleepStep {
  kind: 'sleep';
  ms: number;
}

export type StepBody = ConnectStep | SendStep | ExpectStep | ExpectNoneStep | TriggerStep | DisconnectStep | ReconnectStep | PollStep | MeasureStep | SleepStep | SameEventsStep | PauseStep;
export type StepKind = StepBody['kind'];
export type Step = StepBody & { index: number; at: SourcePosition };

export interface Scenario {
  file: string;
  /** Contract id: the scenario's folder name. */
  contract: string;
  name: string;
  description?: string;
  tags: string[];
  clients: Record<string, ClientSpec>;
  steps: Step[];
  /** Deadline of the whole scenario. */
  timeoutMs: number;
  /** Test timers asked of the server through the reset hook (docs/hooks.md). */
  heartbeat?: HeartbeatTimers;
  /**
   * The provider state, as written (`given:`): the streams that exist and the clients who are their
   * members. Absent: derived from the clients' claims and the triggered streams
   * (`conformance/provider-state.ts`). A scenario with `given:` needs the server's state step.
   */
  given?: GivenStream[];
  /**
   * `contract:` as written: JSON pointers into the contract document naming the clauses the scenario
   * enforces (`conformance/scenario/contract-refs.ts` says how they resolve). Required by `--check`.
   */
  contractRefs?: string[];
  at: SourcePosition;
}

/** One stream of a scenario's `given:` block. */
export interface GivenStream {
  stream: string;
  /** Client names (their users become the members). */
  members: string[];
}

/** Defaults shared by the loader and docs/scenarios.md. */
export const DEFAULTS = {
  expectWithinMs: 2000,
  pollWithinMs: 2000,
  scenarioTimeoutMs: 30_000,
} as const;
