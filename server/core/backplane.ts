/**
 * The backplane: how a published event reaches the subscribers of every server instance, and where a
 * stream's `seq` is assigned — once per stream, whichever instance publishes. Like a socket.io
 * adapter, the server never knows which implementation it talks to. In memory by default; a Redis
 * implementation (INCR per stream for `seq`, pub/sub for fan-out) plugs in behind the same interface.
 */
import type { HeartbeatTimers } from '../../protocol/hooks.js';
import type { Frame } from './frames.js';

/** One event on its way to subscribers: `frame` already carries `seq` and `ts`. */
export interface StreamEvent {
  contract: string;
  stream: string;
  seq: number;
  frame: Frame;
}

/** A contract as a durable backplane needs it: how many events of each stream its history keeps. */
export interface BackplaneContract {
  contract: string;
  replayBuffer: number;
}

/** What a shared backplane reports for `/metrics`. */
export interface BackplaneObserver {
  /** An event arrived `ms` after it was published (on whichever instance). */
  lag(ms: number): void;
  /** The connection to the broker was restored after a loss. */
  reconnected(): void;
}

/** The backplane cannot reach its broker: the event was not published (the trigger hook answers 503). */
export class BackplaneUnavailableError extends Error {
  override readonly name = 'BackplaneUnavailableError';
}

export interface Backplane {
  readonly name: string;
  /**
   * Optional: assigns the next `seq` and publishes in one atomic step, resolving with the seq once the
   * event was delivered locally. A backplane shared by several instances implements it so that seq
   * order is publish order by construction (no reordering on receipt); `frame` has no `seq` yet.
   * When present, the streams use it instead of `nextSeq` + `publish`.
   */
  publishNext?(contract: string, stream: string, frame: Frame): Promise<number>;
  /** Optional: sets what to do when *another* instance reset a contract (undefined: all), so `/reset` resets every instance. */
  onRemoteReset?(handler: (contract: string | undefined, heartbeat?: HeartbeatTimers) => void): void;
  /**
   * Optional: the test hooks' state step (a stream exists, with its members' `sub`s) for every other
   * instance; a shared backplane resolves once they all applied it (through `onRemoteProvision`).
   */
  provision?(contract: string, stream: string, members: string[]): Promise<void>;
  /** Optional: what to do when another instance received a state step. */
  onRemoteProvision?(handler: (contract: string, stream: string, members: string[]) => void): void;
  /**
   * Optional, for a backplane with durable history: called once at start, after `onEvent`, with the
   * contracts served. History is kept bounded by their `replayBuffer`, and what the broker still holds
   * is delivered to the receiver before the server listens, so an instance started after the events
   * (or whose connection dropped) can replay them.
   */
  attach?(contracts: readonly BackplaneContract[]): Promise<void>;
  /**
   * Optional, for limits that count across instances: takes one of `ip`'s `limit` connection slots
   * of `contract` (false: all taken, refuse). Without it each instance counts its own connections.
   */
  acquireConnection?(contract: string, ip: string, limit: number): Promise<boolean>;
  /** Optional: where a shared backplane reports its lag and reconnects. */
  observe?(observer: BackplaneObserver): void;
  /** Gives back a slot `acquireConnection` took. */
  releaseConnection?(contract: string, ip: string): void;
  /** Assigns the next `seq` of a stream (1 for its first event), atomically across instances. */
  nextSeq(contract: string, stream: string): Promise<number>;
  /** Delivers `event` to the receiver of every instance (this one included), exactly once each, in publish order per stream. */
  publish(event: StreamEvent): Promise<void>;
  /** Sets this instance's receiver. */
  onEvent(receiver: (event: StreamEvent) => void): void;
  /** Forgets the seq counters of one contract (all contracts when omitted): the next event of every stream is seq 1. A shared backplane resolves once every instance has reset too. */
  reset(contract?: string, heartbeat?: HeartbeatTimers): Promise<void>;
  close(): Promise<void>;
}

/** Single-process backplane: a counter map and a direct call. Zero setup, the default. */
export class InMemoryBackplane implements Backplane {
  readonly name = 'memory';
  private readonly counters = new Map<string, number>();
  private receiver: ((event: StreamEvent) => void) | undefined;

  async nextSeq(contract: string, stream: string): Promise<number> {
    const key = `${contract}\u0000${stream}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  async publish(event: StreamEvent): Promise<void> {
    this.receiver?.(event);
  }

  onEvent(receiver: (event: StreamEvent) => void): void {
    this.receiver = receiver;
  }

  async reset(contract?: string): Promise<void> {
    if (contract === undefined) return this.counters.clear();
    for (const key of [...this.counters.keys()]) if (key.startsWith(`${contract}\u0000`)) this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.receiver = undefined;
  }
}
