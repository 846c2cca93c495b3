/**
 * `specwire/protocol`: what a server team needs to make its server testable by specwire — the
 * test-hooks protocol (request and response types, paths, the HTTP client and the `HooksDriver`
 * interface a `--driver` module implements), the JWT claims the runner mints, and the close codes.
 * docs/hooks.md is the prose of the same protocol.
 */
export {
  RESET_PATH,
  STATE_PATH,
  TRIGGER_PATH,
  TOKEN_PATH,
  createHooksClient,
  type HeartbeatTimers,
  type ResetRequest,
  type ResetResponse,
  type StateRequest,
  type StateMember,
  type StateOutcome,
  type TriggerRequest,
  type TriggerResponse,
  type PublishedEvent,
  type TokenRequest,
  type TokenResponse,
  type HooksDriver,
  type HooksClientOptions,
} from './hooks.js';
export { DEFAULT_ISSUER, TOKEN_VARIANTS, mintToken, type SpecwireClaims, type UserClaims, type TokenVariant, type MintOptions } from './claims.js';
export { originOf, originProblem, originAllowed } from './origin.js';
export { CloseCode, closeCodeName, type CloseCodeName } from './close-codes.js';
