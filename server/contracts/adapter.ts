/**
 * What truly differs between contracts, behind one small interface. Everything else — auth, version
 * negotiation, subscribe/ack/resume, heartbeat, limits, throttling, hooks, metrics — is the shared
 * core, driven by the contract model.
 */
import type { Frame } from '../core/frames.js';
import type { Projection } from '../core/streams.js';
import type { Batcher } from '../core/throttle.js';
import type { SessionApi } from '../core/session-api.js';
import type { PollingEndpoint } from '../../contract/model.js';
import type { SpecwireClaims } from '../../protocol/claims.js';

export interface PollRequest {
  endpoint: PollingEndpoint;
  /** Path parameters of the polling endpoint (`{ teamId: 'team-a' }`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The stream the request is about, and its latest seq on this instance. */
  stream: string;
  seq: number;
  state: unknown;
}

export type PollResponse = { status: number; body: unknown };

export interface ContractAdapter<S = unknown> {
  /** Contract id (`info.x-specwire.id`). */
  readonly id: string;
  /** State the polling endpoint serves, built from the very events delivered. */
  readonly projection: Projection<S>;
  /** Answers a polling request (auth and access are checked by the core). */
  poll(request: PollRequest & { state: S }): PollResponse;
  /**
   * Sets the fields of a triggered event that must name its stream besides the top-level stream key
   * (nested ids such as `activity.teamId`). Called before validation.
   */
  stamp?(frame: Frame, stream: string): void;
  /** Merges frames of a throttled type into one batch (`limits.throttle`). */
  readonly batcher?: Batcher;
  /** First frame of an address-addressed connection (media-timeline's `connected`), before any replay. */
  hello?(session: SessionApi, info: { stream: string; seq: number; replaying: number; state: S }): Frame | undefined;
  /** Per-connection delivery filter (topics). Default: deliver everything of the subscribed stream. */
  accepts?(session: SessionApi, frame: Frame): boolean;
  /**
   * Client frames the core does not handle itself (the core handles `ping` and the stream's
   * subscribe/unsubscribe types). Return false to answer `unknown_type`.
   */
  onFrame?(session: SessionApi, type: string, frame: Frame): boolean | Promise<boolean>;
  /**
   * Does the stream a client subscribes to exist (`seq`: its latest seq here)? False answers the
   * subscribe with `not_found`. Default: every stream the access rule allows exists.
   */
  exists?(stream: string, seq: number): boolean;
  /**
   * Presence: the event announcing that a user's first connection subscribed to `stream` (`joined`)
   * or their last one left it (`left`; `connections` is theirs subscribed after the change). Built
   * from the example named `example` of the event `type`, `overrides` deep-merged. Undefined: none.
   */
  presence?(change: PresenceChange): { type: string; example?: string; overrides: Record<string, unknown> } | undefined;
  /** The stream a polling request is about, from the path parameters. Default: the parameter named like the stream key, else the first. */
  pollStream?(endpoint: PollingEndpoint, params: Record<string, string>): string | undefined;
}

export interface PresenceChange {
  stream: string;
  claims: SpecwireClaims;
  kind: 'joined' | 'left';
  connections: number;
}
