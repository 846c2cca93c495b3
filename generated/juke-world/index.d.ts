// generated from asyncapi/juke-world.yaml by specwire generate — do not edit
/**
 * Juke world realtime updates 1.1.0: the type of every frame, and the declarations of ./index.js.
 *
 * Realtime updates of the Juke music social app: the shared world (venues, featured tracks, listed
 * live sessions), public user profiles, the lifecycle of live listening sessions and their playback
 * state. One WebSocket endpoint (`/ws/world?token=<JWT>`) carries any number of **streams**, each
 * with its own `seq`, named by a string stream id:
 */

/** Contract id (`info.x-specwire.id`, else the file name). */
export declare const CONTRACT_ID: "juke-world";
/** Contract version (`info.version`). */
export declare const CONTRACT_VERSION: "1.1.0";

// ---- Messages: one type per frame ----

/**
 * `error` — A frame the server could not accept, or a refused request.
 *
 * Sent instead of the expected answer when a client frame is malformed, unknown, invalid, too
 * large, unauthorized or rate limited. The connection stays open unless a close follows.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 */
export interface ErrorMessage {
  type: "error";
  code: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** The `type` (or correlation id) of the client frame this error answers, when known. */
  ref?: string;
}

/**
 * `ping` — Application heartbeat from the client.
 *
 * Browsers cannot send protocol pings, so clients send this frame at the contract's
 * `heartbeat.pingIntervalMs`. The server answers with `pong` and resets the idle timer.
 *
 * @direction client → server
 * @control a control frame (ack, error, heartbeat), not a stream event.
 */
export interface PingMessage {
  type: "ping";
  /** Optional correlation id echoed in the `pong`. */
  id?: string;
}

/**
 * `playback.state_changed` — The playback of a live session changed state, track, position or rate.
 *
 * Sent by the server on the session's stream on every playback transition the host (or the host's
 * player) makes. Transitions: `stopped → buffering → playing` (first play or a new track), `playing
 * → paused → playing`, `playing → buffering → playing` (the host's player stalls), any state `→
 * stopped` (the host stops or the queue ends), plus `playing → playing` for a seek, a rate change
 * or a track change without a stall. Authority is `state`: `playback` is the complete new playback
 * state, the client applies it as is; `previousState` only helps animate. While `state` is
 * `playing` the client derives the current position as `positionMs + (now - startedAt) * rate`,
 * correcting for the clock skew it measured with `ping`/`pong`; in every other state the position
 * is `positionMs`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PlaybackStateChangedMessage {
  type: "playback.state_changed";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  playback: PlaybackState;
  /** State before this transition (`stopped` for the session's first playback event). */
  previousState: PlaybackStatus;
}

/**
 * `pong` — Answer to an application ping.
 *
 * Sent once per `ping`, echoing its `id`. Carries server time so a client can estimate clock skew.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 */
export interface PongMessage {
  type: "pong";
  id?: string;
  ts: Timestamp;
}

/**
 * `profile.updated` — A user's public profile changed.
 *
 * Sent by the server on the `profile:<userId>` stream whenever the user edits their profile, starts
 * or stops playing something (`nowPlaying`), or gains or loses followers (follower counts are
 * coalesced to at most one event per 5 seconds per profile). Authority is `state`: `profile` is the
 * complete new public profile and replaces the client's copy; `changedFields` only says what to
 * highlight. A client that sees a gap resubscribes with `lastSeq` or reloads `GET
 * /api/users/{userId}/profile`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface ProfileUpdatedMessage {
  type: "profile.updated";
  stream: ProfileStreamId;
  seq: Seq;
  ts: Timestamp;
  profile: WorldProfile;
  /** Profile fields this change touched, for UI highlighting. */
  changedFields: ("displayName" | "avatarUrl" | "bio" | "nowPlaying" | "followersCount" | "followingCount")[];
}

/**
 * `resync` — The server cannot fill a gap; refetch state over HTTP.
 *
 * Answer to a resume (`lastSeq`) the server cannot honour from its replay buffer. The client must
 * fetch current state from the contract's polling endpoint, then continue from `seq`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 */
export interface ResyncMessage {
  type: "resync";
  /** Id of the stream that needs a resync. */
  stream: string;
  seq: LastSeq;
  reason: ResyncReason;
}

