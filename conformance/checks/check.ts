/**
 * An always-on check: a small named function run on every frame a client receives (Schemathesis-style).
 * Checks only read; the connection state they look at is updated after all checks have run
 * (`conformance/connection-state.ts`). Adding one: a file here, a line in `registry.ts`, a test.
 */
import type { MessageModel } from '../../contract/model.js';
import type { ChannelView, ContractView } from '../contract-view.js';
import type { ConnectionState } from '../connection-state.js';

/** A frame as received, classified once before the checks run. */
export interface ReceivedFrame {
  /** Text of the frame (binary frames: a hex preview). */
  raw: string;
  binary: boolean;
  /** Parsed JSON, when the frame is JSON. */
  json?: unknown;
  /** Why `JSON.parse` failed. */
  parseError?: string;
  /** `type` discriminator, when the frame is an object with a string `type`. */
  type?: string;
  /** The contract message for `type` on this channel. */
  message?: MessageModel;
  /** Stream (room) id of an event frame, per the channel's `x-specwire-stream`. */
  stream?: string;
  /** `seq` of an event frame, when it has an integer one. */
  seq?: number;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

export interface CheckContext {
  contract: ContractView;
  channel: ChannelView;
  conn: ConnectionState;
  /** Clock, ms since epoch. */
  now: number;
  /** Tolerated clock difference for `ts` in the future. */
  clockSkewMs: number;
}

export interface CheckFinding {
  message: string;
  /** JSON Schema path of the failed keyword (`#/properties/activity/oneOf`). */
  schemaPath?: string;
  /** Where in the frame (`/activity/data/task/status`). */
  instancePath?: string;
}

export interface FrameCheck {
  id: string;
  /** One line, shown by `specwire test --list-checks`. */
  description: string;
  check(frame: ReceivedFrame, ctx: CheckContext): CheckFinding | undefined;
}

/**
 * Does the channel tell its server messages apart by a `type` const (every one of them has one)? Ours
 * do: `known-type` and `payload-schema` judge those frames; other documents get `declared-message`.
 */
export function discriminatesOnType(channel: ChannelView): boolean {
  return channel.serverMessages.length > 0 && channel.serverMessages.every((m) => m.type !== undefined);
}

/** An event frame: a known, non-control server message. Stream and seq checks only look at these. */
export function isEvent(frame: ReceivedFrame): boolean {
  return frame.message !== undefined && !frame.message.control;
}
