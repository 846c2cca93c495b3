/**
 * A taskforge client for the multi-instance fault tests, written the way the contract tells a client
 * to behave: it subscribes to one team, checks that `seq` goes up by one, resumes with `lastSeq` on
 * another instance when its connection drops, and answers `resync` with the polling snapshot
 * (`GET /api/teams/{teamId}/activity?after=`). It records every problem instead of throwing, so a
 * test can assert "no gap, no duplicate" at the end, and which instances it used.
 */
import WebSocket from 'ws';
import type { ServeProcess } from '../../support/serve-process.js';

export type Frame = Record<string, any>;

export class Follower {
  /** Activity frames by seq, whichever way they came (live, replay, snapshot). */
  readonly bySeq = new Map<number, Frame>();
  /** Gaps and duplicates seen on the live stream, one line each. */
  readonly problems: string[] = [];
  /** `resync` frames received (each answered with a snapshot). */
  readonly resyncs: Frame[] = [];
  /** Instance index per connection, in order. */
  readonly used: number[] = [];
  lastSeq = 0;
  /** The seq this follower started after (its first subscribe's `lastSeq`, else 0). */
  from = 0;
  private ws: WebSocket | undefined;
  private current = -1;
  private stopping = false;
  private syncing: Promise<void> | undefined;
  private held: Frame[] = [];
  private waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    private readonly instances: () => (ServeProcess | undefined)[],
    private readonly token: string,
  ) {}

  /** Connects to instance `index` and subscribes (resuming after `lastSeq` when given); resolves on the ack. */
  connect(index: number, lastSeq?: number): Promise<void> {
    const inst = this.instances()[index];
    if (!inst || inst.exited) return Promise.reject(new Error(`${this.name}: instance ${index} is gone`));
    this.current = index;
    if (!this.used.length && lastSeq !== undefined) this.from = this.lastSeq = lastSeq;
    this.used.push(index);
    const ws = new WebSocket(`${inst.wsUrl}/realtime?token=${this.token}`, ['taskforge.v1']);
    this.ws = ws;
    return new Promise((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', teamId: 'team-a', ...(lastSeq === undefined ? {} : { lastSeq }) })));
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as Frame;
        if (f.type === 'subscribed') resolve();
        this.onFrame(f);
      });
      ws.on('error', (err) => reject(err));
      ws.on('close', () => {
        reject(new Error(`${this.name}: closed before the ack`));
        if (this.ws === ws && !this.stopping) void this.failover();
      });
    });
  }

  /** The connection dropped: resume on the next live instance, with the last seq seen. */
  private async failover(): Promise<void> {
    const all = this.instances();
    for (let step = 1; step <= all.length * 3 && !this.stopping; step++) {
      const next = (this.current + step) % all.length;
      if (!all[next] || all[next]!.exited || next === this.current) continue;
      try {
        return await this.connect(next, this.lastSeq);
      } catch {
        // that one is gone too: try the next
      }
    }
    this.problems.push(`${this.name}: no instance to fail over to`);
  }

  private onFrame(f: Frame): void {
    if (f.type === 'resync') {
      this.resyncs.push(f);
      this.syncing ??= this.snapshot(f).finally(() => {
        this.syncing = undefined;
        const held = this.held;
        this.held = [];
        for (const h of held) this.onEvent(h);
      });
      return;
    }
    if (f.type !== 'activity') return;
    if (this.syncing) return void this.held.push(f);
    this.onEvent(f);
  }

  private onEvent(f: Frame): void {
    const seq = f.seq as number;
    if (seq <= this.lastSeq) {
      // After a snapshot, live events it already covered are expected; before, they are duplicates.
      if (!this.bySeq.has(seq) || this.resyncs.length === 0) this.problems.push(`${this.name}: duplicate seq ${seq} (last ${this.lastSeq})`);
      return;
    }
    if (seq !== this.lastSeq + 1) this.problems.push(`${this.name}: gap ${this.lastSeq} -> ${seq} without resync`);
    this.record(f);
  }

  private record(f: Frame): void {
    this.bySeq.set(f.seq as number, f);
    this.lastSeq = Math.max(this.lastSeq, f.seq as number);
    for (const w of [...this.waiters]) w();
  }

  /** The polling snapshot after a resync: the feed after the last seq seen, on the instance that said resync. */
  private async snapshot(resync: Frame): Promise<void> {
    const inst = this.instances()[this.current]!;
    let after = this.lastSeq;
    for (;;) {
      const res = await fetch(`${inst.httpUrl}/api/teams/team-a/activity?after=${after}&limit=500`, { headers: { authorization: `Bearer ${this.token}` } });
      const body = (await res.json()) as { seq: number; items: Frame[]; hasMore: boolean };
      for (const item of body.items) if ((item.seq as number) > this.lastSeq) this.record(item);
      if (!body.hasMore || !body.items.length) break;
      after = body.items.at(-1)!.seq as number;
    }
    // The snapshot stands for everything up to the resync point, whatever the feed could still list.
    this.lastSeq = Math.max(this.lastSeq, resync.seq as number);
    for (const w of [...this.waiters]) w();
  }

  /** Resolves once the follower has seen (or been resynced past) `seq`. */
  waitFor(seq: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.lastSeq < seq || this.syncing) return false;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${this.name} reached seq ${this.lastSeq}, not ${seq}, within ${timeoutMs} ms (instances used: ${this.used.join(' -> ')}; problems: ${this.problems.join('; ') || 'none'})`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  close(): void {
    this.stopping = true;
    this.ws?.terminate();
  }
}