/**
 * `session.ended` — A live session ended, or a scheduled one was cancelled.
 *
 * Sent by the server on the session's stream when the host ends a live session, the server ends it
 * (host gone for 5 minutes) or the host cancels it before it started. It is the stream's last
 * event. Authority is `state`: `session` is the final session (status `ended` or `cancelled`,
 * `endedAt` set, `listenerCount` 0); playback is over without a separate `playback.state_changed`.
 * The client shows the end screen and may unsubscribe.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SessionEndedMessage {
  type: "session.ended";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  session: LiveSession;
  reason: SessionEndReason;
}

/**
 * `session.listener_joined` — A user joined a live session as a listener.
 *
 * Sent by the server on the session's stream when a user joins the session (a REST call of the app;
 * merely subscribing to the stream does not count). Authority is `state`: `listener` is the user to
 * add to the listener list and `listenerCount` the authoritative count after the change, which the
 * client displays as is (large sessions may not keep a full list).
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SessionListenerJoinedMessage {
  type: "session.listener_joined";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  sessionId: SessionId;
  listener: Listener;
  /** Listeners present after the join. */
  listenerCount: number;
}

/**
 * `session.listener_left` — A listener left a live session.
 *
 * Sent by the server on the session's stream when a listener leaves, loses their last connection
 * for longer than 30 seconds (`reason: disconnected`) or is removed by the host. Authority is
 * `state`: remove `userId` from the listener list and display `listenerCount` as is. When a session
 * ends no `session.listener_left` is sent per listener: `session.ended` implies that everyone left.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SessionListenerLeftMessage {
  type: "session.listener_left";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  sessionId: SessionId;
  userId: UserId;
  reason: ListenerLeftReason;
  /** Listeners present after the departure. */
  listenerCount: number;
}

/**
 * `session.scheduled` — A live session was scheduled or rescheduled.
 *
 * Sent by the server on the `session:<sessionId>` stream when the host creates a session (it is the
 * stream's first event, seq 1) and again whenever the host changes its title, venue or start time
 * before it starts. Authority is `state`: `session` is the complete session (status `scheduled`);
 * the client replaces its copy and updates countdowns from `scheduledStartAt`. Public sessions are
 * also listed on the `world` stream.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SessionScheduledMessage {
  type: "session.scheduled";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  session: LiveSession;
}

/**
 * `session.started` — A live session went live.
 *
 * Sent by the server on the session's stream when the host goes live. Authority is `state`:
 * `session` is the complete session (status `live`, `startedAt` set). Playback has not begun yet:
 * the first `playback.state_changed` follows when the host plays the first track. A client showing
 * a countdown switches to the live view.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SessionStartedMessage {
  type: "session.started";
  stream: SessionStreamId;
  seq: Seq;
  ts: Timestamp;
  session: LiveSession;
}

/**
 * `subscribe` — Join a stream (the world, a profile or a session).
 *
 * Sent by the client for each stream it wants events from, on connect and again after every
 * reconnect: `world` when the world map is shown, `profile:<userId>` for a profile on screen
 * (including the user's own), `session:<sessionId>` when opening a session page or joining as a
 * listener. With `lastSeq` (the last `seq` it saw on that stream) the server replays the buffered
 * events after it, or answers `resync` when the gap is older than its buffer. Without `lastSeq`
 * only live events follow; the client loads the stream's polling endpoint first if it needs the
 * current state. The server answers `subscribed`, or `error` with `ref: subscribe` (`not_found` for
 * an unknown user or session, `invalid_payload` for a malformed frame or stream id). Subscribing to
 * a session stream does not make the user a listener: joining and leaving a session are REST calls
 * of the app. Subscribing twice to one stream is idempotent (a new `subscribed`, and a replay if
 * `lastSeq` is given).
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface SubscribeMessage {
  type: "subscribe";
  stream: StreamId;
  lastSeq?: LastSeq;
}

/**
 * `subscribed` — A subscription is active.
 *
 * Sent by the server once per accepted `subscribe`, before any event of that stream. `seq` is the
 * stream's latest seq at that moment (0 for a stream without events yet). If the `subscribe`
 * carried a `lastSeq` the server can honour, `replaying` buffered events (seq `lastSeq + 1` to
 * `seq`) follow immediately; otherwise a `resync` follows. Live events then continue from `seq +
 * 1`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface SubscribedMessage {
  type: "subscribed";
  stream: StreamId;
  seq: LastSeq;
  /** Number of buffered events replayed right after this frame (0 when none). */
  replaying?: number;
}

