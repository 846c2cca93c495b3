// generated from asyncapi/leaderboard.yaml by specwire generate — do not edit
/**
 * Leaderboard live updates 1.2.0: the type of every frame, and the declarations of ./index.js.
 *
 * Live standings of the points/achievements game: rank changes, point updates, unlocked
 * achievements, who is online, admin broadcasts and maintenance notices. One WebSocket endpoint
 * (`/ws/leaderboard`) carries any number of boards; each board is one stream with its own `seq`.
 * Frames are flat JSON objects `{ type, boardId, ... }` with dot-separated types.
 */

/** Contract id (`info.x-specwire.id`, else the file name). */
export declare const CONTRACT_ID: "leaderboard";
/** Contract version (`info.version`). */
export declare const CONTRACT_VERSION: "1.2.0";

// ---- Messages: one type per frame ----

/**
 * `achievement.unlocked` — A player unlocked an achievement.
 *
 * Sent by the server to every subscriber of the board when one of its players unlocks an
 * achievement, so clients can show a toast and update the recent-achievements feed. Authority
 * `state`: the payload is the complete unlock. Points the achievement awards arrive as a separate
 * `points.updated` (reason `achievement`).
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface AchievementUnlockedMessage {
  type: "achievement.unlocked";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  player: Player;
  achievement: Achievement;
  /** @format date-time */
  unlockedAt: string;
}

/**
 * `admin.broadcast.accepted` — Acknowledges an admin broadcast to its sender.
 *
 * Sent by the server to the sender of an accepted `admin.broadcast.send`, before the broadcast is
 * fanned out. `broadcastId` is the id the `admin.broadcast` event will carry.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface AdminBroadcastAcceptedMessage {
  type: "admin.broadcast.accepted";
  boardId: BoardId;
  requestId?: string;
  /** @format uuid */
  broadcastId: string;
}

/**
 * `admin.broadcast` — A message from an admin to every player of the board.
 *
 * Sent by the server to every subscriber of the board after an admin's accepted
 * `admin.broadcast.send`. Authority `state`: show `broadcast` until `expiresAt` (or until the
 * player dismisses it); the standings endpoint lists the broadcasts still active.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface AdminBroadcastMessage {
  type: "admin.broadcast";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  broadcast: Broadcast;
}

/**
 * `admin.broadcast.send` — An admin asks for a message to be shown to every player of a board.
 *
 * Sent by an admin client (JWT `roles` contains `admin`). The server validates it, answers the
 * sender with `admin.broadcast.accepted` (echoing `requestId`) and then delivers the message as an
 * `admin.broadcast` event to every subscriber of the board. Non-admins get `error` code
 * `forbidden`; an unknown board gets `not_found`. Counts against `messagesPerSecond`.
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface AdminBroadcastSendMessage {
  type: "admin.broadcast.send";
  boardId: BoardId;
  /** Client correlation id echoed in the acknowledgement. */
  requestId?: string;
  message: string;
  severity?: BroadcastSeverity;
  /**
   * When clients should stop showing the message; omitted means it stays until dismissed.
   * @format date-time
   */
  expiresAt?: string;
}

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
 * `leaderboard.position_changed` — A player's rank on the board changed.
 *
 * Sent by the server when a player moves on the board, right after the `points.updated` that caused
 * it. Only the mover is reported: the entries between `rank` and `previousRank` shift by one place
 * (down when the mover climbed, up when it fell). `previousRank` is null when the player enters the
 * ranking. Ranks are unique (ties are broken by who reached the score first). Authority `state`:
 * apply the move and the implied shift; a client that shows a window of the board refetches the
 * standings when entries it does not hold shift into it.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface LeaderboardPositionChangedMessage {
  type: "leaderboard.position_changed";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  player: Player;
  rank: Rank;
  previousRank: Rank | null;
  points: Points;
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
 * `points.updated` — A player's point total changed.
 *
 * Sent by the server whenever a player's points on the board change (match result, achievement
 * reward, bonus, admin adjustment, season decay). Authority `state`: `points` is the new total;
 * `delta` is informational (for "+250" animations). A rank change caused by it follows as
 * `leaderboard.position_changed`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PointsUpdatedMessage {
  type: "points.updated";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  player: Player;
  points: Points;
  /** Change applied; negative for penalties and decay. */
  delta: number;
  reason: PointsReason;
  /** Id of what caused the change (match id, achievement id), when there is one. */
  sourceId?: string | null;
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
 * `presence.changed` — A player of the board came online or went offline.
 *
 * Sent by the server when a player's first connection subscribes to the board (`online`) or their
 * last one unsubscribes, closes or is reaped by the heartbeat (`offline`). Authority `state`: set
 * the player's online flag.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PresenceChangedMessage {
  type: "presence.changed";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  player: Player;
  status: PresenceStatus;
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
 * `subscribe` — Join a board's stream.
 *
 * Sent by the client for each board it shows, on connect and again after every reconnect. With
 * `lastSeq` (the last `seq` it saw on that board) the server replays the buffered events after it,
 * or answers `resync` when the gap is older than its buffer; without it only live events follow.
 * The server answers `subscribed`, or `error` with `ref: subscribe` (`forbidden` for a board the
 * user may not see). Subscribing twice is idempotent.
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface SubscribeMessage {
  type: "subscribe";
  boardId: BoardId;
  lastSeq?: LastSeq;
}

/**
 * `subscribed` — A board subscription is active.
 *
 * Sent by the server once per accepted `subscribe`, before any event of that board. `seq` is the
 * board stream's latest seq (0 if none yet). If the `subscribe` carried a `lastSeq` the server can
 * honour, `replaying` buffered events (seq `lastSeq + 1` to `seq`) follow at once; otherwise a
 * `resync` follows. Live events then continue from `seq + 1`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface SubscribedMessage {
  type: "subscribed";
  boardId: BoardId;
  seq: LastSeq;
  /** Number of buffered events replayed right after this frame (0 when none). */
  replaying?: number;
}

