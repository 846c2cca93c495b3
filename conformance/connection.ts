/**
 * One test client connection: opens the WebSocket with deadlines, classifies every received frame,
 * keeps an inbox for `expect`, and records a timeline for reports. Waits are event-driven (woken by
 * frames and closes) and always bounded; nothing here sleeps to wait for something.
 */
import WebSocket from 'ws';
import type { ReceivedFrame } from './checks/check.js';
import type { ConnectionState } from './connection-state.js';
import { classifyFrame, preview } from './frame.js';

export type HandshakeOutcome =
  | { kind: 'open'; protocol: string }
  | { kind: 'http'; status: number }
  | { kind: 'closed'; code: number; reason: string }
  | { kind: 'error'; message: string }
  | { kind: 'timeout' };

export interface TimelineEntry {
  /** ms since the scenario started. */
  t: number;
  client: string;
  dir: 'sent' | 'received' | 'note';
  text: string;
}

export interface ConnectionHooks {
  /** Runs the always-on checks; called once per received frame, before the inbox sees it. */
  onFrame(conn: TestConnection, frame: ReceivedFrame): void;
  /** Transport trouble after the handshake (oversized frame, bad UTF-8, flood). */
  onTransportError(conn: TestConnection, check: string, message: string): void;
  timeline: TimelineEntry[];
  startedAt: number;
}

export interface OpenOptions {
  protocols: string[];
  headers: Record<string, string>;
  timeoutMs: number;
  /** Largest frame accepted before the runner gives up on the connection. */
  maxPayload: number;
  /** Frames buffered per connection before `frame-flood`. */
  maxFrames: number;
  /** Bytes buffered per connection before `frame-flood` (frames stay in the inbox for the scenario). */
  maxBytes: number;
  /** Answer protocol pings; `false` plays a dead peer. Default true. */
  autoPong?: boolean;
  signal: AbortSignal;
}

interface InboxItem {
  frame: ReceivedFrame;
  consumed: boolean;
}

export class TestConnection {
  readonly inbox: InboxItem[] = [];
  closed: { code: number; reason: string } | undefined;
  /** Query/path parameters of the URL, for stream attribution of path-addressed channels. */
  params: Record<string, string> = {};
  private ws: WebSocket | undefined;
  private readonly wakers = new Set<() => void>();
  private received = 0;
  private receivedBytes = 0;
  private flooded = false;

