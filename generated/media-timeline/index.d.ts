// generated from asyncapi/media-timeline.yaml by specwire generate — do not edit
/**
 * Media timeline live updates 1.2.0: the type of every frame, and the declarations of ./index.js.
 *
 * Live updates of one event's media timeline (photos, videos, audio and text posts) and of the
 * event's status, served by the Next.js app at `/api/ws/events/{eventId}`. Every frame in both
 * directions is the envelope `{ type, payload }`; server events add top-level `seq` and `ts`.
 */

/** Contract id (`info.x-specwire.id`, else the file name). */
export declare const CONTRACT_ID: "media-timeline";
/** Contract version (`info.version`). */
export declare const CONTRACT_VERSION: "1.2.0";

// ---- Messages: one type per frame ----

/**
 * `connected` — First frame of every connection.
 *
 * Sent by the server right after the upgrade, before any event. Tells the client the stream
 * position (`lastSeq`: the event's latest `seq`, 0 if none yet) and the current status, so a client
 * that has no local state can render the status at once and load the timeline with `GET
 * /api/events/{eventId}/timeline`. When the URL carried `?lastSeq=` the server replays `replaying`
 * buffered events right after this frame, or sends `resync` (then `replaying` is 0).
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface ConnectedMessage {
  type: "connected";
  payload: ConnectedPayload;
}

/**
 * `error` — A frame the server could not accept.
 *
 * Sent by the server instead of acting on a client frame that is not JSON, has an unknown `type`,
 * fails its schema, is too large or exceeds the rate limit. Same fields as the shared flat `error`
 * (`code` from `ErrorCode`, `message`, `ref`), wrapped in `payload` as this contract's envelope
 * requires. The connection stays open unless a close follows (4400 after repeated bad frames, 4429
 * when rate limited).
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface ErrorMessage {
  type: "error";
  payload: ErrorPayload;
}

/**
 * `event:status` — The event went live, paused, resumed or ended.
 *
 * Sent by the server to every viewer receiving the `status` topic when the organiser changes the
 * event's status. Authority `state`: `status` is the new status; replace the local one. After
 * `ended` no more media events follow, but the connection stays open until the client closes it.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface EventStatusMessage {
  type: "event:status";
  seq: Seq;
  ts: Timestamp;
  payload: EventStatusPayload;
}

/**
 * `media:delete` — A media item was removed from the timeline.
 *
 * Sent by the server when an author or moderator removes a media item. Authority `state`: remove
 * the item with this `id` from the timeline (ignore an unknown id). Not throttled.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface MediaDeleteMessage {
  type: "media:delete";
  seq: Seq;
  ts: Timestamp;
  payload: MediaDeletePayload;
}

/**
 * `media:new` — A media item was posted to the timeline.
 *
 * Sent by the server to every viewer receiving the `media` topic when a media item is posted.
 * Authority `state`: the payload is the complete item; insert it into the timeline. Not throttled.
 * An item may be posted while still `processing` (no thumbnail or dimensions yet); its completion
 * arrives as a `media:update`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface MediaNewMessage {
  type: "media:new";
  seq: Seq;
  ts: Timestamp;
  payload: Media;
}

/**
 * `media:update` — Media items changed (batched, at most one frame per second).
 *
 * Throttled per `limits.throttle`: at most one `media:update` per event per `windowMs` (1000 ms).
 * The first change after a quiet window is sent at once; further changes in the window are
 * collected and sent in one frame when it closes. `items` holds the latest complete state of every
 * item that changed in the window, once per `id` (at most 100; more roll into the next window).
 * Authority `state`: replace each item by id. An item deleted within the window is dropped from the
 * batch (its `media:delete` is sent immediately), and an item's `media:new` always precedes any
 * update of it.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface MediaUpdateMessage {
  type: "media:update";
  seq: Seq;
  ts: Timestamp;
  payload: MediaUpdatePayload;
}

/**
 * `ping` — Application heartbeat from the client.
 *
 * Sent by the client every `heartbeat.pingIntervalMs` (browsers cannot send protocol pings). The
 * server answers `pong` with the same `id` and resets the idle timer; a connection that sends
 * nothing for `idleTimeoutMs` is closed with 4408.
 *
 * @direction client → server
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface PingMessage {
  type: "ping";
  payload?: PingPayload;
}

/**
 * `pong` — Answer to an application ping.
 *
 * Sent by the server once per `ping`, echoing its `id` (when given), with the server time so the
 * client can estimate clock skew. Envelope form of the shared `pong`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface PongMessage {
  type: "pong";
  payload: PongPayload;
}

/**
 * `resync` — The server cannot fill a resume gap; reload the timeline over HTTP.
 *
 * Sent by the server instead of a replay when the `lastSeq` of the upgrade URL or of a `subscribe`
 * is older than its replay buffer (or the stream was reset). The client reloads `GET
 * /api/events/{eventId}/timeline` and then applies live events with `seq` greater than the
 * snapshot's `seq`. `payload.seq` is the stream's latest seq when the resync was sent. Envelope
 * form of the shared `resync`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface ResyncMessage {
  type: "resync";
  payload: ResyncPayload;
}

/**
 * `subscribe` — Receive more topics of this event, or resume.
 *
 * Sent by the client to add topics to the connection's delivery (`media`: media:new, media:update,
 * media:delete; `status`: event:status). Omitting `topics` means all topics. A new connection
 * already receives all topics, so existing clients that send `subscribe` right after `connected`
 * keep working (it is idempotent). With `lastSeq` the server first replays buffered events after it
 * (of the topics now delivered), or sends `resync` when the gap is older than its buffer. No
 * acknowledgement is sent; an invalid frame is answered with `error` (`ref: subscribe`).
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface SubscribeMessage {
  type: "subscribe";
  payload?: SubscribePayload;
}

/**
 * `unsubscribe` — Stop receiving some topics, or pause the connection.
 *
 * Sent by the client to remove topics from the connection's delivery; omitting `topics` removes all
 * of them, which pauses delivery (e.g. while the tab is hidden) without closing the socket. Events
 * of removed topics still consume `seq` numbers, so a client that narrowed its topics sees `seq`
 * jumps by design and detects loss only on resume. To catch up after a pause, `subscribe` with the
 * last `seq` seen. No acknowledgement is sent.
 *
 * @direction client → server
 * @since 1.0.0
 */
