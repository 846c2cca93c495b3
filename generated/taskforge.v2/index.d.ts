// generated from asyncapi/taskforge.v2.yaml by specwire generate — do not edit
/**
 * Taskforge realtime activity 2.1.0: the type of every frame, and the declarations of ./index.js.
 *
 * **Wire version 2** (subprotocol `taskforge.v2`). It differs from version 1 in one activity:
 * `task.assigned` carries `data.assignment { previousUserId, userId }` instead of
 * `data.previousAssigneeUserId`, so the old and the new assignee travel together. During the
 * migration the server speaks both majors on `/realtime` and picks one per connection from the
 * offered subprotocol (`taskforge.v1` or `taskforge.v2`; none offered means version 1); the
 * `specwire diff` of version 1 → 2 is in `docs/versioning.md`.
 */

/** Contract id (`info.x-specwire.id`, else the file name). */
export declare const CONTRACT_ID: "taskforge.v2";
/** Contract version (`info.version`). */
export declare const CONTRACT_VERSION: "2.1.0";

// ---- Messages: one type per frame ----

/**
 * `activity` — Something happened in a team.
 *
 * Sent by the server to every connection subscribed to the team when a task or comment is created,
 * changed or deleted, or a member joins or leaves the team view. `activity.type` says what happened
 * and fixes the shape of `activity.data`. Authority is `state`: `data` carries the complete new
 * task or comment (or the deleted id), so the client applies it to its local copy without
 * refetching. Frames of one team arrive in `seq` order; a client that sees a gap resubscribes with
 * `lastSeq`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export type ActivityMessage = ActivityFrame;

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
 * `subscribe` — Join a team's activity stream.
 *
 * Sent by the client for each team it wants activity from, on connect and again after every
 * reconnect. With `lastSeq` (the last `seq` it saw for that team) the server replays the buffered
 * activity after it, or answers `resync` when the gap is older than its buffer. Without `lastSeq`
 * only live activity follows. The server answers `subscribed`, or `error` with `ref: subscribe`
 * (`forbidden` for a team the user is not a member of, `invalid_payload` for a malformed frame).
 * Subscribing twice to one team is idempotent (a new `subscribed`, and a replay if `lastSeq` is
 * given).
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface SubscribeMessage {
  type: "subscribe";
  teamId: TeamId;
  lastSeq?: LastSeq;
}

/**
 * `subscribed` — A subscription is active.
 *
 * Sent by the server once per accepted `subscribe`, before any activity of that team. `seq` is the
 * team stream's latest seq at that moment (0 for a team without activity yet). If the `subscribe`
 * carried a `lastSeq` the server can honour, `replaying` buffered `activity` frames (seq `lastSeq +
 * 1` to `seq`) follow immediately; otherwise a `resync` follows. Live activity then continues from
 * `seq + 1`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface SubscribedMessage {
  type: "subscribed";
  teamId: TeamId;
  seq?: LastSeq;
  /** Number of buffered `activity` frames replayed right after this frame (0 when none). */
  replaying?: number;
}

/**
 * `unsubscribe` — Leave a team's activity stream.
 *
 * Sent by the client when it no longer shows a team (e.g. the user navigated away). The server
 * answers `unsubscribed` and delivers nothing more of that team on this connection; activity
 * already in flight may still arrive before the `unsubscribed`. Unsubscribing from a team the
 * connection is not subscribed to gets `error` code `not_subscribed`.
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface UnsubscribeMessage {
  type: "unsubscribe";
  teamId: TeamId;
}

/**
 * `unsubscribed` — A subscription has ended.
 *
 * Sent by the server in answer to `unsubscribe`. Nothing more of the team follows on this
 * connection. The client should forget its `lastSeq` for the team only if it will not resubscribe
 * soon.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface UnsubscribedMessage {
  type: "unsubscribed";
  teamId: TeamId;
}

// ---- Schemas ----

/**
 * One team activity: `type`, `teamId`, `actorUserId` (who did it), `ts` (when it happened in the
 * app, which may precede the frame's `ts`) and a `data` object whose shape `type` fixes.
 */
