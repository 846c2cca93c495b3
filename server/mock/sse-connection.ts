/**
 * One mock Server-Sent Events stream (docs/conventions.md "Server-Sent Events"): the mock's answer
 * to a `GET` on an `x-specwire-sse` channel. It writes `retry:`, then each frame it is given as an
 * SSE event — `event:` = the message's `type` (else name), `id:` = the frame's `seq` when it has one,
 * `data:` = the JSON — and `: ping` comments from the server's heartbeat timer. Same public shape as
 * the WebSocket `MockConnection`, so `emit` and the trigger hook serve both.
 */
import type { ServerResponse } from 'node:http';
import type { MessageModel } from '../../contract/model.js';
import { SSE_CONTENT_TYPE, sseEventName } from '../../contract/sse.js';
import type { Logger } from '../core/log.js';
import type { MockChannel } from './plan.js';

const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let nextId = 1_000_000;

export class MockSseConnection {
  readonly id = nextId++;
  private resolveDone!: () => void;
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  private ended = false;

  constructor(
    readonly channel: MockChannel,
    readonly params: Record<string, string>,
    readonly path: string,
    private readonly res: ServerResponse,
    private readonly logger: Logger,
    onClosed: (c: MockSseConnection) => void,
    headers: Record<string, string>,
  ) {
    res.on('close', () => {
      this.ended = true;
      onClosed(this);
      this.resolveDone();
    });
    res.writeHead(200, { 'content-type': `${SSE_CONTENT_TYPE}; charset=utf-8`, 'cache-control': 'no-cache', 'x-accel-buffering': 'no', ...headers });
    this.write(`retry: ${channel.model.sse?.retryMs ?? 3000}\n\n`);
  }

  /** Writes `frame` as one SSE event named after `message`. */
  send(frame: unknown, message?: MessageModel): boolean {
    const f = frame as Record<string, unknown>;
    const name = (message && sseEventName(message)) ?? (typeof f?.type === 'string' ? f.type : undefined);
    const id = Number.isInteger(f?.seq) && !message?.control ? `id: ${String(f.seq)}\n` : '';
    return this.write(`${id}${name ? `event: ${name}\n` : ''}data: ${JSON.stringify(frame)}\n\n`);
  }

  heartbeat(): void {
    this.write(': ping\n\n');
  }

  private write(text: string): boolean {
    if (this.ended || this.res.destroyed) return false;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.logger.warn(`SSE stream ${this.id} on ${this.path} is not reading: ended`);
      this.terminate();
      return false;
    }
    this.res.write(text);
    return true;
  }

  /** SSE has no close codes: the stream just ends (an EventSource reconnects after `retry`). */
  close(): void {
    if (this.ended) return;
    this.ended = true;
    this.res.end();
  }

  terminate(): void {
    this.ended = true;
    this.res.destroy();
  }
}
