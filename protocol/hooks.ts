/**
 * The test-hooks protocol between the conformance runner and a server under test (docs/hooks.md).
 * Like Pact's provider states: the runner asks the server to reset, to make the streams a scenario
 * uses exist (`/state`), to make domain events happen and, optionally, to mint tokens. The reference
 * server implements it behind `--hooks`.
 */

/**
 * `POST <hooks>/reset` with a `ResetRequest` — forget all streams, state, seq counters and connections'
 * subscriptions. Answer 204, or 200 with a `ResetResponse` when the request asked for test timers.
 */
export const RESET_PATH = '/reset';

/** Heartbeat timers a scenario asks for (shorter than the contract's, so reaping is testable in seconds). */
export interface HeartbeatTimers {
  /** Interval of the server's protocol pings (a socket that misses one pong is reaped), and of its SSE heartbeat comments. */
  pingIntervalMs?: number;
  /** A connection that sends no frame for this long is closed with 4408. */
  idleTimeoutMs?: number;
}

export interface ResetRequest {
  /** Contract id; a server implementing several may scope the reset to it. */
  contract?: string;
  /**
   * Optional: heartbeat timers for connections opened until the next reset (a reset without it
   * restores the server's own). A server that honours it answers 200 with the timers in force.
   */
  heartbeat?: HeartbeatTimers;
}

export interface ResetResponse {
  /** The timers in force after the reset, when the server applied `heartbeat`. */
  heartbeat?: Required<HeartbeatTimers>;
}

/**
 * `POST <hooks>/state` with a `StateRequest`, after the reset and before any client of the scenario
 * connects, once per stream the scenario uses: make the stream (game, team, event, board) and its
 * members exist. Answer 204 (any 2xx). A 404 means the server has no state step: the runner then
 * takes every stream to exist, and skips the scenarios that need a stream not to (unknown-stream
 * refusals). After a reset, a stream no state request named does not exist.
 */
export const STATE_PATH = '/state';

/** A member of a stream: a user the scenario's tokens name (`sub`), with their roles. */
export interface StateMember {
  sub: string;
  roles?: string[];
}

export interface StateRequest {
  /** Contract id (`phase-events`). */
  contract: string;
  /** The stream: a value of the channel's stream key (`gameId`, `teamId`, `eventId`, `boardId`, ...). */
  stream: string;
  /** Users who belong to it (players of the game, members of the team), possibly none. */
  members: StateMember[];
}

/** What `HooksDriver.state` resolves with: nothing when applied; `unsupported` when the server has no state step. */
export type StateOutcome = void | 'unsupported';

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

/**
 * What the runner needs to make domain events happen: the HTTP hooks client below, or a user's
 * driver module (`--driver ./driver.ts`, default export) that maps triggers to real REST calls.
 * Each method rejects with an Error whose message says what went wrong.
 */
export interface HooksDriver {
  /** Resolves with the server's `ResetResponse`, or nothing (204, or a driver without test timers). */
  reset(signal?: AbortSignal, request?: ResetRequest): Promise<ResetResponse | void>;
  trigger(request: TriggerRequest, signal?: AbortSignal): Promise<TriggerResponse>;
  /**
   * Optional: make a stream and its members exist (a provider state, `POST <hooks>/state`). Resolve
   * with nothing once done, or `'unsupported'`; a driver without it is taken to mean that every
   * stream exists.
   */
  state?(request: StateRequest, signal?: AbortSignal): Promise<StateOutcome>;
  /** Optional: tokens from the server instead of runner-minted ones. */
  token?(request: TokenRequest, signal?: AbortSignal): Promise<string>;
}

export interface HooksClientOptions {
  /** Deadline of each hook call in ms. Default 5000. */
  timeoutMs?: number;
  /** Also ask `POST <hooks>/token` for tokens. Default false (the runner mints them). */
  tokens?: boolean;
  /** `User-Agent` of the hook calls (the runner sends `specwire/<version> …`). Default: fetch's own. */
  userAgent?: string;
}

/** The HTTP client of the hooks protocol: `POST <base>/reset`, `/state`, `/trigger`, `/token`. */
export function createHooksClient(baseUrl: string, options: HooksClientOptions = {}): HooksDriver {
  const timeoutMs = options.timeoutMs ?? 5000;
  const base = baseUrl.replace(/\/+$/, '');
  const post = async (path: string, body: unknown, signal?: AbortSignal, accept: number[] = []): Promise<{ status: number; json: unknown }> => {
    const timeout = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
        body: JSON.stringify(body ?? {}),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      const e = err as Error;
      throw new Error(`POST ${base}${path}: ${e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause as Error | undefined)?.message ?? e.message}`);
    }
    const text = await res.text().catch(() => '');
    if (accept.includes(res.status)) return { status: res.status, json: undefined };
    if (res.status >= 300) throw new Error(`POST ${base}${path} answered ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Error(`POST ${base}${path} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, json };
  };
  const driver: HooksDriver = {
    async reset(signal, request) {
      const { json } = await post(RESET_PATH, request ?? {}, signal);
      const hb = (json as ResetResponse | undefined)?.heartbeat;
      return hb && typeof hb.idleTimeoutMs === 'number' && typeof hb.pingIntervalMs === 'number' ? { heartbeat: hb } : undefined;
    },
    async state(request, signal) {
      const { status } = await post(STATE_PATH, request, signal, [404]);
      return status === 404 ? 'unsupported' : undefined;
    },
    async trigger(request, signal) {
      const { json } = await post(TRIGGER_PATH, request, signal);
      const published = (json as TriggerResponse | undefined)?.published;
      if (!Array.isArray(published)) throw new Error(`POST ${base}${TRIGGER_PATH} answered without a "published" list`);
      return { published };
    },
  };
  if (options.tokens) {
    driver.token = async (request, signal) => {
      const { json } = await post(TOKEN_PATH, request, signal);
      const token = (json as TokenResponse | undefined)?.token;
      if (typeof token !== 'string') throw new Error(`POST ${base}${TOKEN_PATH} answered without a "token" string`);
      return token;
    };
  }
  return driver;
}
