/**
 * The test-hooks protocol between the conformance runner and a server under test (docs/hooks.md).
 * Like Pact's provider states: the runner asks the server to reset, to make domain events happen and,
 * optionally, to mint tokens. The reference server implements it behind `--hooks`.
 */

/** `POST <hooks>/reset` — forget all streams, state, seq counters and connections' subscriptions. Answer 204. */
export const RESET_PATH = '/reset';

/** `POST <hooks>/trigger` with a `TriggerRequest`; answer 200 with a `TriggerResponse`. */
export const TRIGGER_PATH = '/trigger';

/** `POST <hooks>/token` with `TokenRequest`; answer 200 `{ token }`. Optional: the runner can mint its own. */
export const TOKEN_PATH = '/token';

export interface TriggerRequest {
  /** Contract id (`taskforge`). */
  contract: string;
  /** The server event `type` to publish (`activity`, `media:new`, `phase.scoreboard`). */
  event: string;
  /** Stream the event belongs to: the value of the channel's stream key (`teamId`, `eventId`, ...). */
  stream: string;
  /** Which of the message's examples to start from, by name (default: the first). */
  example?: string;
  /** Fields deep-merged over the example before the server stamps `seq`, `ts` and the stream key. */
  payload?: Record<string, unknown>;
  /** Publish this many events in a row (a burst), default 1. */
  count?: number;
}

export interface PublishedEvent {
  stream: string;
  type: string;
  seq: number;
}

export interface TriggerResponse {
  published: PublishedEvent[];
}

export interface TokenRequest {
  contract: string;
  sub: string;
  teams?: string[];
  events?: string[];
  games?: string[];
  boards?: string[];
  roles?: string[];
  /** Seconds until expiry; negative for an already expired token. */
  expiresIn?: number;
}

export interface TokenResponse {
  token: string;
}
