/**
 * Test helpers for the reference server: a real server on port 0, real `ws` clients whose frames are
 * queued and awaited with event-driven deadlines, and a registry that closes everything in afterEach.
 */
import WebSocket from 'ws';
import { mintToken, type MintOptions, type UserClaims } from '../../protocol/claims.js';
import { type ReferenceServer, type ReferenceServerOptions, silentLogger, startReferenceServer } from '../../server/index.js';

export const SECRET = 'reference-server-test-secret';

const open: (() => Promise<void>)[] = [];

/** Closes every server and client the test opened (call from afterEach). */
export async function closeAll(): Promise<void> {
  while (open.length) await open.pop()!().catch(() => undefined);
}

export async function startServer(options: Partial<ReferenceServerOptions> = {}): Promise<ReferenceServer> {
  const server = await startReferenceServer({ jwtSecret: SECRET, hooks: true, logger: silentLogger, ...options });
  open.push(() => server.close());
  return server;
}

export function token(contract: string, user: UserClaims, variant: MintOptions['variant'] = 'valid'): Promise<string | undefined> {
  return mintToken(user, { secret: SECRET, contract, variant });
}

export type Frame = Record<string, any>;

/** A WebSocket client that queues every frame and lets a test await the next one matching a predicate. */
export class Client {
  readonly frames: Frame[] = [];
  private consumed = 0;
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | undefined;
  private closeWaiters: (() => void)[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      let json: Frame;
      try {
        json = JSON.parse(String(data));
      } catch {
        json = { unparsable: String(data) };
      }
      this.frames.push(json);
      this.waiters.splice(0).forEach((w) => w());
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.closeWaiters.splice(0).forEach((w) => w());
      this.waiters.splice(0).forEach((w) => w());
    });
    ws.on('error', () => undefined);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next not-yet-consumed frame matching `predicate` (skipped frames stay for later `next` calls). */
  next(predicate: (f: Frame) => boolean = () => true, timeoutMs = 3000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(this.consumed)).slice(0, 600)}`)), timeoutMs);
      const check = () => {
        for (let i = this.consumed; i < this.frames.length; i++) {
          if (predicate(this.frames[i]!)) {
            // Consume up to and including the match: order-sensitive tests see frames in order.
            this.consumed = i + 1;
            clearTimeout(timer);
            return resolve(this.frames[i]!);
          }
        }
        if (this.closed) {
          clearTimeout(timer);
          return reject(new Error(`connection closed (${this.closed.code} ${this.closed.reason}) before a matching frame; got ${JSON.stringify(this.frames.slice(this.consumed)).slice(0, 600)}`));
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** Frames of `type` received so far and not consumed, without waiting. */
  pending(type?: string): Frame[] {
    return this.frames.slice(this.consumed).filter((f) => type === undefined || f.type === type);
  }

  /** A ping/pong round trip: every frame the server sent before the pong has arrived when this resolves. */
  async barrier(id = `barrier-${Math.random().toString(36).slice(2)}`, envelope = false): Promise<void> {
    this.send(envelope ? { type: 'ping', payload: { id } } : { type: 'ping', id });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no pong within 3000 ms')), 3000);
      const check = () => {
        if (this.frames.some((f) => f.type === 'pong' && (f.id === id || f.payload?.id === id))) {
          clearTimeout(timer);
          return resolve();
        }
        if (this.closed) return reject(new Error(`closed ${this.closed.code} before pong`));
        this.waiters.push(check);
      };
      check();
    });
  }

  waitClose(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not closed within ${timeoutMs} ms`)), timeoutMs);
      this.closeWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.closed!);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

export type ConnectResult = { ok: true; client: Client; protocol: string } | { ok: false; status: number };

/** Opens a WebSocket; resolves with the client once open, or with the HTTP status of a refused upgrade. */
export function connect(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    const client = new Client(ws);
    open.push(async () => client.close());
    ws.once('open', () => resolve({ ok: true, client, protocol: ws.protocol }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ ok: false, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (err) => reject(err));
  });
}

/** Connects and fails the test when refused. */
export async function open_(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Client> {
  const r = await connect(url, options);
  if (!r.ok) throw new Error(`upgrade refused with HTTP ${r.status}`);
  return r.client;
}

export async function hook(server: ReferenceServer, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.hooksUrl ?? `${server.httpUrl}/__specwire`}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export async function trigger(server: ReferenceServer, contract: string, event: string, stream: string, extra: Record<string, unknown> = {}): Promise<number[]> {
  const r = await hook(server, '/trigger', { contract, event, stream, ...extra });
  if (r.status !== 200) throw new Error(`trigger answered ${r.status}: ${JSON.stringify(r.json)}`);
  return (r.json.published as { seq: number }[]).map((p) => p.seq);
}

export async function getJson(url: string, bearer?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Resolves once `predicate` holds, re-checking on every event-loop turn, failing after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

/** One SSE event as the parser sees it (`id`/`event` absent when the server sent no such line). */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
  json: Frame;
}

/** A Server-Sent Events client over plain `http.get` and eventsource-parser: events, comments and `retry:`, awaited with deadlines. */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  ended = false;
  private consumed = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly status: number,
    readonly headers: Record<string, string | string[] | undefined>,
    readonly body: string,
    private readonly req: import('node:http').ClientRequest,
  ) {}

  feedFrom(res: import('node:http').IncomingMessage, parser: { feed(chunk: string): void }): void {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      parser.feed(chunk);
      this.wake();
    });
    res.on('close', () => {
      this.ended = true;
      this.wake();
    });
  }

  wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }

  /** The next unconsumed event matching `predicate`. */
  next(predicate: (e: SseEvent) => boolean = () => true, timeoutMs = 3000): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching SSE event within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(this.consumed)).slice(0, 600)}`)), timeoutMs);
      const check = () => {
        for (let i = this.consumed; i < this.events.length; i++) {
          if (predicate(this.events[i]!)) {
            this.consumed = i + 1;
            clearTimeout(timer);
            return resolve(this.events[i]!);
          }
        }
        if (this.ended) {
          clearTimeout(timer);
          return reject(new Error('the stream ended before a matching event'));
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  /** Resolves once `n` comments arrived. */
  waitComments(n: number, timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.comments.length} of ${n} comments within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (this.comments.length >= n) {
          clearTimeout(timer);
          return resolve();
        }
        if (this.ended) {
          clearTimeout(timer);
          return reject(new Error('the stream ended'));
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  waitEnd(timeoutMs = 3000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stream not ended within ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (this.ended) {
          clearTimeout(timer);
          return resolve();
        }
        this.waiters.push(check);
      };
      check();
    });
  }

  close(): void {
    this.req.destroy();
  }
}

/** GETs an SSE endpoint; resolves with the client once the head arrived (a refusal's body is read whole). */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const { get } = await import('node:http');
  const { createParser } = await import('eventsource-parser');
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(new SseClient(status, res.headers, body, req)));
        return;
      }
      const client = new SseClient(status, res.headers, '', req);
      open.push(async () => client.close());
      const parser = createParser({
        onEvent: (e) => {
          let json: Frame;
          try {
            json = JSON.parse(e.data);
          } catch {
            json = { unparsable: e.data };
          }
          client.events.push({ ...(e.id !== undefined ? { id: e.id } : {}), ...(e.event !== undefined ? { event: e.event } : {}), data: e.data, json });
        },
        onComment: (c) => client.comments.push(c),
        onRetry: (ms) => (client.retry = ms),
      });
      client.feedFrom(res, parser);
      resolve(client);
    });
    req.on('error', reject);
  });
}
