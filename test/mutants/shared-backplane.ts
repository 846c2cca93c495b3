/**
 * Several reference-server instances in one process, joined by one in-memory bus: what the Redis
 * backplane does across processes (one seq counter per stream, every publish reaches every
 * instance, a reset or a state step through one instance applies to all), so the zoo and the
 * runner's deployment tests can run several instances without Redis.
 */
import type { Backplane, StreamEvent } from '../../server/index.js';
import type { HeartbeatTimers } from '../../protocol/hooks.js';

type ResetHandler = (contract: string | undefined, heartbeat?: HeartbeatTimers) => void;
type ProvisionHandler = (contract: string, stream: string, members: string[]) => void;

export class SharedBus {
  private readonly counters = new Map<string, number>();
  private readonly receivers = new Set<(event: StreamEvent) => void>();
  private readonly resets = new Map<Backplane, ResetHandler>();
  private readonly provisions = new Map<Backplane, ProvisionHandler>();

  /** A backplane for one more instance on this bus. */
  attach(): Backplane {
    let receiver: ((event: StreamEvent) => void) | undefined;
    const bus = this;
    const self: Backplane = {
      name: 'shared-memory',
      async nextSeq(contract, stream) {
        const key = `${contract}\u0000${stream}`;
        const next = (bus.counters.get(key) ?? 0) + 1;
        bus.counters.set(key, next);
        return next;
      },
      async publish(event) {
        for (const r of [...bus.receivers]) r(event);
      },
      onEvent(r) {
        if (receiver) bus.receivers.delete(receiver);
        receiver = r;
        bus.receivers.add(r);
      },
      async reset(contract, heartbeat) {
        for (const key of [...bus.counters.keys()]) if (contract === undefined || key.startsWith(`${contract}\u0000`)) bus.counters.delete(key);
        for (const [other, handler] of bus.resets) if (other !== self) handler(contract, heartbeat);
      },
      onRemoteReset(handler) {
        bus.resets.set(self, handler);
      },
      async provision(contract, stream, members) {
        for (const [other, handler] of bus.provisions) if (other !== self) handler(contract, stream, members);
      },
      onRemoteProvision(handler) {
        bus.provisions.set(self, handler);
      },
      async close() {
        if (receiver) bus.receivers.delete(receiver);
        receiver = undefined;
        bus.resets.delete(self);
        bus.provisions.delete(self);
      },
    };
    return self;
  }
}
