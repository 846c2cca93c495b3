/**
 * The Server-Sent Events convention (docs/conventions.md "Server-Sent Events") as facts every
 * consumer reads the same way: which channels are SSE endpoints, which WebSocket channel one
 * mirrors, and the `event:` name of a message. The wire constants of the convention live here too.
 */
import type { ChannelModel, ContractModel, MessageModel } from './model.js';

/** Query parameter a new stream carries its resume point in (`EventSource` cannot set headers). */
export const SSE_RESUME_QUERY = 'lastEventId';
/** Header a reconnecting `EventSource` sends; it wins over the query parameter. */
export const SSE_RESUME_HEADER = 'last-event-id';
/** Media type of an SSE response. */
export const SSE_CONTENT_TYPE = 'text/event-stream';
/** Query parameter of the wire major when the contract declares no `versioning.query`. */
export const SSE_DEFAULT_VERSION_QUERY = 'v';
/** HTTP statuses an SSE endpoint refuses with, before the stream starts. */
export const SSE_REFUSAL = { unauthenticated: 401, forbidden: 403, tooManyConnections: 429, unsupportedVersion: 400 } as const;

export function isSseChannel(channel: ChannelModel): boolean {
  return channel.sse !== undefined;
}

/** The WebSocket channels of a contract (every channel that is not an SSE endpoint). */
export function socketChannels(contract: ContractModel): ChannelModel[] {
  return contract.channels.filter((c) => !isSseChannel(c));
}

/** The SSE channel that carries the streams of WebSocket channel `socketChannelId` (its `of`), else the only SSE channel with the same stream key. */
export function sseChannelOf(contract: ContractModel, socketChannelId: string): ChannelModel | undefined {
  const sse = contract.channels.filter(isSseChannel);
  const named = sse.find((c) => c.sse!.of === socketChannelId);
  if (named) return named;
  const socket = contract.channels.find((c) => c.id === socketChannelId);
  const sameKey = sse.filter((c) => c.sse!.of === undefined && c.stream?.key !== undefined && c.stream.key === socket?.stream?.key);
  return sameKey.length === 1 ? sameKey[0] : undefined;
}

/** The `event:` name of a message on an SSE stream: its `type` const, else its `name`. */
export function sseEventName(message: MessageModel): string | undefined {
  return message.type ?? message.name;
}

/** `x-specwire-sse.retryMs` / `heartbeatIntervalMs` as the convention reads them: positive integers, else undefined. */
export function positiveMs(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) > 0 ? (value as number) : undefined;
}