/**
 * `unsubscribe` — Leave a stream.
 *
 * Sent by the client when it no longer shows a stream (the user left the session page or a profile
 * scrolled away). The server answers `unsubscribed` and delivers nothing more of that stream on
 * this connection; events already in flight may still arrive before the `unsubscribed`.
 * Unsubscribing from a stream the connection is not subscribed to gets `error` code
 * `not_subscribed`.
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface UnsubscribeMessage {
  type: "unsubscribe";
  stream: StreamId;
}

/**
 * `unsubscribed` — A subscription has ended.
 *
 * Sent by the server in answer to `unsubscribe`. Nothing more of the stream follows on this
 * connection. The client should forget its `lastSeq` for the stream unless it will resubscribe
 * soon.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface UnsubscribedMessage {
  type: "unsubscribed";
  stream: StreamId;
}

/**
 * `world.updated` — Something changed in the shared world.
 *
 * Sent by the server on the `world` stream when a venue opens, changes or closes, when the editors
 * change the featured tracks, or when a live session is listed (scheduled or started as public) or
 * unlisted (ended or cancelled). `change.kind` says which and fixes the shape of `change`.
 * Authority is `state`: `change` carries the complete new venue, the complete featured list or the
 * complete listed session (or the removed id), so the client applies it to its world model without
 * refetching. Events arrive in `seq` order; a client that sees a gap resubscribes with `lastSeq`,
 * or reads `GET /api/world/feed?after=<seq>`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export type WorldUpdatedMessage = WorldUpdatedFrame;

// ---- Schemas ----

/** Machine-readable reason of an `error` frame. Closed set; new codes are a minor version. */
export type ErrorCode =
  | "bad_frame"
  | "unknown_type"
  | "invalid_payload"
  | "payload_too_large"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "not_subscribed"
  | "rate_limited"
  | "internal";

/** The editors changed the featured tracks; `tracks` is the complete new list, in display order. */
export interface FeaturedTracksChanged {
  kind: "featured_tracks_changed";
  tracks: Track[];
}

/**
 * Last `seq` the client saw on this stream. The server replays what it still buffers after it, or
 * answers with a `resync` frame when the gap is older than its replay buffer.
 */
export type LastSeq = number;

/** A user present in a live session. */
export interface Listener {
  userId: UserId;
  displayName: string;
  /** @format uri */
  avatarUrl: string | null;
  /** @format date-time */
  joinedAt: string;
}

/**
 * `left`: the user left; `disconnected`: no connection for 30 s; `removed`: the host removed them.
 */
export type ListenerLeftReason = "left" | "disconnected" | "removed";

/**
 * A live listening session hosted by a user. Status moves `scheduled → live → ended`, or `scheduled
 * → cancelled`.
 */
export interface LiveSession {
  sessionId: SessionId;
  hostUserId: UserId;
  /**
   * Venue hosting the session, or null for an unlisted session.
   * @format uuid
   */
  venueId: string | null;
  title: string;
  status: SessionStatus;
  /** @format date-time */
  scheduledStartAt: string;
  /**
   * When it went live; null before.
   * @format date-time
   */
  startedAt: string | null;
  /**
   * When it ended or was cancelled; null before.
   * @format date-time
   */
  endedAt: string | null;
  listenerCount: number;
}

/**
 * Complete playback state of a live session. The position at time `t` is `positionMs + (t -
 * startedAt) * rate` while `state` is `playing`, else `positionMs`.
 */
export interface PlaybackState {
  sessionId: SessionId;
  /** The current track, or null when `state` is `stopped` with an empty queue. */
  trackId: TrackId | null;
  /** The current track's details (null exactly when `trackId` is null). */
  track: Track | null;
  state: PlaybackStatus;
  /** Track position at `startedAt`. */
  positionMs: number;
  /**
   * Server time this state began (and `positionMs` was measured).
   * @format date-time
   */
  startedAt: string;
  /** Playback speed multiplier (1 = normal); applies while `playing`. */
  rate: number;
}

/**
 * `playing`: the position advances at `rate`; `paused`: held by the host; `buffering`: the host's
 * player is loading (the position does not advance); `stopped`: nothing is playing.
 */
