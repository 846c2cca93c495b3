// generated from asyncapi/phase-events.yaml by specwire generate — do not edit
/**
 * Party game phase events 1.2.0: the type of every frame, and the declarations of ./index.js.
 *
 * Phase changes of the party game (write a convincing lie, then guess the truth among the lies).
 * The Django app is the authority over every game: it runs the phase timers, accepts lies and
 * guesses over REST (`POST /api/games/{gameId}/lies`, `POST /api/games/{gameId}/guesses`) and
 * scores the rounds. This contract is its Django Channels consumer: one WebSocket per game at
 * `/ws/game/{gameId}/` (the `ws/game/<game_id>/` route of a Channels app), joined to the game's
 * group at connect. The game is the one stream of the connection; there is no subscribe frame. The
 * client only sends `ping`; everything else flows server→client.
 */

/** Contract id (`info.x-specwire.id`, else the file name). */
export declare const CONTRACT_ID: "phase-events";
/** Contract version (`info.version`). */
export declare const CONTRACT_VERSION: "1.2.0";

// ---- Messages: one type per frame ----

/**
 * `connected` — First frame of every accepted connection.
 *
 * Sent by the server right after the token and the `games` claim were accepted, before any event.
 * Tells the client who it is in this game (`role`, `playerId`), the game's `status` and the stream
 * position (`seq`: the game's latest `seq`, 0 before the first phase). When the URL carried
 * `?lastSeq=` the server replays `replaying` buffered events right after this frame, or sends
 * `resync` (then `replaying` is 0). A client with no local state loads `GET
 * /api/games/{gameId}/state` and applies live events with a greater `seq`.
 *
 * @direction server → client
 * @control a control frame (ack, error, heartbeat), not a stream event.
 * @since 1.0.0
 */
