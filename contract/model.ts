/**
 * The contract model: the one in-memory shape of an AsyncAPI 3.0 document that every consumer
 * (lint, codegen, diff, runner, reference server, docs) reads. Built by `loadContract` in
 * `contract/load.ts`; nothing downstream parses YAML or walks the raw AsyncAPI document again.
 *
 * Documents describe the *server*: an operation with `action: send` is a server→client event,
 * `action: receive` a client→server frame.
 */

/** A JSON Schema (draft-07 subset as used by AsyncAPI), fully dereferenced, parser ids stripped. */
export type JsonSchema = { [key: string]: unknown };

/** Which way a message travels on the wire. */
export type Direction = 'server-to-client' | 'client-to-server';

/** A location in a source file, 1-based line and column, for diagnostics. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** `info.x-specwire`: a document opts in to specwire's conventions with this block. */
export interface SpecwireInfo {
  /** Short contract id used for folders, CLI flags and subpaths, e.g. `taskforge`. */
  id?: string;
  /** How `type` discriminators are spelled: `dot` (`task.created`), `colon` (`media:new`), `snake`. */
  naming?: 'dot' | 'colon' | 'snake';
  /** Latency SLO from a triggered domain change to delivery at a subscriber, in milliseconds. */
  slo?: { p50Ms?: number; p95Ms: number; p99Ms?: number };
  /** How the wire major version is negotiated at connect. */
  versioning?: { subprotocol?: string; query?: string };
  /** HTTP endpoints a client falls back to when WebSockets are unavailable. */
  polling?: PollingEndpoint[];
  /** Named close codes this contract uses (code → name and meaning). */
  closeCodes?: Record<string, { name: string; description: string }>;
  /** How an unauthenticated or forbidden client, or a page of a foreign origin, is refused. */
  refusal?: { unauthenticated: Refusal; forbidden?: Refusal; foreignOrigin?: Refusal };
  /**
   * Origins (`https://app.example.com`) whose pages may open the WebSockets, besides the server's
   * own origin; a handshake with another `Origin` is refused as `refusal.foreignOrigin` says (against
   * cross-site WebSocket hijacking). Absent: any origin is accepted.
   */
  allowedOrigins?: string[];
  /** Limits the server enforces, declared so the runner can test them. */
  limits?: {
    maxPayloadBytes?: number;
    messagesPerSecond?: number;
    connectionsPerIp?: number;
    /** Per-stream throttle: at most one event of these types per window, batched. */
    throttle?: { types: string[]; windowMs: number };
    /** Frames buffered per stream for resume. */
    replayBuffer?: number;
    /**
     * Malformed frames (not JSON, unknown type, invalid payload) a connection may send, each answered
     * with an error frame, before the server may close it with 4400 (right after the error frame
     * answering this one). Fewer never close it. Absent: the text names no threshold.
     */
    malformedFramesBeforeClose?: number;
    /**
     * Frames per second above which the connection is closed with 4429. Between `messagesPerSecond`
     * and this, excess frames are dropped and answered with a `rate_limited` error, never closed.
     */
    messagesPerSecondBeforeClose?: number;
    /** Bytes that may wait to be sent to one connection; a client that does not read past this is closed (4508 SlowConsumer), never holding up the others. */
    sendBufferBytes?: number;
  };
  /**
   * Heartbeat: application ping interval the client should use, and when the server reaps.
   * `protocolPings: true` promises WebSocket protocol pings from the server every `pingIntervalMs`
   * and the drop (no close frame) of a peer that has not answered within two intervals.
   */
  heartbeat?: { pingIntervalMs: number; idleTimeoutMs: number; protocolPings?: boolean };
  [key: string]: unknown;
}

/** How a handshake is refused: an HTTP status before upgrade, or a close code after it. */
export type Refusal = { http: number } | { close: number };

export interface PollingEndpoint {
  /** Path template relative to the HTTP base URL, e.g. `/api/teams/{teamId}/activity`. */
  path: string;
  method: 'GET';
  /** Suggested polling interval for fallback clients. */
  intervalMs: number;
  /** Message types whose state this endpoint returns. */
  describes: string[];
  description?: string;
  /** JSON Schema of the response body. */
  response?: JsonSchema;
}

export interface ServerModel {
  id: string;
  host: string;
  protocol: string;
  pathname?: string;
  description?: string;
  security: SecurityRequirement[];
}

export interface SecuritySchemeModel {
  id: string;
  /** AsyncAPI scheme type: `httpApiKey`, `http`, `apiKey`, ... */
  type: string;
  /** For `httpApiKey`: where the key travels (`query`, `header`, `cookie`). */
  in?: string;
  /** For `httpApiKey`: the parameter or header name, e.g. `token`. */
  name?: string;
  /** For `http`: `bearer`. */
  scheme?: string;
  bearerFormat?: string;
  description?: string;
}

export interface SecurityRequirement {
  scheme: string;
  scopes: string[];
}

export interface ChannelParameter {
  name: string;
  description?: string;
  enum?: string[];
  examples?: string[];
}

/** Who may receive a channel's (or stream's) events: `x-specwire-access`. */
export interface AccessRule {
  /** Rule id the reference server and runner understand, e.g. `team-member`, `event-viewer`, `any-authenticated`. */
  rule: string;
  /** Claim or parameter the rule compares, e.g. `teamId`. */
  key?: string;
  description: string;
}

