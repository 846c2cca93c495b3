// generated from asyncapi/taskforge.yaml by specwire generate — do not edit
// Descriptor of taskforge 1.1.0 for specwire/client's createClient.

import type { ClientMessage, DecodeResult, EncodeResult, ServerMessage, ServerMessageMap, WireData } from "./index.js";

/** Stream event types of taskforge: frames with `seq`, delivered in order without loss or duplicate. */
export type EventType = "activity";

/** Events whose payload is only a refresh hint: the client refetches the state on each (`x-specwire-authority: hint`). */
export type HintType = never;

/** The state the stream's polling endpoint serves (unnamed in the contract, or a feed): the `state` of a `snapshot` event. */
export type StreamState = Record<string, unknown>;

export interface ContractDescriptor {
  readonly id: "taskforge";
  readonly version: string;
  readonly major: number;
  readonly address: string;
  readonly params: readonly string[];
  readonly stream: {
    readonly key: string;
    readonly mode: "subscribe" | "address";
    readonly subscribe?: { readonly type: string; readonly key: "top" | "payload"; readonly lastSeq?: "top" | "payload" };
    readonly unsubscribe?: { readonly type: string; readonly key: "top" | "payload" };
    readonly ack?: string;
    readonly resumeQuery?: string;
  };
  readonly versioning: { readonly subprotocol?: string; readonly query?: string };
  readonly token: { readonly query?: string; readonly bearer: boolean };
  readonly heartbeat: { readonly pingIntervalMs: number; readonly idleTimeoutMs: number; readonly ping?: string; readonly pong?: string };
  readonly events: readonly EventType[];
  readonly authority: { readonly "activity": "state" };
  readonly control: { readonly resync?: string; readonly error?: string };
  readonly polling: readonly { readonly path: string; readonly intervalMs: number; readonly kind: "feed" | "snapshot"; readonly streamParam?: string; readonly describes: readonly string[] }[];
  /** The Server-Sent Events endpoint of the same streams, when the contract has one. */
  readonly sse?: { readonly address: string; readonly params: readonly string[]; readonly retryMs: number; readonly heartbeatIntervalMs: number; readonly resumeQuery: string; readonly versionQuery: string; readonly types: readonly string[] };
  decode(data: WireData): DecodeResult<ServerMessage>;
  validate(value: unknown): DecodeResult<ServerMessage>;
  encode(message: ClientMessage): EncodeResult;
  /** Type-level only: the frame type of each server message type (never present at run time). */
  readonly messages?: ServerMessageMap;
  /** Type-level only: the body of the stream's polling endpoint (never present at run time). */
  readonly state?: StreamState;
}

export declare const contract: ContractDescriptor;
export declare const taskforgeContract: ContractDescriptor;
export default contract;