export type PlaybackStatus = "playing" | "paused" | "buffering" | "stopped";

/** Body of `GET /api/users/{userId}/profile`. */
export interface ProfileSnapshot {
  stream: ProfileStreamId;
  seq: LastSeq;
  profile: WorldProfile;
}

/** `profile:<userId>`: the stream of one user's public profile. */
export type ProfileStreamId = string;

/** Why the server cannot replay the gap a client asked for. */
export type ResyncReason = "gap_too_old" | "stream_reset";

/**
 * Per-stream sequence number. Starts at 1 for the first event of a stream and increases by exactly
 * one per event on that stream; a client that sees a gap has missed events.
 */
export type Seq = number;

export type SessionEndReason = "host_ended" | "host_timeout" | "cancelled";

/**
 * Live session identifier.
 *
 * @format uuid
 */
export type SessionId = string;

/** A public session was scheduled, rescheduled or started; `session` is its complete state. */
export interface SessionListed {
  kind: "session_listed";
  session: LiveSession;
}

/** Body of `GET /api/sessions/{sessionId}/state`. */
export interface SessionSnapshot {
  stream: SessionStreamId;
  seq: LastSeq;
  session: LiveSession;
  /**
   * Current playback (as in the latest `playback.state_changed`), or null before the first one and
   * after the session ended.
   */
  playback: PlaybackState | null;
  /**
   * Listeners present now, earliest first, at most 500 (`session.listenerCount` is the full count).
   */
  listeners: Listener[];
}

export type SessionStatus = "scheduled" | "live" | "ended" | "cancelled";

/** `session:<sessionId>`: the stream of one live session (lifecycle, listeners, playback). */
export type SessionStreamId = string;

/** A session ended or was cancelled and left the world's listings. */
export interface SessionUnlisted {
  kind: "session_unlisted";
  sessionId: SessionId;
}

/**
 * A stream of this endpoint: `world`, `profile:<userId>` or `session:<sessionId>` (lowercase
 * UUIDs). The unit of `seq`, ordering and resume.
 */
export type StreamId = string;

/**
 * Server time the event was produced, RFC 3339 with a timezone.
 *
 * @format date-time
 */
export type Timestamp = string;

/** A catalogue track, as shown in players, profiles and the featured list. */
export interface Track {
  trackId: TrackId;
  title: string;
  /** Display artist (several artists joined by the catalogue). */
  artist: string;
  /** Album title, or null for a single. */
  album: string | null;
  durationMs: number;
  /** @format uri */
  artworkUrl: string | null;
}

/** Catalogue track identifier (opaque). */
export type TrackId = string;

/**
 * User identifier (the JWT `sub` of that user).
 *
 * @format uuid
 */
export type UserId = string;

/** A place of the world where sessions are hosted. */
export interface Venue {
  /** @format uuid */
  venueId: string;
  name: string;
  description: string | null;
  /** @format uri */
  coverUrl: string | null;
  /** Most listeners one session in this venue may have. */
  capacity: number;
  /** False while the venue accepts no new sessions. */
  isOpen: boolean;
}

/** A venue closed for good and is gone from the world. */
export interface VenueRemoved {
  kind: "venue_removed";
  /** @format uuid */
  venueId: string;
}

/** A venue opened or changed; `venue` is its complete new state. */
export interface VenueUpserted {
  kind: "venue_upserted";
  venue: Venue;
}

/** One world-level change; `kind` fixes its shape. */
export type WorldChange = VenueUpserted | VenueRemoved | FeaturedTracksChanged | SessionListed | SessionUnlisted;

/** Body of `GET /api/world/feed`. */
export interface WorldFeedPage {
  stream: "world";
  seq: LastSeq;
  items: WorldUpdatedFrame[];
  /**
   * True when more changes after the last item exist than `limit` returned; fetch again with
   * `after` = last item's seq.
   */
  hasMore?: boolean;
}

/** A user's complete public profile. */
export interface WorldProfile {
  userId: UserId;
  displayName: string;
  /** @format uri */
  avatarUrl: string | null;
  bio: string | null;
  /** The track the user is listening to now (in a session or alone), or null. */
  nowPlaying: Track | null;
  followersCount: number;
  followingCount: number;
  /**
   * When the profile last changed.
   * @format date-time
   */
  updatedAt: string;
}