  constructor(
    readonly name: string,
    readonly state: ConnectionState,
    protected readonly hooks: ConnectionHooks,
  ) {}

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  open(url: string, options: OpenOptions): Promise<HandshakeOutcome> {
    this.note(`connect ${redact(url)}${options.protocols.length ? ` (subprotocols ${options.protocols.join(', ')})` : ''}`);
    return new Promise<HandshakeOutcome>((resolvePromise) => {
      let settled = false;
      // Errors after a refused or failed handshake are its echo, not transport trouble to report.
      let opened = false;
      const settle = (outcome: HandshakeOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.note(`handshake: ${describeOutcome(outcome)}`);
        resolvePromise(outcome);
      };
      let ws: WebSocket;
      try {
        ws = new WebSocket(url, options.protocols, {
          headers: options.headers,
          handshakeTimeout: options.timeoutMs,
          maxPayload: options.maxPayload,
          perMessageDeflate: false,
          followRedirects: false,
          autoPong: options.autoPong ?? true,
        });
      } catch (err) {
        settle({ kind: 'error', message: (err as Error).message });
        return;
      }
      this.ws = ws;
      const timer = setTimeout(() => {
        ws.terminate();
        settle({ kind: 'timeout' });
      }, options.timeoutMs + 100);
      const onAbort = () => {
        ws.terminate();
        settle({ kind: 'error', message: 'aborted' });
      };
      options.signal.addEventListener('abort', onAbort, { once: true });
      ws.on('unexpected-response', (req, res) => {
        settle({ kind: 'http', status: res.statusCode ?? 0 });
        res.resume();
        req.destroy();
        ws.terminate();
      });
      ws.on('open', () => {
        opened = true;
        this.watchCloseFrame(ws);
        settle({ kind: 'open', protocol: ws.protocol });
      });
      ws.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary, options));
      ws.on('error', (err: Error & { code?: string }) => {
        if (!settled || ws.readyState === WebSocket.CONNECTING || !opened) {
          settle(/timed out/i.test(err.message) ? { kind: 'timeout' } : { kind: 'error', message: err.message });
          return;
        }
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.hooks.onTransportError(this, 'frame-size', `frame larger than ${options.maxPayload} bytes`);
        else if (err.code === 'WS_ERR_INVALID_UTF8') this.hooks.onTransportError(this, 'json-frame', 'text frame is not valid UTF-8');
        else this.hooks.onTransportError(this, 'transport', err.message);
      });
      ws.on('close', (code, reason) => {
        const frameSeen = this.closed !== undefined;
        // The close frame's code stands: ws reports the same one, or 1006 if the socket died before it parsed one.
        this.closed ??= { code, reason: reason.toString('utf8') };
        this.note(frameSeen ? 'TCP connection closed' : `closed ${code}${this.closed.reason ? ` ${this.closed.reason}` : ''}${code === 1006 ? ' (no close frame: the TCP connection ended, or was reset, before one arrived)' : ''}`);
        settle({ kind: 'closed', code: this.closed.code, reason: this.closed.reason });
        this.wake();
      });
    });
  }

  /**
   * The connection is closed when the server's close frame arrives, not when its TCP connection
   * ends: `ws` emits `close` only then, which a server that leaves the TCP close to the client (RFC
   * 6455 allows either side) delays by up to 30 s, long after the code was known. `ws` has no public
   * event for the frame; its receiver's `conclude` is it (ws 8), and without it `close` still works.
   */
  private watchCloseFrame(ws: WebSocket): void {
    const receiver = (ws as unknown as { _receiver?: { on(event: 'conclude', listener: (code: number, reason: Buffer) => void): void } })._receiver;
    receiver?.on('conclude', (code, reason) => {
      if (this.closed) return;
      this.closed = { code, reason: reason.toString('utf8') };
      this.note(`closed ${code}${this.closed.reason ? ` ${this.closed.reason}` : ''} (close frame)`);
      this.wake();
    });
  }

  send(text: string): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new Error(`${this.name} is not connected`);
    this.hooks.timeline.push({ t: Date.now() - this.hooks.startedAt, client: this.name, dir: 'sent', text: preview(text) });
    this.ws.send(text);
  }

  /** `false`: stop reading the socket (a slow consumer: the server's frames wait in its buffers); `true`: read again. */
  setReading(reading: boolean): void {
    if (reading) this.ws?.resume();
    else this.ws?.pause();
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.ws?.terminate();
  }

  /** Clean close; resolves with whether the server completed the close handshake in time. */
  async closeCleanly(timeoutMs: number, signal: AbortSignal): Promise<boolean> {
    if (!this.ws || this.closed) return true;
    this.ws.close(1000, 'bye');
    const done = await this.waitUntil(() => (this.closed ? true : undefined), timeoutMs, signal);
    if (!done) this.ws.terminate();
    return done === true;
  }

  /**
   * Waits until `test` returns a value, re-testing after every received frame or close; `undefined`
   * when `timeoutMs` passes or `signal` aborts first.
   */
  waitUntil<T>(test: () => T | undefined, timeoutMs: number, signal: AbortSignal): Promise<T | undefined> {
    const first = test();
    if (first !== undefined || signal.aborted) return Promise.resolve(first);
    return new Promise<T | undefined>((resolvePromise) => {
      const finish = (value: T | undefined) => {
        clearTimeout(timer);
        this.wakers.delete(waker);
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      };
      const waker = () => {
        const v = test();
        if (v !== undefined) finish(v);
      };
      const onAbort = () => finish(undefined);
      const timer = setTimeout(() => finish(test()), timeoutMs);
      this.wakers.add(waker);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  note(text: string): void {
    this.hooks.timeline.push({ t: Date.now() - this.hooks.startedAt, client: this.name, dir: 'note', text });
  }

  private receive(data: Buffer, isBinary: boolean, limits: Pick<OpenOptions, 'maxFrames' | 'maxBytes'>): void {
    if (!this.admit(data.length, limits)) return;
    this.accept(classifyFrame(data, isBinary, this.state.channel, this.params, Date.now()));
  }

  /** Counts a received frame against the flood limits; false (and the connection dropped) once over them. */
  protected admit(bytes: number, limits: Pick<OpenOptions, 'maxFrames' | 'maxBytes'>): boolean {
    if (this.flooded) return false;
    this.receivedBytes += bytes;
    const over = ++this.received > limits.maxFrames ? `more than ${limits.maxFrames} frames` : this.receivedBytes > limits.maxBytes ? `more than ${limits.maxBytes >> 20} MiB` : undefined;
    if (over) {
      // Every frame stays in the inbox until the scenario ends: an endless stream must stop here.
      this.flooded = true;
      this.hooks.onTransportError(this, 'frame-flood', `${over} on one connection; the runner stops reading it`);
      this.terminate();
      return false;
    }
    return true;
  }

  /** A classified frame: into the timeline, through the always-on checks, into the inbox. */
  protected accept(frame: ReceivedFrame): void {
    this.hooks.timeline.push({ t: frame.receivedAt - this.hooks.startedAt, client: this.name, dir: 'received', text: preview(frame.raw) });
    this.hooks.onFrame(this, frame);
    this.inbox.push({ frame, consumed: false });
    this.wake();
  }

  protected wake(): void {
    for (const w of [...this.wakers]) w();
  }
}

function describeOutcome(o: HandshakeOutcome): string {
  switch (o.kind) {
    case 'open':
      return `accepted${o.protocol ? ` (subprotocol ${o.protocol})` : ''}`;
    case 'http':
      return `refused with HTTP ${o.status}`;
    case 'closed':
      return `closed ${o.code}`;
    case 'error':
      return `error: ${o.message}`;
    case 'timeout':
      return 'no answer (timed out)';
  }
}

/** Tokens do not belong in reports. */
export function redact(url: string): string {
  return url.replace(/([?&](?:token|access_token)=)[^&]*/g, '$1…');
}
