/** Every always-on check, in the order they run on a frame. Adding one: a file, a line here, a test. */
import { afterUnsubscribe } from './after-unsubscribe.js';
import type { CheckContext, CheckFinding, FrameCheck, ReceivedFrame } from './check.js';
import { declaredMessage } from './declared-message.js';
import { jsonFrame } from './json-frame.js';
import { knownType } from './known-type.js';
import { payloadSchema } from './payload-schema.js';
import { seqOrder } from './seq-order.js';
import { streamAuthorized } from './stream-authorized.js';
import { streamSubscribed } from './stream-subscribed.js';
import { tsSane } from './ts-sane.js';

export const FRAME_CHECKS: readonly FrameCheck[] = [jsonFrame, knownType, payloadSchema, declaredMessage, seqOrder, tsSane, streamSubscribed, streamAuthorized, afterUnsubscribe];

/**
 * Checks the runner itself reports outside the per-frame registry: step outcomes and transport
 * trouble. Listed so `--list-checks` and the docs name every id a failure can carry.
 */
export const RUNNER_CHECKS: Readonly<Record<string, string>> = {
  'frame-size': 'A received frame exceeded the runner\'s maximum frame size (contract maxPayloadBytes × 4, at least 1 MiB)',
  'frame-flood': 'A connection received more frames (10 000) or bytes (32 MiB) than the runner buffers for one scenario',
  handshake: 'The handshake ended as the step expected (accepted, or refused the way x-specwire.refusal names)',
  expect: 'A frame matching the pattern arrived within the bound',
  'expect-close': 'The server closed the connection with the expected code',
  'expect-none': 'No frame matching the pattern arrived during the window',
  transport: 'The WebSocket stayed well-formed at the protocol level (ws reported no protocol error)',
  send: 'The connection was open when the scenario sent a frame',
  'close-handshake': 'The server answered a clean close within the deadline',
  trigger: 'The hooks endpoint (or driver) accepted the trigger',
  reset: 'The hooks endpoint (or driver) reset the server',
  poll: 'The polling endpoint answered with the expected status and body',
  'poll-schema': "The polling response is valid against the contract's response schema",
  'poll-consistent': 'The polling endpoint lists the same events (by seq) the client received',
  'latency-slo': "Trigger-to-delivery latency percentiles of a measure step are within the contract's x-specwire.slo",
  'step-deadline': 'The step finished within its deadline',
  'scenario-deadline': 'The scenario finished within its deadline',
  runner: 'The runner itself did not fail (a bug in specwire, reported rather than crashing)',
};

/** Runs every always-on check on one frame; a check that throws is a finding, not a crash. */
export function checkFrame(frame: ReceivedFrame, ctx: CheckContext): { check: string; finding: CheckFinding }[] {
  const out: { check: string; finding: CheckFinding }[] = [];
  for (const check of FRAME_CHECKS) {
    let finding: CheckFinding | undefined;
    try {
      finding = check.check(frame, ctx);
    } catch (err) {
      finding = { message: `check crashed: ${(err as Error).message}` };
    }
    if (finding) out.push({ check: check.id, finding });
  }
  return out;
}