/** The `world.updated` frame. */
export interface WorldUpdatedFrame {
  type: "world.updated";
  /** The world stream. */
  stream: "world";
  seq: Seq;
  ts: Timestamp;
  change: WorldChange;
}

// ---- Unions and type lists ----

/** Every frame sent by the server; `switch (message.type)` narrows it. */
export type ServerMessage =
  | ErrorMessage
  | PlaybackStateChangedMessage
  | PongMessage
  | ProfileUpdatedMessage
  | ResyncMessage
  | SessionEndedMessage
  | SessionListenerJoinedMessage
  | SessionListenerLeftMessage
  | SessionScheduledMessage
  | SessionStartedMessage
  | SubscribedMessage
  | UnsubscribedMessage
  | WorldUpdatedMessage;
/** The `type` of every frame sent by the server. */
export type ServerMessageType = "error" | "playback.state_changed" | "pong" | "profile.updated" | "resync" | "session.ended" | "session.listener_joined" | "session.listener_left" | "session.scheduled" | "session.started" | "subscribed" | "unsubscribed" | "world.updated";
/** Frame type by `type` value, for handler maps: `{ [K in ServerMessageType]: (m: ServerMessageMap[K]) => void }`. */
export interface ServerMessageMap {
  error: ErrorMessage;
  "playback.state_changed": PlaybackStateChangedMessage;
  pong: PongMessage;
  "profile.updated": ProfileUpdatedMessage;
  resync: ResyncMessage;
  "session.ended": SessionEndedMessage;
  "session.listener_joined": SessionListenerJoinedMessage;
  "session.listener_left": SessionListenerLeftMessage;
  "session.scheduled": SessionScheduledMessage;
  "session.started": SessionStartedMessage;
  subscribed: SubscribedMessage;
  unsubscribed: UnsubscribedMessage;
  "world.updated": WorldUpdatedMessage;
}
export declare const SERVER_MESSAGE_TYPES: readonly ["error", "playback.state_changed", "pong", "profile.updated", "resync", "session.ended", "session.listener_joined", "session.listener_left", "session.scheduled", "session.started", "subscribed", "unsubscribed", "world.updated"];

/** Every frame sent by the client; `switch (message.type)` narrows it. */
export type ClientMessage =
  | PingMessage
  | SubscribeMessage
  | UnsubscribeMessage;
/** The `type` of every frame sent by the client. */
export type ClientMessageType = "ping" | "subscribe" | "unsubscribe";
/** Frame type by `type` value, for handler maps: `{ [K in ClientMessageType]: (m: ClientMessageMap[K]) => void }`. */
export interface ClientMessageMap {
  ping: PingMessage;
  subscribe: SubscribeMessage;
  unsubscribe: UnsubscribeMessage;
}
export declare const CLIENT_MESSAGE_TYPES: readonly ["ping", "subscribe", "unsubscribe"];

/** Every `type` of the contract, both directions. */
export type MessageType = ServerMessageType | ClientMessageType;
export declare const MESSAGE_TYPES: readonly ["error", "ping", "playback.state_changed", "pong", "profile.updated", "resync", "session.ended", "session.listener_joined", "session.listener_left", "session.scheduled", "session.started", "subscribe", "subscribed", "unsubscribe", "unsubscribed", "world.updated"];

// ---- Decoding, encoding, guards ----

/** What went wrong with a frame. Decoders return it as a value and never throw. */
export interface DecodeError {
  /**
   * `not-json`: the data does not parse; `not-object`: it is JSON but not an object;
   * `unknown-type`: `type` is missing, not a string, or not a message of this direction;
   * `invalid`: the frame breaks its message schema (see `path`, `expected`, `actual`).
   */
  kind: 'not-json' | 'not-object' | 'unknown-type' | 'invalid';
  /** One line for logs, e.g. `invalid "activity" frame at /activity/ts: expected format "date-time", got "yesterday"`. */
  message: string;
  /** The frame's `type`, when it has a string one. */
  type?: string;
  /** JSON Pointer of the offending value in the frame, e.g. `/activity/data/task/title` (`""` is the frame itself). */
  path?: string;
  /** Where in the message's JSON Schema the failed rule is. */
  schemaPath?: string;
  /** What the schema expects there, e.g. `string`, `format "uuid"`, `required property`. */
  expected?: string;
  /** What the frame has there, e.g. `42`, `"abc"`, `missing`. */
  actual?: string;
}

