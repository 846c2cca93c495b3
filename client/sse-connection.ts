/**
 * The Server-Sent Events transport (docs/conventions.md): one `EventSource` per stream (the SSE
 * address names it), behind the same events as a WebSocket `Connection` — `open`, each frame's text,
 * `closed` — so the client treats both alike. A source that errors ends the whole connection: the
 * client reconnects with its own backoff and resume point (`?lastEventId=`), rather than letting the
 * browser reconnect behind its back. Browser-safe: the EventSource constructor is injected.
 */
import { type ClientContract, fillTemplate } from './contract.js';
import type { ConnectionEvents } from './connection.js';

/** The part of the WHATWG EventSource API the client uses; browsers' `EventSource` and the `eventsource` package both have it. */
export interface EventSourceLike {
  readonly readyState: number;
  close(): void;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up (an HTTP refusal, a wrong content-type). */
const CLOSED = 2;

/** The SSE facts of a descriptor (`contract.sse`), as the client reads them. */
export interface SseFacts {
  readonly address: string;
  readonly params: readonly string[];
  readonly retryMs: number;
  readonly heartbeatIntervalMs: number;
  readonly resumeQuery: string;
  readonly versionQuery: string;
  readonly types: readonly string[];
}

/** The SSE URL of one stream: address with the stream and `params` filled in, token, version and resume point in the query. */
export function sseUrl(
  contract: ClientContract & { readonly sse?: SseFacts },
  args: { origin: string; params: Readonly<Record<string, string>> | undefined; stream: string; resumeAt: number | undefined; token: string | undefined },
): string {
  const sse = contract.sse!;
  const path = fillTemplate(sse.address, { ...args.params, [contract.stream.key]: args.stream });
  const query = new URLSearchParams();
  // An EventSource cannot set headers: the token rides in the query.
  if (args.token) query.set(contract.token.query ?? 'token', args.token);
  query.set(sse.versionQuery, String(contract.major));
  if (args.resumeAt !== undefined) query.set(sse.resumeQuery, String(args.resumeAt));
  return `${args.origin.replace(/\/+$/, '')}${path}?${query.toString()}`;
}

export class SseConnection {
  private readonly sources = new Map<string, EventSourceLike>();
  private opened = false;
  private done = false;

  constructor(
    private readonly Ctor: EventSourceConstructor,
    /** `event:` names to listen for: every server message of the SSE channel. */
    private readonly types: readonly string[],
    private readonly events: ConnectionEvents,
  ) {}

  get isOpen(): boolean {
    return !this.done && this.opened;
  }

  has(stream: string): boolean {
    return this.sources.has(stream);
  }

  /** Opens the stream's EventSource at `url`; the first one to open opens the connection. */
  join(stream: string, url: string): void {
    if (this.done) return;
    this.sources.get(stream)?.close();
    let source: EventSourceLike;
    try {
      source = new this.Ctor(url);
    } catch (err) {
      queueMicrotask(() => this.finish(1006, (err as Error).message));
      return;
    }
    this.sources.set(stream, source);
    source.onopen = () => {
      if (this.done || this.opened) return;
      this.opened = true;
      this.events.open();
    };
    // With `event:` set, a browser dispatches by name only: listen for every type the channel sends.
    const onEvent = (event: { data?: unknown }) => {
      if (this.done || this.sources.get(stream) !== source) return;
      this.events.frame(typeof event.data === 'string' ? event.data : String(event.data));
    };
    for (const type of new Set([...this.types, 'message'])) source.addEventListener(type, onEvent);
    source.onerror = () => {
      if (this.done || this.sources.get(stream) !== source) return;
      this.finish(1006, source.readyState === CLOSED ? `the SSE stream of "${stream}" was refused` : `the SSE stream of "${stream}" broke`);
    };
  }

  /** Stops one stream (an unsubscribe). */
  leave(stream: string): void {
    this.sources.get(stream)?.close();
    this.sources.delete(stream);
  }

  /** SSE is one-way: nothing can be sent. */
  send(_data: string): boolean {
    return false;
  }

  /** Closes every stream; `closed` is reported at once. */
  close(code = 1000, reason = 'client closed'): void {
    this.finish(code, reason);
  }

  private finish(code: number, reason: string): void {
    if (this.done) return;
    this.done = true;
    for (const source of this.sources.values()) {
      source.onopen = source.onerror = null;
      source.close();
    }
    this.sources.clear();
    this.events.closed({ code, reason, opened: this.opened });
  }
}