/** A logical stream within a channel: the unit of `seq`, ordering and resume (`x-specwire-stream`). */
export interface StreamRule {
  /** Where the stream id comes from: a channel parameter or a payload field, e.g. `teamId`. */
  key: string;
  /** Client message type that subscribes to a stream (absent: the connection itself is the stream). */
  subscribe?: string;
  unsubscribe?: string;
}

/**
 * `x-specwire-sse`: the channel is a Server-Sent Events endpoint (docs/conventions.md "Server-Sent
 * Events"): a `GET` on its address answers `text/event-stream`, one SSE event per frame with
 * `event:` = the frame's `type`, `id:` = its `seq` (events only) and `data:` = the JSON frame.
 */
export interface SseRule {
  /** `retry:` sent first on every stream: how long a browser waits before it reconnects, in ms. */
  retryMs: number;
  /** Interval of the `: ping` comment lines that keep proxies from closing an idle stream, in ms. */
  heartbeatIntervalMs: number;
  /** Id of the WebSocket channel whose streams and frames this endpoint also carries, if any. */
  of?: string;
}

export interface ChannelModel {
  id: string;
  /** Address template, e.g. `/api/ws/events/{eventId}`. */
  address: string;
  title?: string;
  description?: string;
  parameters: ChannelParameter[];
  /** Message ids (keys into `ContractModel.messages`) the channel carries. */
  messageIds: string[];
  access?: AccessRule;
  stream?: StreamRule;
  /** Set when the channel is a Server-Sent Events endpoint rather than a WebSocket one. */
  sse?: SseRule;
  /** Ids of the servers the channel is restricted to (AsyncAPI `channel.servers`); absent or empty: every server. */
  servers?: string[];
  /** `bindings.ws`: what the WebSocket upgrade request carries (query and headers as JSON Schemas). */
  wsBinding?: { method?: string; query?: JsonSchema; headers?: JsonSchema };
  extensions: Record<string, unknown>;
}

export interface OperationModel {
  id: string;
  action: 'send' | 'receive';
  direction: Direction;
  channelId: string;
  messageIds: string[];
  title?: string;
  summary?: string;
  description?: string;
  /** For request/reply: the message ids of the reply (its `messages`, else every message of the reply channel). */
  replyMessageIds: string[];
  /** The `reply` object as declared, when the operation has one. */
  reply?: {
    /** `reply.channel`, when given (else replies travel on the operation's channel). */
    channelId?: string;
    /** `reply.address.location`: a runtime expression (`$message.header#/replyTo`) into the request. */
    addressLocation?: string;
    /**
     * `reply.messages` as listed (absent: every message of the reply channel), each named as the reply
     * channel names it; an id the channel does not carry means the document contradicts itself.
     */
    messageIds?: string[];
  };
  security: SecurityRequirement[];
}

export interface MessageExample {
  name?: string;
  summary?: string;
  payload: unknown;
  headers?: unknown;
}

export interface MessageModel {
  /**
   * Key of the message in its channel's `messages` map, unique within the contract. When another
   * channel already uses the same key for a different message, `<channelId>.<key>` (and `key` is set).
   */
  id: string;
  /** The key in the channel's `messages` map, when it differs from `id`. */
  key?: string;
  name?: string;
  title?: string;
  summary?: string;
  description?: string;
  /** Value of `payload.properties.type.const`, the wire discriminator, if the payload declares one. */
  type?: string;
  /** Directions derived from the operations that reference the message. */
  directions: Direction[];
  channelIds: string[];
  payload: JsonSchema;
  /** `headers`: the JSON Schema of the message headers, when declared. */
  headers?: JsonSchema;
  /**
   * `correlationId`: where the id that ties a reply to its request lives, as a runtime expression
   * (`$message.payload#/reqid`, `$message.header#/requestId`).
   */
  correlationId?: { location: string; description?: string };
  examples: MessageExample[];
  /** `x-specwire-authority`: whether the payload is authoritative state or a hint to refetch. */
  authority?: 'state' | 'hint';
  /** `x-specwire-since`: contract version that introduced the message. */
  since?: string;
  /** `x-specwire-control`: an ack, error, pong or resync rather than a stream event (no `seq`). */
  control: boolean;
  extensions: Record<string, unknown>;
}

export interface ContractModel {
  /** Contract id: `info.x-specwire.id`, else the file name without extension. */
  id: string;
  /** Absolute path of the document. */
  file: string;
  asyncapi: string;
  title: string;
  version: string;
  description?: string;
  /** Present when the document opts in to specwire's conventions. */
  specwire?: SpecwireInfo;
  defaultContentType?: string;
  servers: ServerModel[];
  channels: ChannelModel[];
  operations: OperationModel[];
  messages: MessageModel[];
  securitySchemes: SecuritySchemeModel[];
  /** Named schemas from `components.schemas`, dereferenced. */
  schemas: Record<string, JsonSchema>;
  /** Component names declared in the document, by kind, for unused-component checks. */
  components: Record<string, string[]>;
  /** Every `$ref` target reachable from the document, as absolute `file#/pointer` strings. */
  references: Set<string>;
  /** Finds where a JSON path of the document is written (following `$ref`s across files). */
  locate(path: readonly (string | number)[]): SourcePosition;
}