export type DecodeResult<T> = { ok: true; message: T } | { ok: false; error: DecodeError };
export type EncodeResult = { ok: true; data: string } | { ok: false; error: DecodeError };
/** A text frame as `ws`, browsers or a Node `Buffer` deliver it (UTF-8 bytes or a string). */
export type WireData = string | Uint8Array | ArrayBuffer;

/** Parses and validates one frame the server sends (what a client receives calls). Never throws. */
export declare function decodeServerMessage(data: WireData): DecodeResult<ServerMessage>;
/** Validates an already parsed frame the server sends. Never throws. */
export declare function validateServerMessage(value: unknown): DecodeResult<ServerMessage>;
/** Validates, then serializes, a frame the server sends; an invalid frame is an error value, not a throw. */
export declare function encodeServerMessage(message: ServerMessage): EncodeResult;
/** True when `value` is a valid frame the server sends. */
export declare function isServerMessage(value: unknown): value is ServerMessage;

/** Parses and validates one frame a client sends (what the server receives calls). Never throws. */
export declare function decodeClientMessage(data: WireData): DecodeResult<ClientMessage>;
/** Validates an already parsed frame a client sends. Never throws. */
export declare function validateClientMessage(value: unknown): DecodeResult<ClientMessage>;
/** Validates, then serializes, a frame a client sends; an invalid frame is an error value, not a throw. */
export declare function encodeClientMessage(message: ClientMessage): EncodeResult;
/** True when `value` is a valid frame a client sends. */
export declare function isClientMessage(value: unknown): value is ClientMessage;

/** True when `value` is a valid `error` frame (full schema validation). */
export declare function isErrorMessage(value: unknown): value is ErrorMessage;
/** True when `value` is a valid `ping` frame (full schema validation). */
export declare function isPingMessage(value: unknown): value is PingMessage;
/** True when `value` is a valid `playback.state_changed` frame (full schema validation). */
export declare function isPlaybackStateChangedMessage(value: unknown): value is PlaybackStateChangedMessage;
/** True when `value` is a valid `pong` frame (full schema validation). */
export declare function isPongMessage(value: unknown): value is PongMessage;
/** True when `value` is a valid `profile.updated` frame (full schema validation). */
export declare function isProfileUpdatedMessage(value: unknown): value is ProfileUpdatedMessage;
/** True when `value` is a valid `resync` frame (full schema validation). */
export declare function isResyncMessage(value: unknown): value is ResyncMessage;
/** True when `value` is a valid `session.ended` frame (full schema validation). */
export declare function isSessionEndedMessage(value: unknown): value is SessionEndedMessage;
/** True when `value` is a valid `session.listener_joined` frame (full schema validation). */
export declare function isSessionListenerJoinedMessage(value: unknown): value is SessionListenerJoinedMessage;
/** True when `value` is a valid `session.listener_left` frame (full schema validation). */
export declare function isSessionListenerLeftMessage(value: unknown): value is SessionListenerLeftMessage;
/** True when `value` is a valid `session.scheduled` frame (full schema validation). */
export declare function isSessionScheduledMessage(value: unknown): value is SessionScheduledMessage;
/** True when `value` is a valid `session.started` frame (full schema validation). */
export declare function isSessionStartedMessage(value: unknown): value is SessionStartedMessage;
/** True when `value` is a valid `subscribe` frame (full schema validation). */
export declare function isSubscribeMessage(value: unknown): value is SubscribeMessage;
/** True when `value` is a valid `subscribed` frame (full schema validation). */
export declare function isSubscribedMessage(value: unknown): value is SubscribedMessage;
/** True when `value` is a valid `unsubscribe` frame (full schema validation). */
export declare function isUnsubscribeMessage(value: unknown): value is UnsubscribeMessage;
/** True when `value` is a valid `unsubscribed` frame (full schema validation). */
export declare function isUnsubscribedMessage(value: unknown): value is UnsubscribedMessage;
/** True when `value` is a valid `world.updated` frame (full schema validation). */
export declare function isWorldUpdatedMessage(value: unknown): value is WorldUpdatedMessage;