/**
 * `system.maintenance` — Maintenance was scheduled, started, completed or cancelled.
 *
 * Sent by the server (from operations tooling) into every board stream, so a client subscribed to
 * several boards receives one copy per board: deduplicate by `notice.id`. Authority `state`:
 * `notice` is the notice's complete current state. While `phase` is `started` and `readOnly` is
 * true, no points change; the server may close connections with 1001 (GoingAway): reconnect with
 * backoff and resubscribe with `lastSeq`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface SystemMaintenanceMessage {
  type: "system.maintenance";
  boardId: BoardId;
  seq: Seq;
  ts: Timestamp;
  notice: MaintenanceNotice;
}

/**
 * `unsubscribe` — Leave a board's stream.
 *
 * Sent by the client when it stops showing a board. The server answers `unsubscribed` and delivers
 * nothing more of that board; events already in flight may arrive before the `unsubscribed`. For a
 * board the connection is not subscribed to the answer is `error` code `not_subscribed`. If this
 * was the player's last connection on the board, the other subscribers receive `presence.changed`
 * (offline).
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface UnsubscribeMessage {
  type: "unsubscribe";
  boardId: BoardId;
}

/**
 * `unsubscribed` — A board subscription has ended.
 *
 * Sent by the server in answer to `unsubscribe`. Nothing more of the board follows on this
 * connection.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface UnsubscribedMessage {
  type: "unsubscribed";
  boardId: BoardId;
}

// ---- Schemas ----

/** An achievement definition. */
export interface Achievement {
  id: string;
  name: string;
  description: string;
  /** @format uri */
  iconUrl: string | null;
  /** Points the achievement awards. */
  points: number;
  rarity: AchievementRarity;
}

export type AchievementRarity = "common" | "rare" | "epic" | "legendary";

export interface AchievementUnlock {
  player: Player;
  achievement: Achievement;
  /** @format date-time */
  unlockedAt: string;
}

/**
 * Opaque board identifier (URL-safe); the stream key. Players must have it in the JWT `boards`
 * claim.
 */
export type BoardId = string;

/** A message an admin broadcast to a board. */
export interface Broadcast {
  /** @format uuid */
  id: string;
  from: Player;
  message: string;
  severity: BroadcastSeverity;
  /** @format date-time */
  sentAt: string;
  /** @format date-time */
  expiresAt: string | null;
}

