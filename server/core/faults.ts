/**
 * The named faults of the mutant zoo (test/mutants/, docs/reliability.md): each one breaks one
 * promise of DESIGN.md on purpose, so that the conformance suite can prove it catches that bug.
 * Test-only: faults are switched on by the in-process option `faults` of `startReferenceServer`;
 * `specwire serve` has no flag for them. Where each fault is injected: `fault-injection.ts`.
 */

/** Fault name → what the broken server does instead of the contract. */
export const FAULTS = {
  // auth (the handshake's token check)
  'auth-skipped': 'any token, or none at all, is accepted',
  'expired-token-accepted': 'a correctly signed but expired token is accepted',
  'wrong-audience-accepted': "a token minted for another contract (wrong `aud`) is accepted",
  'alg-none-accepted': 'an unsigned token (`alg: none`) is accepted',
  // access (x-specwire-access)
  'subscribe-unauthorized': "subscribing to a stream the token does not grant (another team's room) is allowed",
  'address-stream-unauthorized': 'connecting to a stream URL the token does not grant is allowed',
  'polling-unauthorized': 'the polling endpoint serves streams the token does not grant',
  'unknown-stream-accepted': 'the state step is ignored: streams it did not create are accepted as if they existed (an unknown game, event or board)',
  'origin-unchecked': 'a page of any origin may open the WebSocket although the contract restricts origins (cross-site WebSocket hijacking)',
  // fan-out
  'cross-stream-leak': 'an event also reaches the subscribers of every other stream of the contract',
  'global-broadcast': 'an event reaches every open connection of the contract, subscribed or not',
  'unsubscribe-ignored': 'unsubscribe is acknowledged but events keep coming',
  'fanout-blocking': 'the fan-out awaits each send: one subscriber that stops reading holds up every other subscriber of the stream',
  'subscribe-twice-duplicates': 'subscribing twice to a stream on one connection delivers every later event of it twice',
  'presence-missing': 'no presence: taskforge never sends `presence.joined` / `presence.left` activity',
  // frames (schema, ts, type, version)
  'field-missing': 'events lack a required field',
  'field-wrong-type': 'a required field of events has the wrong JSON type',
  'ts-format': '`ts` is not RFC 3339 (Date#toUTCString)',
  'ts-future': '`ts` is an hour in the future',
  'unknown-event-type': 'events go out under a type the channel does not declare',
  'other-version-events': "events use another wire version's shape (flat and `{type, payload}` swapped)",
  'error-without-code': '`error` frames lack their machine `code`',
  'non-json-frame': '`pong` is sent as the plain text "pong"',
  // ordering and resume (seq)
  'events-swapped': 'the 2nd and 3rd event of each connection arrive in swapped order',
  'event-dropped': 'the 2nd event of each connection is never sent',
  'event-duplicated': 'the 2nd event of each connection is sent twice',
  'seq-gap': 'the 3rd seq of every stream is skipped',
  'resume-ignored': '`lastSeq` is ignored: a resuming client gets live events only',
  'resume-replays-duplicates': 'resume replays from `lastSeq` inclusive: the last event seen arrives again',
  'replay-buffer-unbounded': 'the replay buffer is never trimmed: a resume too old is replayed instead of `resync`',
  // heartbeat
  'no-pong': 'application `ping` is never answered',
  'dead-never-reaped': 'a socket that stops answering protocol pings is never terminated',
  'idle-never-reaped': 'a connection that sends nothing is never closed (no 4408 idle timeout)',
  // limits and robustness
  'malformed-frame-crash': 'a malformed client frame closes the connection (1011) instead of an `error` frame',
  'oversized-accepted': 'frames over `maxPayloadBytes` are read instead of closing with 1009',
  'rate-limit-missing': 'no rate limit: floods are never answered `rate_limited` nor closed 4429',
  'malformed-closes-early': 'the first malformed frame closes the connection with 4400, before `malformedFramesBeforeClose`',
  'rate-limit-closes-early': 'the first frame over `messagesPerSecond` closes with 4429 instead of a `rate_limited` error',
  'throttle-missing': 'throttled types (media:update) go out unthrottled, one frame per event',
  'batch-loses-last-item': 'a throttled batch (media:update at the end of its window) goes out without its last item',
  'connection-limit-missing': 'no per-IP connection limit (never HTTP 429)',
  'wrong-close-code': 'the connection closes with 1008 instead of the named 4xxx code',
  'version-negotiation-ignored': 'an unsupported wire version is accepted instead of closed 4406',
  // fallback and latency
  'poll-after-inclusive': 'the polling endpoint\'s `?after=<seq>` is inclusive: the page starts with seq `after` itself',
  'polling-stale': "the polling endpoint's state lags one event behind the WebSocket",
  'latency-over-slo': 'every frame is delivered 300 ms late',
  // Server-Sent Events
  'sse-last-event-id-ignored': 'the `Last-Event-ID` header of a reconnecting EventSource is ignored (only `?lastEventId=` resumes)',
  'sse-id-missing': 'SSE events go out without their `id:` line',
  'sse-event-name-wrong': 'SSE events are all named `message` instead of their `type`',
  'sse-no-heartbeat': 'no `: ping` comment is ever sent on an idle SSE stream',
  'sse-buffered': 'SSE output is held back until 16 KiB are pending (an unflushed buffer, as a buffering proxy would)',
  'hint-state-missing': "the state endpoint does not reflect hint events (phase-events: no `result` after `phase.game_over`), though its seq does",
  // several instances
  'relay-dropped': 'this instance does not relay events published by other instances over the backplane',
  'history-local-only': "this instance replays only from its own memory, not the backplane's durable history: a client resuming on an instance started after the events gets nothing",
  'connection-limit-per-instance': "the per-IP connection limit counts only this instance's connections: behind a balancer one IP gets the limit once per instance",
  'relay-gap-on-reconnect': 'after losing its backplane connection this instance neither catches up on what was published meanwhile nor tells its clients: their seq jumps silently',
} as const satisfies Record<string, string>;

export type FaultName = keyof typeof FAULTS;
export type FaultSet = ReadonlySet<FaultName>;

export const NO_FAULTS: FaultSet = new Set<FaultName>();

export function isFaultName(name: string): name is FaultName {
  return Object.hasOwn(FAULTS, name);
}
