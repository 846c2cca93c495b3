/**
 * Several reference-server instances in one process, joined by one in-memory bus: what the Redis
 * backplane does across processes (one seq counter per stream, every publish reaches every
 * instance), so the zoo can test a multi-instance fault without Redis.
 */
import type { Backplane, StreamEvent } from '../../server/index.js';

export class SharedBus {
  private readonly counters = new Map<string, number>();
  private readonly receivers = new Set<(event: StreamEvent) => void>();

  /** A backplane for one more instance on this bus. */
  attach(): Backplane {
    let receiver: ((event: StreamEvent) => void) | undefined;
    const bus = this;
    return {
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
      async reset(contract) {
        for (const key of [...bus.counters.keys()]) if (contract === undefined || key.startsWith(`${contract}\u0000`)) bus.counters.delete(key);
      },
      async close() {
        if (receiver) bus.receivers.delete(receiver);
        receiver = undefined;
      },
    };
  }
}