/** How prominently clients show a broadcast (default `info`). */
export type BroadcastSeverity = "info" | "warning" | "critical";

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

/**
 * Last `seq` the client saw on this stream. The server replays what it still buffers after it, or
 * answers with a `resync` frame when the gap is older than its replay buffer.
 */
export type LastSeq = number;

/** Current state of a maintenance window. */
export interface MaintenanceNotice {
  /** @format uuid */
  id: string;
  phase: MaintenancePhase;
  /** @format date-time */
  startsAt: string;
  /**
   * Expected end, or null if unknown.
   * @format date-time
   */
  endsAt: string | null;
  /** Whether points and achievements are frozen during the window. */
  readOnly: boolean;
  message: string;
}

export type MaintenancePhase = "scheduled" | "started" | "completed" | "cancelled";

/** A player as shown on the board. */
export interface Player {
  /**
   * The player's user id (JWT `sub`).
   * @format uuid
   */
  id: string;
  displayName: string;
  /** @format uri */
  avatarUrl?: string | null;
}

/** A player's point total on the board. */
export type Points = number;

export type PointsReason = "match_result" | "achievement" | "bonus" | "admin_adjustment" | "decay";

export type PresenceStatus = "online" | "offline";

/** Place on the board, 1 = first. Unique per board. */
export type Rank = number;

/** Why the server cannot replay the gap a client asked for. */
export type ResyncReason = "gap_too_old" | "stream_reset";

/**
 * Per-stream sequence number. Starts at 1 for the first event of a stream and increases by exactly
 * one per event on that stream; a client that sees a gap has missed events.
 */
export type Seq = number;

export interface StandingEntry {
  rank: Rank;
  player: Player;
  points: Points;
  online: boolean;
}

/** Body of `GET /api/boards/{boardId}/standings`. */
export interface Standings {
  boardId: BoardId;
  seq: LastSeq;
  /** Number of ranked players on the board. */
  total: number;
  entries: StandingEntry[];
  /** Most recent unlocks, newest first. */
  recentAchievements: AchievementUnlock[];
  /** Admin broadcasts that have not expired. */
  broadcasts: Broadcast[];
  /** Maintenance notices in phase `scheduled` or `started`. */
  maintenance: MaintenanceNotice[];
}

/**
 * Server time the event was produced, RFC 3339 with a timezone.
 *
 * @format date-time
 */
export type Timestamp = string;

// ---- Unions and type lists ----

/** Every frame sent by the server; `switch (message.type)` narrows it. */
export type ServerMessage =
  | AchievementUnlockedMessage
  | AdminBroadcastAcceptedMessage
  | AdminBroadcastMessage
  | ErrorMessage
  | LeaderboardPositionChangedMessage
  | PointsUpdatedMessage
  | PongMessage
  | PresenceChangedMessage
  | ResyncMessage
  | SubscribedMessage
  | SystemMaintenanceMessage
  | UnsubscribedMessage;
/** The `type` of every frame sent by the server. */
export type ServerMessageType = "achievement.unlocked" | "admin.broadcast" | "admin.broadcast.accepted" | "error" | "leaderboard.position_changed" | "points.updated" | "pong" | "presence.changed" | "resync" | "subscribed" | "system.maintenance" | "unsubscribed";
/** Frame type by `type` value, for handler maps: `{ [K in ServerMessageType]: (m: ServerMessageMap[K]) => void }`. */
export interface ServerMessageMap {
  "achievement.unlocked": AchievementUnlockedMessage;
  "admin.broadcast": AdminBroadcastMessage;
  "admin.broadcast.accepted": AdminBroadcastAcceptedMessage;
  error: ErrorMessage;
  "leaderboard.position_changed": LeaderboardPositionChangedMessage;
  "points.updated": PointsUpdatedMessage;
  pong: PongMessage;
  "presence.changed": PresenceChangedMessage;
  resync: ResyncMessage;
  subscribed: SubscribedMessage;
  "system.maintenance": SystemMaintenanceMessage;
  unsubscribed: UnsubscribedMessage;
}
export declare const SERVER_MESSAGE_TYPES: readonly ["achievement.unlocked", "admin.broadcast", "admin.broadcast.accepted", "error", "leaderboard.position_changed", "points.updated", "pong", "presence.changed", "resync", "subscribed", "system.maintenance", "unsubscribed"];

