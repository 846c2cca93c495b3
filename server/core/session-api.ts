/** What a contract adapter may do with a connection: the core's session, seen from outside. */
import type { SpecwireClaims } from '../../protocol/claims.js';
import type { ErrorCode, Frame } from './frames.js';

export interface SessionApi {
  readonly id: number;
  readonly contract: string;
  readonly claims: SpecwireClaims;
  /** Path parameters of the upgrade URL (`{ eventId: 'ev-1' }`). */
  readonly params: Record<string, string>;
  /** The stream the connection joined at the upgrade (address-addressed channels only). */
  readonly stream: string | undefined;
  /** Scratch space for the adapter (topics, ...), dropped with the connection. */
  readonly data: Record<string, unknown>;
  /** Sends a frame after validating it against the channel's message of its `type`; an invalid frame is logged, not sent. */
  send(frame: Frame): void;
  /** Shapes (flat or envelope, per the schema) and sends a control frame of the channel's message `type`. */
  control(type: string, fields: Record<string, unknown>): void;
  error(code: ErrorCode, message: string, ref?: string): void;
  /** Replays the buffered events of `stream` after `lastSeq` that `accepts` lets through, or sends `resync`; returns how many were replayed. */
  resume(stream: string, lastSeq: number): number;
  /** Does `stream` exist (the test hooks' state step, or the adapter's own directory)? */
  streamExists(stream: string): boolean;
  /** Publishes an event of `type` built from its example with `overrides`, like a trigger. Resolves with its seq. */
  publish(type: string, stream: string, overrides: Record<string, unknown>): Promise<number>;
}
