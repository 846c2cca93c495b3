/**
 * Heartbeat bounds a scenario can wait for without knowing the server's timers: `within: idle-timeout`
 * and `within: dead-peer` resolve against the timers in force for the scenario — the ones the server
 * confirmed for the scenario's `heartbeat:` request at reset, else the contract's declared ones.
 */
import type { HeartbeatTimers } from '../protocol/hooks.js';
import type { ContractView } from './contract-view.js';

export const HEARTBEAT_BOUNDS = ['idle-timeout', 'dead-peer'] as const;
export type HeartbeatBound = (typeof HEARTBEAT_BOUNDS)[number];

/** Timers of a contract without `x-specwire.heartbeat` (DESIGN.md §3 conventions). */
const FALLBACK = { pingIntervalMs: 25_000, idleTimeoutMs: 60_000 };

export function declaredTimers(view: ContractView): Required<HeartbeatTimers> {
  return { ...FALLBACK, ...view.contract.specwire?.heartbeat };
}

/**
 * A silent connection is closed once `idleTimeoutMs` passes; a peer that stops answering protocol
 * pings is reaped at the second sweep after it stopped (at most two ping intervals). Slack: 1 s plus
 * 10 %, for a busy machine.
 */
export function heartbeatBoundMs(bound: HeartbeatBound, timers: Required<HeartbeatTimers>): number {
  const base = bound === 'idle-timeout' ? timers.idleTimeoutMs : 2 * timers.pingIntervalMs;
  return Math.ceil((base * 11) / 10) + 1000;
}