/** Every frame sent by the client; `switch (message.type)` narrows it. */
export type ClientMessage =
  | AdminBroadcastSendMessage
  | PingMessage
  | SubscribeMessage
  | UnsubscribeMessage;
/** The `type` of every frame sent by the client. */
export type ClientMessageType = "admin.broadcast.send" | "ping" | "subscribe" | "unsubscribe";
/** Frame type by `type` value, for handler maps: `{ [K in ClientMessageType]: (m: ClientMessageMap[K]) => void }`. */
export interface ClientMessageMap {
  "admin.broadcast.send": AdminBroadcastSendMessage;
  ping: PingMessage;
  subscribe: SubscribeMessage;
  unsubscribe: UnsubscribeMessage;
}
export declare const CLIENT_MESSAGE_TYPES: readonly ["admin.broadcast.send", "ping", "subscribe", "unsubscribe"];

/** Every `type` of the contract, both directions. */
export type MessageType = ServerMessageType | ClientMessageType;
export declare const MESSAGE_TYPES: readonly ["achievement.unlocked", "admin.broadcast", "admin.broadcast.accepted", "admin.broadcast.send", "error", "leaderboard.position_changed", "ping", "points.updated", "pong", "presence.changed", "resync", "subscribe", "subscribed", "system.maintenance", "unsubscribe", "unsubscribed"];

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

/** True when `value` is a valid `achievement.unlocked` frame (full schema validation). */
export declare function isAchievementUnlockedMessage(value: unknown): value is AchievementUnlockedMessage;
/** True when `value` is a valid `admin.broadcast.accepted` frame (full schema validation). */
export declare function isAdminBroadcastAcceptedMessage(value: unknown): value is AdminBroadcastAcceptedMessage;
/** True when `value` is a valid `admin.broadcast` frame (full schema validation). */
export declare function isAdminBroadcastMessage(value: unknown): value is AdminBroadcastMessage;
/** True when `value` is a valid `admin.broadcast.send` frame (full schema validation). */
export declare function isAdminBroadcastSendMessage(value: unknown): value is AdminBroadcastSendMessage;
/** True when `value` is a valid `error` frame (full schema validation). */
export declare function isErrorMessage(value: unknown): value is ErrorMessage;
/** True when `value` is a valid `leaderboard.position_changed` frame (full schema validation). */
export declare function isLeaderboardPositionChangedMessage(value: unknown): value is LeaderboardPositionChangedMessage;
/** True when `value` is a valid `ping` frame (full schema validation). */
export declare function isPingMessage(value: unknown): value is PingMessage;
/** True when `value` is a valid `points.updated` frame (full schema validation). */
export declare function isPointsUpdatedMessage(value: unknown): value is PointsUpdatedMessage;
/** True when `value` is a valid `pong` frame (full schema validation). */
export declare function isPongMessage(value: unknown): value is PongMessage;
/** True when `value` is a valid `presence.changed` frame (full schema validation). */
export declare function isPresenceChangedMessage(value: unknown): value is PresenceChangedMessage;
/** True when `value` is a valid `resync` frame (full schema validation). */
export declare function isResyncMessage(value: unknown): value is ResyncMessage;
/** True when `value` is a valid `subscribe` frame (full schema validation). */
export declare function isSubscribeMessage(value: unknown): value is SubscribeMessage;
/** True when `value` is a valid `subscribed` frame (full schema validation). */
export declare function isSubscribedMessage(value: unknown): value is SubscribedMessage;
/** True when `value` is a valid `system.maintenance` frame (full schema validation). */
export declare function isSystemMaintenanceMessage(value: unknown): value is SystemMaintenanceMessage;
/** True when `value` is a valid `unsubscribe` frame (full schema validation). */
export declare function isUnsubscribeMessage(value: unknown): value is UnsubscribeMessage;
/** True when `value` is a valid `unsubscribed` frame (full schema validation). */
export declare function isUnsubscribedMessage(value: unknown): value is UnsubscribedMessage;
