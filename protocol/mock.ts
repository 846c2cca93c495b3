/**
 * Wire constants of `specwire mock` (docs/mock.md): the error frame it sends when a document defines
 * no error message of its own, its error codes, and its trigger hook.
 */

/** Why an inbound frame was refused. */
export const MockErrorCode = {
  /** The frame is not JSON. */
  NotJson: 'not_json',
  /** JSON, but it matches none of the messages clients may send on the channel (and none is named by a discriminator). */
  UnknownMessage: 'unknown_message',
  /** Recognised as one message (by its discriminator, or the channel's only one) but invalid against its schema. */
  InvalidMessage: 'invalid_message',
  /** The document lets clients send nothing on this channel. */
  ReceiveOnly: 'receive_only',
} as const;
export type MockErrorCode = (typeof MockErrorCode)[keyof typeof MockErrorCode];

/**
 * The mock's own error frame, used on channels whose document declares no error message:
 * `{"type":"error","error":{"code":"invalid_message","message":"...","path":"/target_c"}}`.
 * `path` is a JSON pointer into the offending frame (`""` for the whole frame); `message` names the
 * message the frame was taken for, when known.
 */
export interface MockErrorFrame {
  type: 'error';
  error: { code: MockErrorCode; message: string; path: string; expected?: string[] };
}

/** Hooks prefix of the mock, like the reference server's. */
export const MOCK_HOOKS_PREFIX = '/__specwire';

/**
 * `POST /__specwire/trigger`: send a server→client message to the connections of its channel(s).
 * Answer 200 `MockTriggerResponse`; 400 for a bad body, an unknown message or an invalid payload.
 */
export interface MockTriggerRequest {
  /** The message: its key in the channel (`reading`), its `name`, or the value of its discriminator. */
  message: string;
  /** Only connections whose channel parameters equal these (`{ "siteId": "north-farm" }`). Default: every connection of the channel. */
  params?: Record<string, string>;
  /** Only this channel (by id), when the message travels on several. */
  channel?: string;
  /** Example to start from, by name. Default: the first. */
  example?: string;
  /** Fields deep-merged over the example (objects merge, arrays and scalars replace). */
  payload?: Record<string, unknown>;
  /** Send this many copies in a row. Default 1. */
  count?: number;
}

export interface MockTriggerResponse {
  /** The message key that was sent. */
  message: string;
  /** Connections that received it (each copy counts once per connection). */
  delivered: number;
}
