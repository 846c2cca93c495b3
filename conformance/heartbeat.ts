/**
 * Heartbeat bounds a scenario can wait for without knowing the server's timers: `within: idle-timeout`
 * and `within: dead-peer` resolve against the timers in force for the scenario — the ones the server
 * confirmed for the scenario's `heartbeat:` request at reset, else the contract's declared ones.
 */
import type { HeartbeatTimers } from '../protocol/hooks.js';
import type { ContractView } from './contract-view.js';

export const HEARTBEAT_BOUNDS = ['idle-timeout', 'dead-peer', 'sse-heartbeat'] as const;
export type HeartbeatBound = (typeof HEARTBEAT_BOUNDS)[number];

/** Timers of a contract without `x-specwire.heartbeat` (DESIGN.md §3 conventions). */
const FALLBACK = { pingIntervalMs: 25_000, idleTimeoutMs: 60_000 };

export function declaredTimers(view: ContractView): Required<HeartbeatTimers> {
  const declared = view.contract.specwire?.heartbeat;
  // Only the two timers: `protocolPings` is a promise, not a timer to ask of a server.
  return { pingIntervalMs: declared?.pingIntervalMs ?? FALLBACK.pingIntervalMs, idleTimeoutMs: declared?.idleTimeoutMs ?? FALLBACK.idleTimeoutMs };
}

/** The longest declared SSE comment interval of the contract's SSE channels (the bound must hold for any of them). */
export function declaredSseHeartbeatMs(view: ContractView): number | undefined {
  const intervals = view.contract.channels.map((c) => c.sse?.heartbeatIntervalMs).filter((n): n is number => typeof n === 'number');
  return intervals.length ? Math.max(...intervals) : undefined;
}

/**
 * A silent connection is closed once `idleTimeoutMs` passes; a peer that stops answering protocol
 * pings is reaped at the second sweep after it stopped (at most two ping intervals); an SSE stream
 * carries a comment at least every `sseHeartbeatMs` (the SSE channel's declared interval, or the
 * test `pingIntervalMs` the server confirmed). Slack: 1 s plus 10 %, for a busy machine.
 */
export function heartbeatBoundMs(bound: HeartbeatBound, timers: Required<HeartbeatTimers>, sseHeartbeatMs = timers.pingIntervalMs): number {
  const base = bound === 'idle-timeout' ? timers.idleTimeoutMs : bound === 'sse-heartbeat' ? sseHeartbeatMs : 2 * timers.pingIntervalMs;
  return Math.ceil((base * 11) / 10) + 1000;
}