export interface ConnectedMessage {
  type: "connected";
  gameId: GameId;
  seq: LastSeq;
  status: GameStatus;
  role: ConnectionRole;
  /** The user's player id in this game, or null for a spectator. */
  playerId: PlayerId | null;
  /** Number of replayed events that follow this frame. */
  replaying: number;
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
 * `phase.game_over` — The game ended; fetch the final results.
 *
 * Sent by the server to the whole game after the final round's scoreboard (`reason: completed`),
 * when the host ends the game early (`host_ended`) or when Django abandons it because every player
 * left (`abandoned`). It is the stream's last event. Authority is `hint`: the frame carries no
 * results. Final standings, tie-breaks and awards are assembled by Django in the transaction that
 * closes the game and must match what `GET /api/games/{gameId}/state` serves to everyone (later
 * visitors and players who missed this frame included), so the client refetches that endpoint and
 * shows its `result`. The scores of the last `phase.scoreboard` remain correct for a completed game
 * in the meantime. After this frame the server sends no more events; the client closes the
 * connection (1000) once it has the result.
 *
 * @direction server → client
 * @authority hint: the payload says that something changed; refetch the state.
 * @since 1.0.0
 */
export interface PhaseGameOverMessage {
  type: "phase.game_over";
  gameId: GameId;
  seq: Seq;
  ts: Timestamp;
  reason: GameOverReason;
}

/**
 * `phase.guess_started` — The lies are in; players pick what they think is the truth.
 *
 * Sent by the server to the whole game when the lie phase closes (deadline passed or every player
 * submitted). Authority is `state`: `phase` carries the complete shuffled answer options (every lie
 * plus the truth, without authors) and the deadline; the client renders them as is. A player's own
 * lie is among the options: the client greys it out by comparing with the text it submitted, and
 * Django rejects a guess for it. Players submit with `POST /api/games/{gameId}/guesses` before
 * `deadline`; the phase ends with `phase.scoreboard`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PhaseGuessStartedMessage {
  type: "phase.guess_started";
  gameId: GameId;
  seq: Seq;
  ts: Timestamp;
  phase: GuessPhase;
}

/**
 * `phase.lie_started` — A round began; players write a lie for the prompt.
 *
 * Sent by the server to the whole game when Django opens a round: the host started the game (round
 * 1) or the previous scoreboard's `nextPhaseAt` passed. Authority is `state`: `phase` carries
 * everything the lie screen needs (round, prompt, start and deadline, who must answer), fixed by
 * Django when it opened the phase; the client renders it as is, with a countdown to `deadline`
 * corrected for the clock skew measured with `ping`/`pong`. Players submit their lie with `POST
 * /api/games/{gameId}/lies` before `deadline`; the phase ends at the deadline or when everyone has
 * submitted, with `phase.guess_started`.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PhaseLieStartedMessage {
  type: "phase.lie_started";
  gameId: GameId;
  seq: Seq;
  ts: Timestamp;
  phase: LiePhase;
}

/**
 * `phase.scoreboard` — A round's answers are revealed with the scores after it.
 *
 * Sent by the server to the whole game when the guess phase closes. Authority is `state`: `phase`
 * reveals the truth, who wrote each lie and who picked each option, and `scores` holds every
 * player's authoritative cumulative score and rank after the round, exactly as Django committed
 * them; the client replaces its scores with them. `nextPhaseAt` is when the next round's
 * `phase.lie_started` is due; it is null after the final round, when `phase.game_over` follows
 * instead.
 *
 * @direction server → client
 * @authority state: the payload is the authoritative new state; apply it as is.
 * @since 1.0.0
 */
export interface PhaseScoreboardMessage {
  type: "phase.scoreboard";
  gameId: GameId;
  seq: Seq;
  ts: Timestamp;
  phase: ScoreboardPhase;
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

// ---- Schemas ----

/** One answer to pick in the guess phase (a lie or the truth, indistinguishable). */
export interface AnswerOption {
  /** What a guess names. */
  optionId: string;
  text: string;
}

/** Whether the token's user plays in this game or watches it. */
export type ConnectionRole = "player" | "spectator";

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
 * Game identifier; the stream key. Must appear in the JWT `games` claim.
 *
 * @format uuid
 */
export type GameId = string;

/**
 * `completed`: every round was played; `host_ended`: the host ended it early; `abandoned`: every
 * player left.
 */
export type GameOverReason = "completed" | "host_ended" | "abandoned";

/** Final result of a finished game, as Django recorded it. */
export interface GameResult {
  /** @format date-time */
  finishedAt: string;
  reason: GameOverReason;
  roundsPlayed: number;
  /** Every player, final rank order. */
  standings: Standing[];
  /** Players ranked 1 (empty for an abandoned game). */
  winnerPlayerIds: PlayerId[];
}

/**
 * Body of `GET /api/games/{gameId}/state`: the same state the phase events carry. `phase` is the
 * `phase` object of the latest phase event (null in the lobby and once finished); `result` is set
 * exactly when `status` is `finished`.
 */
export interface GameState {
  gameId: GameId;
  seq: LastSeq;
  status: GameStatus;
  players: Player[];
  phase: LiePhase | GuessPhase | ScoreboardPhase | null;
  result: GameResult | null;
}

/**
 * Where the game is: `lobby` before the first round, then the phase in progress (`lie`, `guess`,
 * `scoreboard`), `finished` after `phase.game_over`.
 */
export type GameStatus = "lobby" | "lie" | "guess" | "scoreboard" | "finished";

/** The guess phase of a round. */
export interface GuessPhase {
  kind: "guess";
  round: number;
  totalRounds: number;
  prompt: Prompt;
  /** @format date-time */
  startedAt: string;
  /**
   * Guesses submitted after it are rejected.
   * @format date-time
   */
  deadline: string;
  /** Every distinct lie plus the truth, shuffled by Django (same order for everyone). */
  options: AnswerOption[];
}

/**
 * Last `seq` the client saw on this stream. The server replays what it still buffers after it, or
 * answers with a `resync` frame when the gap is older than its replay buffer.
 */
export type LastSeq = number;

/** The lie phase of a round. */
export interface LiePhase {
  kind: "lie";
  round: number;
  totalRounds: number;
  prompt: Prompt;
  /** @format date-time */
  startedAt: string;
  /**
   * Lies submitted after it are rejected.
   * @format date-time
   */
  deadline: string;
  /** Players expected to submit a lie this round. */
  players: Player[];
}

/** A player of the game. */
export interface Player {
  playerId: PlayerId;
  name: string;
  isHost: boolean;
}

/**
 * A player of one game.
 *
 * @format uuid
 */
export type PlayerId = string;

/** The question of a round; `text` has a `______` blank for the answer. */
export interface Prompt {
  promptId: string;
  text: string;
  category: string | null;
}

/** Why the server cannot replay the gap a client asked for. */
export type ResyncReason = "gap_too_old" | "stream_reset";

/** An answer option after the round, with its authors and pickers. */
export interface Reveal {
  optionId: string;
  text: string;
  isTruth: boolean;
  /** Players who wrote this lie (several when lies coincide; empty for the truth). */
  authorPlayerIds: PlayerId[];
  pickedByPlayerIds: PlayerId[];
}

/** A player's cumulative score after a round. */
export interface RoundScore {
  playerId: PlayerId;
  name: string;
  /** Cumulative score after this round. */
  score: number;
  /** Points earned in this round. */
  roundPoints: number;
  /** 1 = leading; tied players share a rank. */
  rank: number;
}

/** The reveal and scores after a round. */
export interface ScoreboardPhase {
  kind: "scoreboard";
  round: number;
  totalRounds: number;
  prompt: Prompt;
  /** The guess phase's options in the same order, revealed. */
  reveals: Reveal[];
  /** Every player, best first. */
  scores: RoundScore[];
  /**
   * When the next round's lie phase starts; null after the final round.
   * @format date-time
   */
  nextPhaseAt: string | null;
}

/**
 * Per-stream sequence number. Starts at 1 for the first event of a stream and increases by exactly
 * one per event on that stream; a client that sees a gap has missed events.
 */
export type Seq = number;

/** A player's final place. */
export interface Standing {
  playerId: PlayerId;
  name: string;
  score: number;
  /** Final rank after tie-breaks (1 = winner; equal only when the tie-break also ties). */
  rank: number;
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
  | ConnectedMessage
  | ErrorMessage
  | PhaseGameOverMessage
  | PhaseGuessStartedMessage
  | PhaseLieStartedMessage
  | PhaseScoreboardMessage
  | PongMessage
  | ResyncMessage;
/** The `type` of every frame sent by the server. */
export type ServerMessageType = "connected" | "error" | "phase.game_over" | "phase.guess_started" | "phase.lie_started" | "phase.scoreboard" | "pong" | "resync";
/** Frame type by `type` value, for handler maps: `{ [K in ServerMessageType]: (m: ServerMessageMap[K]) => void }`. */
export interface ServerMessageMap {
  connected: ConnectedMessage;
  error: ErrorMessage;
  "phase.game_over": PhaseGameOverMessage;
  "phase.guess_started": PhaseGuessStartedMessage;
  "phase.lie_started": PhaseLieStartedMessage;
  "phase.scoreboard": PhaseScoreboardMessage;
  pong: PongMessage;
  resync: ResyncMessage;
}
export declare const SERVER_MESSAGE_TYPES: readonly ["connected", "error", "phase.game_over", "phase.guess_started", "phase.lie_started", "phase.scoreboard", "pong", "resync"];

/** Every frame sent by the client; `switch (message.type)` narrows it. */
export type ClientMessage = PingMessage;
/** The `type` of every frame sent by the client. */
export type ClientMessageType = "ping";
/** Frame type by `type` value, for handler maps: `{ [K in ClientMessageType]: (m: ClientMessageMap[K]) => void }`. */
export interface ClientMessageMap {
  ping: PingMessage;
}
export declare const CLIENT_MESSAGE_TYPES: readonly ["ping"];

/** Every `type` of the contract, both directions. */
export type MessageType = ServerMessageType | ClientMessageType;
export declare const MESSAGE_TYPES: readonly ["connected", "error", "phase.game_over", "phase.guess_started", "phase.lie_started", "phase.scoreboard", "ping", "pong", "resync"];

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
/** True when `value` is a valid `phase.game_over` frame (full schema validation). */
export declare function isPhaseGameOverMessage(value: unknown): value is PhaseGameOverMessage;
/** True when `value` is a valid `phase.guess_started` frame (full schema validation). */
export declare function isPhaseGuessStartedMessage(value: unknown): value is PhaseGuessStartedMessage;
/** True when `value` is a valid `phase.lie_started` frame (full schema validation). */
export declare function isPhaseLieStartedMessage(value: unknown): value is PhaseLieStartedMessage;
/** True when `value` is a valid `phase.scoreboard` frame (full schema validation). */
export declare function isPhaseScoreboardMessage(value: unknown): value is PhaseScoreboardMessage;
/** True when `value` is a valid `ping` frame (full schema validation). */
export declare function isPingMessage(value: unknown): value is PingMessage;
/** True when `value` is a valid `pong` frame (full schema validation). */
export declare function isPongMessage(value: unknown): value is PongMessage;
/** True when `value` is a valid `resync` frame (full schema validation). */
export declare function isResyncMessage(value: unknown): value is ResyncMessage;
