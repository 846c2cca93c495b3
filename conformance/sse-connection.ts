/**
 * A test client over Server-Sent Events (docs/conventions.md): a `GET` with deadlines whose body is
 * parsed by eventsource-parser; each event's `data:` becomes a frame classified exactly like a
 * WebSocket message (so every always-on check applies), with its `event:` and `id:` lines attached
 * for the SSE checks. Comments (`: ping`) are kept for heartbeat steps. What it shares with the
 * WebSocket client — inbox, waits, flood limits, timeline — is `TestConnection`'s.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { SSE_CONTENT_TYPE } from '../contract/sse.js';
import { type HandshakeOutcome, type OpenOptions, redact, TestConnection } from './connection.js';
import { classifyFrame } from './frame.js';

/** An SSE comment line as received: `: ping` → `ping`. */
export interface SseComment {
  text: string;
  receivedAt: number;
}

/** How an SSE stream ended, in the close-code terms steps use: 1000 the server finished it, 1006 it broke off. */
export const SSE_ENDED = { clean: 1000, aborted: 1006 } as const;

export class SseConnection extends TestConnection {
  readonly comments: SseComment[] = [];
  /** Comments an `expect: { comment: true }` step already counted. */
  commentsConsumed = 0;
  /** `retry:` the server announced, if any. */
  retryMs: number | undefined;
  /** Value of the last `id:` line received (what a browser sends back as `Last-Event-ID`). */
  lastEventId: string | undefined;
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private parser: EventSourceParser | undefined;

  override get isOpen(): boolean {
    return this.res !== undefined && this.closed === undefined;
  }

  override open(url: string, options: OpenOptions): Promise<HandshakeOutcome> {
    this.note(`connect (SSE) ${redact(url)}${options.headers['last-event-id'] ? ` with Last-Event-ID ${options.headers['last-event-id']}` : ''}`);
    return new Promise<HandshakeOutcome>((resolvePromise) => {
      let settled = false;
      const settle = (outcome: HandshakeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.note(`handshake: ${outcome.kind === 'open' ? 'stream open' : outcome.kind === 'http' ? `refused with HTTP ${outcome.status}` : outcome.kind === 'timeout' ? 'no answer (timed out)' : outcome.kind === 'error' ? `error: ${outcome.message}` : 'closed'}`);
        resolvePromise(outcome);
      };
      let req: ClientRequest;
      try {
        const u = new URL(url);
        const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
        req = request(u, { method: 'GET', headers: { accept: SSE_CONTENT_TYPE, 'cache-control': 'no-cache', ...options.headers } });
      } catch (err) {
        settle({ kind: 'error', message: (err as Error).message });
        return;
      }
      this.req = req;
      const timer = setTimeout(() => {
        req.destroy();
        settle({ kind: 'timeout' });
      }, options.timeoutMs);
      const onAbort = () => {
        req.destroy();
        settle({ kind: 'error', message: 'aborted' });
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
      req.on('error', (err) => {
        if (!settled) return settle({ kind: 'error', message: err.message });
        this.end(SSE_ENDED.aborted, err.message);
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          res.resume();
          return settle({ kind: 'http', status });
        }
        const problem = responseProblem(res);
        if (problem) {
          // A browser's EventSource fails such a stream: the client cannot use it.
          this.hooks.onTransportError(this, 'sse-response', problem);
          res.resume();
          req.destroy();
          return settle({ kind: 'error', message: problem });
        }
        this.res = res;
        this.listen(res, options);
        settle({ kind: 'open', protocol: '' });
      });
      req.end();
    });
  }

  private listen(res: IncomingMessage, limits: OpenOptions): void {
    this.parser = createParser({
      onEvent: (e) => {
        if (!this.admit(Buffer.byteLength(e.data), limits)) return;
        const frame = classifyFrame(e.data, false, this.state.channel, this.params, Date.now());
        frame.sse = { ...(e.event !== undefined ? { event: e.event } : {}), ...(e.id !== undefined ? { id: e.id } : {}) };
        if (e.id !== undefined) this.lastEventId = e.id;
        this.accept(frame);
      },
      onComment: (text) => {
        if (!this.admit(text.length, limits)) return;
        this.comments.push({ text: text.trim(), receivedAt: Date.now() });
        this.hooks.timeline.push({ t: Date.now() - this.hooks.startedAt, client: this.name, dir: 'received', text: `: ${text.trim()}` });
        this.wake();
      },
      onRetry: (ms) => (this.retryMs = ms),
      // A line the parser cannot read is the server's fault, but one bad line is not a dead stream.
      onError: (err) => this.hooks.onTransportError(this, 'sse-response', `unreadable SSE line: ${err.message}`),
      maxBufferSize: limits.maxBytes,
    });
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.parser?.feed(chunk));
    res.on('end', () => this.end(SSE_ENDED.clean, 'stream ended'));
    res.on('close', () => this.end(SSE_ENDED.aborted, 'stream closed'));
    res.on('error', (err) => this.end(SSE_ENDED.aborted, err.message));
  }

  private end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = { code, reason };
    this.note(`stream ended (${reason})`);
    this.wake();
  }

  override send(): void {
    throw new Error(`${this.name} is a Server-Sent Events stream: the client cannot send on it`);
  }

  override setReading(reading: boolean): void {
    if (reading) this.req?.socket?.resume();
    else this.req?.socket?.pause();
  }

  override terminate(): void {
    this.req?.destroy();
    this.end(SSE_ENDED.aborted, 'dropped by the client');
  }

  /** SSE has no close handshake: the client just stops reading. */
  override async closeCleanly(): Promise<boolean> {
    this.req?.destroy();
    this.end(SSE_ENDED.clean, 'closed by the client');
    return true;
  }
}

/** What makes an answer unusable as an event stream for a browser, per the convention; undefined when fine. */
export function responseProblem(res: Pick<IncomingMessage, 'headers'>): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (type.split(';')[0]!.trim().toLowerCase() !== SSE_CONTENT_TYPE) return `content-type is "${type || 'absent'}", not ${SSE_CONTENT_TYPE} (an EventSource refuses the stream)`;
  const cache = String(res.headers['cache-control'] ?? '');
  if (!/\bno-(cache|store)\b/i.test(cache)) return `cache-control is "${cache || 'absent'}": an event stream must not be cached (no-cache)`;
  return undefined;
}