export type Activity =
  | TaskCreatedActivity
  | TaskUpdatedActivity
  | TaskDeletedActivity
  | TaskAssignedActivity
  | CommentCreatedActivity
  | CommentDeletedActivity
  | PresenceJoinedActivity
  | PresenceLeftActivity;

/** The `activity` frame; `activity.teamId` always equals the frame's `teamId`. */
export interface ActivityFrame {
  type: "activity";
  teamId: TeamId;
  seq: Seq;
  ts: Timestamp;
  activity: Activity;
}

/** Body of `GET /api/v2/teams/{teamId}/activity`. */
export interface ActivityPage {
  teamId: TeamId;
  seq: LastSeq;
  items: ActivityFrame[];
  /**
   * True when more activity after the last item exists than `limit` returned; fetch again with
   * `after` = last item's seq.
   */
  hasMore?: boolean;
}

/**
 * Who had the task before the change and who has it now (`userId` equals `task.assigneeUserId`);
 * either is null for an unassigned task.
 */
export interface Assignment {
  previousUserId: UserId | null;
  userId: UserId | null;
}

/** Complete state of a comment on a task. */
export interface Comment {
  /** @format uuid */
  id: string;
  /** @format uuid */
  taskId: string;
  authorUserId: UserId;
  /** Markdown text. */
  body: string;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  editedAt: string | null;
}

/** A comment was added to a task. */
export interface CommentCreatedActivity {
  type: "comment.created";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: CommentCreatedData;
}

export interface CommentCreatedData {
  comment: Comment;
}

/** A comment was deleted. */
export interface CommentDeletedActivity {
  type: "comment.deleted";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: CommentDeletedData;
}

export interface CommentDeletedData {
  /** @format uuid */
  commentId: string;
  /** @format uuid */
  taskId: string;
}

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

/** Data of presence.joined and presence.left. */
export interface PresenceData {
  user: PresenceUser;
  /** The user's connections subscribed to the team after the change (0 on presence.left). */
  connections: number;
}

/**
 * A member opened the team view (their first connection subscribed to the team). `actorUserId`
 * equals `data.user.userId`.
 */
export interface PresenceJoinedActivity {
  type: "presence.joined";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: PresenceData;
}

/**
 * A member left the team view (their last subscribed connection unsubscribed, closed or was reaped
 * by the heartbeat). `actorUserId` equals `data.user.userId`.
 */
export interface PresenceLeftActivity {
  type: "presence.left";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: PresenceData;
}

/** Who joined or left the team view. */
export interface PresenceUser {
  userId: UserId;
  displayName: string;
  /** @format uri */
  avatarUrl?: string | null;
}

/** Why the server cannot replay the gap a client asked for. */
export type ResyncReason = "gap_too_old" | "stream_reset";

/**
 * Per-stream sequence number. Starts at 1 for the first event of a stream and increases by exactly
 * one per event on that stream; a client that sees a gap has missed events.
 */
export type Seq = number;

/** Complete state of a task after the change. */
export interface Task {
  /** @format uuid */
  id: string;
  teamId: TeamId;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: TaskPriority;
  /** Assigned user, or null when unassigned. */
  assigneeUserId: UserId | null;
  creatorUserId: UserId;
  /**
   * Calendar due date (no time), or null.
   * @format date
   */
  dueDate: string | null;
  labels: string[];
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
}

/** A task was assigned, reassigned or unassigned; `data.task` is the complete new state. */
export interface TaskAssignedActivity {
  type: "task.assigned";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: TaskAssignedData;
}

export interface TaskAssignedData {
  task: Task;
  assignment: Assignment;
}

