/**
 * Helpers for the client's tests: a recorder of everything a client emits with event-driven waits,
 * tokens, and triggering events on the reference server.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { ClientContract, ClientOptions, RealtimeClient, ResyncInfo, SnapshotInfo, StateChange, ClientError, JoinInfo } from '../../client/index.js';
import { createClient } from '../../client/index.js';
import type { ReferenceServer } from '../../server/index.js';
import { hook, token } from '../server/helpers.js';

export interface Seen {
  type: string;
  stream: string;
  seq: number;
  frame: Record<string, any>;
}

/** Records what the app sees and lets a test wait, with a deadline, until a condition on it holds. */
export class Recorder {
  readonly events: Seen[] = [];
  readonly resyncs: ResyncInfo[] = [];
  readonly snapshots: SnapshotInfo[] = [];
  readonly errors: ClientError[] = [];
  readonly states: StateChange[] = [];
  readonly joins: JoinInfo[] = [];
  private waiters = new Set<() => void>();

  attach<C extends ClientContract<any>>(client: RealtimeClient<C>): this {
    const on = client.on.bind(client) as (type: string, handler: (...args: any[]) => void) => () => void;
    for (const type of client.contract.events) {
      on(type, (frame: Record<string, any>, meta: { stream: string; seq: number }) => this.push(() => this.events.push({ type, stream: meta.stream, seq: meta.seq, frame })));
    }
    on('resync', (r: ResyncInfo) => this.push(() => this.resyncs.push(r)));
    on('snapshot', (s: SnapshotInfo) => this.push(() => this.snapshots.push(s)));
    on('error', (e: ClientError) => this.push(() => this.errors.push(e)));
    on('state', (s: StateChange) => this.push(() => this.states.push(s)));
    on('joined', (j: JoinInfo) => this.push(() => this.joins.push(j)));
    return this;
  }

  private push(fn: () => void): void {
    fn();
    for (const w of [...this.waiters]) w();
  }

  seqs(stream?: string): number[] {
    return this.events.filter((e) => stream === undefined || e.stream === stream).map((e) => e.seq);
  }

  stateNames(): string[] {
    return this.states.map((s) => s.state);
  }

  /** Resolves when `predicate` holds after some emission; rejects after `timeoutMs` with what was seen. */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${what}: not reached within ${timeoutMs} ms; seqs ${JSON.stringify(this.seqs())}, states ${JSON.stringify(this.stateNames())}, resyncs ${JSON.stringify(this.resyncs.map((r) => r.reason))}, errors ${JSON.stringify(this.errors.map((e) => `${e.kind}: ${e.message}`)).slice(0, 800)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Waits for the next join acknowledgement (after any so far). */
  nextJoin(what = 'join', timeoutMs = 10_000): Promise<void> {
    const from = this.joins.length;
    return this.waitFor(() => this.joins.length > from, what, timeoutMs);
  }

  waitForState(state: string, what = `state ${state}`, timeoutMs = 10_000): Promise<void> {
    const from = this.states.length;
    return this.waitFor(() => this.states.slice(from).some((s) => s.state === state), what, timeoutMs);
  }
}

/** 1..n */
export const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Publishes `count` events on a stream through the test hooks; returns their seqs. */
export async function publish(server: { hooksUrl?: string; httpUrl: string }, contract: string, event: string, stream: string, count = 1): Promise<number[]> {
  const r = await hook(server as ReferenceServer, '/trigger', { contract, event, stream, count });
  if (r.status !== 200) throw new Error(`trigger answered ${r.status}: ${JSON.stringify(r.json)}`);
  return (r.json.published as { seq: number }[]).map((p) => p.seq);
}

/** Posts `count` media items with distinct ids to a media-timeline event (the hook's example reuses one id). */
export async function postMedia(server: { hooksUrl?: string; httpUrl: string }, eventId: string, count: number): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await hook(server as ReferenceServer, '/trigger', { contract: 'media-timeline', event: 'media:new', stream: eventId, payload: { payload: { id: randomUUID(), caption: `item ${i}` } } });
    if (r.status !== 200) throw new Error(`trigger answered ${r.status}: ${JSON.stringify(r.json)}`);
    seqs.push(...(r.json.published as { seq: number }[]).map((p) => p.seq));
  }
  return seqs;
}

const clients: { close(): void }[] = [];

/** A client on `ws` with fast test timings; closed by `closeClients`. */
export function makeClient<C extends ClientContract<any>>(contract: C, options: Partial<ClientOptions> & { url: string }): RealtimeClient<C> {
  const client = createClient(contract, {
    WebSocket: WebSocket as any,
    backoff: { initialMs: 20, maxMs: 200, maxAttemptsPerMinute: 600 },
    stableAfterMs: 300,
    pollIntervalMs: 100,
    ...options,
  });
  clients.push(client);
  return client;
}

export function closeClients(): void {
  while (clients.length) clients.pop()!.close();
}

export const teamToken = (team: string, expiresIn?: number) => token('taskforge', { sub: 'u-1', teams: [team] }).then((t) => (expiresIn === undefined ? t : t));
export { token };
