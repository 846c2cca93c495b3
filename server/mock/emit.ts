/**
 * Sending server→client messages to the connections of a channel: what the trigger hook and
 * `--emit-every` share. The frame is built per connection (its parameters are adopted), after one
 * check that the example and payload are valid at all.
 */
import type { MessageModel } from '../../contract/model.js';
import type { MockConnection } from './connection.js';
import { eventFrame, isEmptySchema } from './examples.js';
import type { MockChannel } from './plan.js';

export interface EmitRequest {
  channel: MockChannel;
  message: MessageModel;
  /** Only connections whose parameters equal these. */
  params?: Record<string, string>;
  /** Example name or index. Default: the first. */
  example?: string | number;
  payload?: Record<string, unknown>;
  count?: number;
}

export type EmitResult = { ok: true; delivered: number } | { ok: false; error: string };

export function emit(connections: Iterable<MockConnection>, request: EmitRequest): EmitResult {
  const { channel, message, example, payload } = request;
  const check = eventFrame(message, { example, payload, params: request.params ?? {} });
  if (!check.ok) return { ok: false, error: check.error };
  const targets = [...connections].filter(
    (c) => c.channel === channel && Object.entries(request.params ?? {}).every(([k, v]) => c.params[k] === v),
  );
  const byParams = new Map<string, unknown>();
  let delivered = 0;
  for (let i = 0; i < (request.count ?? 1); i++) {
    for (const c of targets) {
      const key = JSON.stringify(c.params);
      let frame = byParams.get(key);
      if (frame === undefined) {
        const built = eventFrame(message, { example, payload, params: c.params });
        frame = built.ok ? built.frame : check.frame;
        byParams.set(key, frame);
      }
      if (c.send(frame)) delivered++;
    }
  }
  return { ok: true, delivered };
}

/**
 * The (channel, message, example) triples `--emit-every` cycles through, in document order. A
 * message without examples whose schema allows nothing but `{}` is left out: a bare `{}` tells a
 * client nothing (it stays available to the trigger hook).
 */
export function emitCycle(channels: MockChannel[]): { channel: MockChannel; message: MessageModel; example?: number }[] {
  return channels.flatMap((channel) =>
    channel.events.filter((m) => !isEmptySchema(m)).flatMap((message) =>
      // A message without examples takes one turn with its schema sample.
      message.examples.length ? message.examples.map((_, example) => ({ channel, message, example })) : [{ channel, message }],
    ),
  );
}