/** A task was created; `data.task` is the new task. */
export interface TaskCreatedActivity {
  type: "task.created";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: TaskCreatedData;
}

export interface TaskCreatedData {
  task: Task;
}

/** A task was deleted, with its comments. */
export interface TaskDeletedActivity {
  type: "task.deleted";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: TaskDeletedData;
}

export interface TaskDeletedData {
  /** @format uuid */
  taskId: string;
}

export type TaskPriority = "low" | "medium" | "high" | "urgent";

export type TaskStatus = "todo" | "in_progress" | "in_review" | "done" | "archived";

/**
 * Task fields changed (not the assignee, see task.assigned); `data.task` is the complete new state.
 */
export interface TaskUpdatedActivity {
  type: "task.updated";
  teamId: TeamId;
  actorUserId: UserId;
  ts: Timestamp;
  data: TaskUpdatedData;
}

export interface TaskUpdatedData {
  task: Task;
  /** Names of the task fields this change touched, for UI highlighting. */
  changedFields: ("title" | "description" | "status" | "priority" | "dueDate" | "labels")[];
}

/** Opaque team identifier; the stream key. Must appear in the JWT `teams` claim to subscribe. */
export type TeamId = string;

/**
 * Server time the event was produced, RFC 3339 with a timezone.
 *
 * @format date-time
 */
export type Timestamp = string;

/**
 * User identifier (the JWT `sub` of that user).
 *
 * @format uuid
 */
export type UserId = string;

// ---- Unions and type lists ----

/** Every frame sent by the server; `switch (message.type)` narrows it. */
export type ServerMessage =
  | ActivityMessage
  | ErrorMessage
  | PongMessage
  | ResyncMessage
  | SubscribedMessage
  | UnsubscribedMessage;
/** The `type` of every frame sent by the server. */
export type ServerMessageType = "activity" | "error" | "pong" | "resync" | "subscribed" | "unsubscribed";
/** Frame type by `type` value, for handler maps: `{ [K in ServerMessageType]: (m: ServerMessageMap[K]) => void }`. */
export interface ServerMessageMap {
  activity: ActivityMessage;
  error: ErrorMessage;
  pong: PongMessage;
  resync: ResyncMessage;
  subscribed: SubscribedMessage;
  unsubscribed: UnsubscribedMessage;
}
export declare const SERVER_MESSAGE_TYPES: readonly ["activity", "error", "pong", "resync", "subscribed", "unsubscribed"];

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
export declare const MESSAGE_TYPES: readonly ["activity", "error", "ping", "pong", "resync", "subscribe", "subscribed", "unsubscribe", "unsubscribed"];

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

/** True when `value` is a valid `activity` frame (full schema validation). */
export declare function isActivityMessage(value: unknown): value is ActivityMessage;
/** True when `value` is a valid `error` frame (full schema validation). */
export declare function isErrorMessage(value: unknown): value is ErrorMessage;
/** True when `value` is a valid `ping` frame (full schema validation). */
export declare function isPingMessage(value: unknown): value is PingMessage;
/** True when `value` is a valid `pong` frame (full schema validation). */
export declare function isPongMessage(value: unknown): value is PongMessage;
/** True when `value` is a valid `resync` frame (full schema validation). */
export declare function isResyncMessage(value: unknown): value is ResyncMessage;
/** True when `value` is a valid `subscribe` frame (full schema validation). */
export declare function isSubscribeMessage(value: unknown): value is SubscribeMessage;
/** True when `value` is a valid `subscribed` frame (full schema validation). */
export declare function isSubscribedMessage(value: unknown): value is SubscribedMessage;
/** True when `value` is a valid `unsubscribe` frame (full schema validation). */
export declare function isUnsubscribeMessage(value: unknown): value is UnsubscribeMessage;
/** True when `value` is a valid `unsubscribed` frame (full schema validation). */
export declare function isUnsubscribedMessage(value: unknown): value is UnsubscribedMessage;
