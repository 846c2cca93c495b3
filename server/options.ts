/** Options of `startReferenceServer`, field by field, with their defaults. */
import type { Backplane } from './core/backplane.js';
import type { FaultSet } from './core/faults.js';
import type { Logger } from './core/log.js';

/** Overrides of a contract's declared `x-specwire.limits`, applied to every contract served. */
export interface LimitOverrides {
  /** Largest inbound frame in bytes; bigger ones close the connection with 1009. Default: the contract's, else 65536. */
  maxPayloadBytes?: number;
  /** Inbound frames per connection per second before `rate_limited`. Default: the contract's, else 20. Above the contract's `messagesPerSecondBeforeClose` (else twice the rate; twice an overridden rate) in one second closes with 4429. */
  messagesPerSecond?: number;
  /** Open connections per client IP (per contract); more are refused with HTTP 429 before the upgrade. Default: the contract's, else 50. */
  connectionsPerIp?: number;
  /** Events buffered per stream for resume. Default: the contract's, else 500. */
  replayBuffer?: number;
  /** Throttle window of the contract's throttled types in ms. Default: the contract's `throttle.windowMs`. */
  throttleWindowMs?: number;
  /** Bytes that may wait to be sent to one connection before it is closed with 4508 (a slow consumer). Default: the contract's `sendBufferBytes`, else 16 MiB. */
  sendBufferBytes?: number;
  /** Malformed frames tolerated (each answered with an `error`) before closing with 4400. Default: the contract's `malformedFramesBeforeClose`, else 10. */
  badFramesBeforeClose?: number;
}

/** Overrides of a contract's declared `x-specwire.heartbeat`. */
export interface HeartbeatOverrides {
  /** How often the server sends protocol pings; a socket that has not answered the previous one is terminated. Default: the contract's `pingIntervalMs`, else 25000. */
  pingIntervalMs?: number;
  /** A connection that sends no frame for this long is closed with 4408. Default: the contract's `idleTimeoutMs`, else 60000. */
  idleTimeoutMs?: number;
}

export interface ReferenceServerOptions {
  /** Contract ids to serve (`taskforge`, ...). Default: every contract found in `contractsDir`. */
  contracts?: string[];
  /** Folder of the AsyncAPI documents. Default: the package's `asyncapi/`. */
  contractsDir?: string;
  /** Folder of the generated code (`<id>/index.js` per contract, from `specwire generate --out`); a served contract without it stops the start-up. Default: the package's `generated/`. */
  generatedDir?: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** HS256 secret tokens are verified with (and the token hook signs with). Required. */
  jwtSecret: string;
  /** Required `iss` claim. Default `specwire`. */
  issuer?: string;
  /** Expose the test hooks (`/reset`, `/trigger`, `/token`) under `hooksPrefix`. Default false: they answer 404. */
  hooks?: boolean;
  /** Path prefix of the test hooks. Default `/__specwire`. */
  hooksPrefix?: string;
  /**
   * Origins whose pages may use every contract served, besides the server's own (docs/conventions.md
   * "Origins"): a WebSocket handshake with another `Origin` is refused as the contract's
   * `refusal.foreignOrigin` says (default HTTP 403), and the polling and Server-Sent Events endpoints
   * answer only these origins with CORS headers (`access-control-allow-origin`, preflights), so other
   * origins' browsers withhold the answers. `['*']` allows every origin. Default: each contract's
   * `x-specwire.allowedOrigins`; a contract without it accepts any origin.
   */
  allowedOrigins?: string[];
  /** Limit overrides for every contract (tests; load tests with many clients from one IP). Default: none. */
  limits?: LimitOverrides;
  /** Heartbeat overrides for every contract (tests need short idle timeouts). Default: none. */
  heartbeat?: HeartbeatOverrides;
  /** Where events travel and `seq` is assigned. Default: Redis when `redisUrl` is set, else a new in-memory backplane. */
  backplane?: Backplane;
  /** Redis backplane for several instances (`redis://host:6379`): the server connects at start (failing clearly when it cannot) and closes it on `close()`. Ignored when `backplane` is given. Default: none. */
  redisUrl?: string;
  /** Prefix of the Redis keys and channel; instances that serve together share it. Default `specwire:`. */
  redisKeyPrefix?: string;
  /** Outgoing frames at least this large are compressed (permessage-deflate, when the client offers it); 0 disables compression. Default 4096. */
  compressionThresholdBytes?: number;
  /**
   * Announce presence where a contract has it (taskforge's `presence.joined` / `presence.left`
   * activity: a user's first connection subscribing to a team, their last one leaving). Counted per
   * instance: with several instances a user on two of them is announced by each. Default true; tests
   * of seq mechanics that want only their own events switch it off.
   */
  presence?: boolean;
  /** How long `close()` waits for clients to acknowledge the 1001 close before terminating them. Default 2000. */
  shutdownGraceMs?: number;
  /**
   * Bearer token that lets a caller of `/metrics` and `/metrics.json` see series labelled by stream
   * (stream ids can name customers). With `hooks` on (test mode) everyone sees them; otherwise, without
   * this token, nobody does: only per-contract totals. Default: none.
   */
  metricsToken?: string;
  /** Log sink. Default: lines on stderr. */
  logger?: Logger;
  /**
   * Test only: named faults to break the server on purpose (the mutant zoo, `test/mutants/`,
   * `server/core/faults.ts`). In-process only: `specwire serve` has no way to set it. Default: none.
   */
  faults?: FaultSet;
}