export interface UnsubscribeMessage {
  type: "unsubscribe";
  payload?: UnsubscribePayload;
}

// ---- Schemas ----

export interface ConnectedPayload {
  eventId: EventId;
  serverTime: Timestamp;
  lastSeq: LastSeq;
  status: EventStatus;
  topics: TopicList;
  /** Number of replayed events that follow this frame. */
  replaying: number;
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

export interface ErrorPayload {
  code: ErrorCode;
  /** Human-readable explanation. */
  message: string;
  /** The `type` of the client frame this error answers, when known. */
  ref?: string;
}

/** Opaque event identifier (URL-safe); the stream key. */
export type EventId = string;

/** Lifecycle of a live event. `ended` is final. */
export type EventStatus = "scheduled" | "live" | "paused" | "ended";

export interface EventStatusPayload {
  eventId: EventId;
  status: EventStatus;
  previousStatus: EventStatus;
  /** Optional note from the organiser shown with the change. */
  message?: string | null;
}

/**
 * Last `seq` the client saw on this stream. The server replays what it still buffers after it, or
 * answers with a `resync` frame when the gap is older than its replay buffer.
 */
export type LastSeq = number;

/** Complete state of one timeline item. */
export interface Media {
  /** @format uuid */
  id: string;
  eventId: EventId;
  kind: MediaKind;
  /**
   * The media file; null for `text` posts and while `processing` has no file yet.
   * @format uri
   */
  url: string | null;
  /**
   * Preview image; null for `audio` and `text` and until processing produced one.
   * @format uri
   */
  thumbnailUrl: string | null;
  /** Caption, or the body of a `text` post. */
  caption: string | null;
  author: MediaAuthor;
  /** @format date-time */
  createdAt: string;
  /** @format date-time */
  updatedAt: string;
  /** Pixels; image and video only. */
  width: number | null;
  /** Pixels; image and video only. */
  height: number | null;
  /** Playback length; video and audio only. */
  durationMs: number | null;
  status: MediaStatus;
}

/** Who posted a media item. */
export interface MediaAuthor {
  /** @format uuid */
  id: string;
  displayName: string;
}

export interface MediaDeletePayload {
  /** @format uuid */
  id: string;
  eventId: EventId;
}

export type MediaKind = "image" | "video" | "audio" | "text";

/**
 * `processing` while transcoding, `ready` to show, `failed` if processing failed, `hidden` when a
 * moderator hid it (still listed, not shown to viewers).
 */
export type MediaStatus = "processing" | "ready" | "failed" | "hidden";

export interface MediaUpdatePayload {
  items: Media[];
}

export interface PingPayload {
  /** Optional correlation id echoed in the pong. */
  id?: string;
}

export interface PongPayload {
  id?: string;
  ts: Timestamp;
}

export interface ResyncPayload {
  stream: EventId;
  seq: LastSeq;
  reason: ResyncReason;
}

/** Why the server cannot replay the gap a client asked for. */
export type ResyncReason = "gap_too_old" | "stream_reset";

/**
 * Per-stream sequence number. Starts at 1 for the first event of a stream and increases by exactly
 * one per event on that stream; a client that sees a gap has missed events.
 */
export type Seq = number;

export interface SubscribePayload {
  topics?: TopicList;
  lastSeq?: LastSeq;
}

/** Body of `GET /api/events/{eventId}/timeline`. */
export interface Timeline {
  eventId: EventId;
  seq: LastSeq;
  status: EventStatus;
  items: Media[];
  /** Older media exist; fetch them with `?before=<last item id>`. */
  hasMore: boolean;
}

/**
 * Server time the event was produced, RFC 3339 with a timezone.
 *
 * @format date-time
 */
export type Timestamp = string;

export type Topic = "media" | "status";

/** Topics of the event stream; omitted means all of them. */
export type TopicList = Topic[];

export interface UnsubscribePayload {
  topics?: TopicList;
}

// ---- Unions and type lists ----

/** Every frame sent by the server; `switch (message.type)` narrows it. */
export type ServerMessage =
  | ConnectedMessage
  | ErrorMessage
  | EventStatusMessage
  | MediaDeleteMessage
  | MediaNewMessage
  | MediaUpdateMessage
  | PongMessage
  | ResyncMessage;
/** The `type` of every frame sent by the server. */
export type ServerMessageType = "connected" | "error" | "event:status" | "media:delete" | "media:new" | "media:update" | "pong" | "resync";
/** Frame type by `type` value, for handler maps: `{ [K in ServerMessageType]: (m: ServerMessageMap[K]) => void }`. */
export interface ServerMessageMap {
  connected: ConnectedMessage;
  error: ErrorMessage;
  "event:status": EventStatusMessage;
  "media:delete": MediaDeleteMessage;
  "media:new": MediaNewMessage;
  "media:update": MediaUpdateMessage;
  pong: PongMessage;
  resync: ResyncMessage;
}
export declare const SERVER_MESSAGE_TYPES: readonly ["connected", "error", "event:status", "media:delete", "media:new", "media:update", "pong", "resync"];

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
export declare const MESSAGE_TYPES: readonly ["connected", "error", "event:status", "media:delete", "media:new", "media:update", "ping", "pong", "resync", "subscribe", "unsubscribe"];

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

/** True when `value` is a valid `connected` frame (full schema validation). */
export declare function isConnectedMessage(value: unknown): value is ConnectedMessage;
/** True when `value` is a valid `error` frame (full schema validation). */
export declare function isErrorMessage(value: unknown): value is ErrorMessage;
/** True when `value` is a valid `event:status` frame (full schema validation). */
export declare function isEventStatusMessage(value: unknown): value is EventStatusMessage;
/** True when `value` is a valid `media:delete` frame (full schema validation). */
export declare function isMediaDeleteMessage(value: unknown): value is MediaDeleteMessage;
/** True when `value` is a valid `media:new` frame (full schema validation). */
export declare function isMediaNewMessage(value: unknown): value is MediaNewMessage;
/** True when `value` is a valid `media:update` frame (full schema validation). */
export declare function isMediaUpdateMessage(value: unknown): value is MediaUpdateMessage;
/** True when `value` is a valid `ping` frame (full schema validation). */
export declare function isPingMessage(value: unknown): value is PingMessage;
/** True when `value` is a valid `pong` frame (full schema validation). */
export declare function isPongMessage(value: unknown): value is PongMessage;
/** True when `value` is a valid `resync` frame (full schema validation). */
export declare function isResyncMessage(value: unknown): value is ResyncMessage;
/** True when `value` is a valid `subscribe` frame (full schema validation). */
export declare function isSubscribeMessage(value: unknown): value is SubscribeMessage;
/** True when `value` is a valid `unsubscribe` frame (full schema validation). */
export declare function isUnsubscribeMessage(value: unknown): value is UnsubscribeMessage;
