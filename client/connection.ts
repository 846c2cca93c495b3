/**
 * One WebSocket connection attempt: open it (native `WebSocket` or `ws`, injected), send the
 * contract's application ping on an interval, and declare the socket dead when nothing at all comes
 * back within the timeout — a socket whose peer vanished without a FIN never fires `close` by itself.
 */

/** The part of the WHATWG WebSocket API the client uses; browsers' `WebSocket` and `ws` both have it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: any) => void) | null;
  onmessage: ((event: { data: any }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: any) => void) | null;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface ConnectionEvents {
  open(): void;
  frame(data: string): void;
  /** Closed for any reason (refused, dropped, dead); `opened`: the handshake had completed. */
  closed(info: { code: number; reason: string; opened: boolean }): void;
}

export interface HeartbeatSettings {
  intervalMs: number;
  timeoutMs: number;
  /** The ping frame, already encoded; undefined when the contract has no application ping. */
  ping: string | undefined;
}

const OPEN = 1;

export class Connection {
  private ws: WebSocketLike | undefined;
  private opened = false;
  private done = false;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private deadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly Ctor: WebSocketConstructor,
    private readonly heartbeat: HeartbeatSettings,
    private readonly events: ConnectionEvents,
  ) {}

  open(url: string, protocols: string[] | undefined): void {
    let ws: WebSocketLike;
    try {
      ws = protocols?.length ? new this.Ctor(url, protocols) : new this.Ctor(url);
    } catch (err) {
      // A constructor that throws (bad URL, CSP, no WebSocket at all) is a failed attempt, not a crash.
      queueMicrotask(() => this.finish(1006, (err as Error).message));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.done) return;
      this.opened = true;
      this.events.open();
      if (this.heartbeat.ping !== undefined) this.pingTimer = setInterval(() => this.sendPing(), this.heartbeat.intervalMs);
    };
    ws.onmessage = (event) => {
      if (this.done) return;
      clearTimeout(this.deadTimer);
      this.deadTimer = undefined;
      const data = event.data;
      this.events.frame(typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer));
    };
    ws.onclose = (event) => this.finish(event.code, event.reason);
    ws.onerror = () => undefined; // `close` follows and says it all
  }

  get isOpen(): boolean {
    return !this.done && this.ws?.readyState === OPEN;
  }

  send(data: string): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(data);
    return true;
  }

  /** Closes from our side; `closed` is reported at once (a dead peer would never answer the close). */
  close(code = 1000, reason = 'client closed'): void {
    if (this.done) return;
    const ws = this.ws;
    this.finish(code, reason);
    if (!ws) return;
    try {
      const terminate = (ws as { terminate?: () => void }).terminate;
      if (code !== 1000 && typeof terminate === 'function') terminate.call(ws);
      else ws.close(code === 1000 ? 1000 : 4000, reason.slice(0, 120));
    } catch {
      // already closing
    }
  }

  private sendPing(): void {
    if (!this.isOpen) return;
    this.ws!.send(this.heartbeat.ping!);
    if (this.deadTimer === undefined) {
      this.deadTimer = setTimeout(() => this.close(4408, `no frame within ${this.heartbeat.timeoutMs} ms of a ping`), this.heartbeat.timeoutMs);
    }
  }

  private finish(code: number, reason: string): void {
    if (this.done) return;
    this.done = true;
    clearInterval(this.pingTimer);
    clearTimeout(this.deadTimer);
    if (this.ws) {
      this.ws.onopen = this.ws.onmessage = this.ws.onerror = null;
      this.ws.onclose = null;
    }
    this.events.closed({ code, reason, opened: this.opened });
  }
}
