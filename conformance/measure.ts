/**
 * The `measure` step: trigger events one at a time and time each from the moment the trigger is sent
 * to its arrival at every member of a client group; compare the percentiles with `x-specwire.slo`.
 * The hook's HTTP round trip is inside the measurement, so the figure is an upper bound.
 */
import type { ScenarioRun } from './engine.js';
import { matches } from './match.js';
import type { MeasureStep } from './scenario/types.js';

export interface LatencyStats {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export async function measureStep(run: ScenarioRun, step: MeasureStep): Promise<boolean> {
  const hooks = run.options.hooks;
  if (!hooks) {
    run.fail({ check: 'trigger', message: 'this scenario triggers events: pass --hooks <url> or --driver <module>' });
    return false;
  }
  const members = run.clients.get(step.client) ?? [];
  const pattern = step.message ?? { type: step.event };
  const latencies: number[] = [];
  for (let i = 0; i < step.samples; i++) {
    const sentAt = Date.now();
    try {
      await hooks.trigger({ contract: run.options.view.id, event: step.event, stream: step.stream, example: step.example, payload: step.payload, count: 1 }, run.signal);
    } catch (err) {
      run.fail({ check: 'trigger', message: (err as Error).message });
      return false;
    }
    const arrivals = await Promise.all(
      members.map(async (m) => {
        const conn = m.conn;
        if (!conn) return undefined;
        let scanned = 0;
        const item = await conn.waitUntil(() => {
          for (; scanned < conn.inbox.length; scanned++) {
            const x = conn.inbox[scanned]!;
            if (!x.consumed && matches(x.frame.json, pattern)) return x;
          }
          return undefined;
        }, step.within, run.signal);
        if (item) item.consumed = true;
        return item ? item.frame.receivedAt - sentAt : undefined;
      }),
    );
    const missing = arrivals.findIndex((a) => a === undefined);
    if (missing >= 0) {
      run.fail({ check: 'expect', client: members[missing]!.name, message: `sample ${i + 1}: no frame matching ${JSON.stringify(pattern)} within ${step.within} ms` });
      return false;
    }
    latencies.push(...(arrivals as number[]));
  }
  const stats = percentiles(latencies);
  run.timeline.push({ t: Date.now() - run.startedAt, client: step.client, dir: 'note', text: `latency over ${stats.samples} deliveries: p50 ${stats.p50} ms, p95 ${stats.p95} ms, p99 ${stats.p99} ms, max ${stats.max} ms` });
  const slo = run.options.view.contract.specwire?.slo;
  const over = slo
    ? ([['p50', slo.p50Ms, stats.p50], ['p95', slo.p95Ms, stats.p95], ['p99', slo.p99Ms, stats.p99]] as const).filter(([, bound, got]) => bound !== undefined && got > bound)
    : [];
  if (over.length) {
    run.fail({ check: 'latency-slo', client: step.client, message: over.map(([name, bound, got]) => `${name} ${got} ms > SLO ${bound} ms`).join(', ') + ` (${stats.samples} deliveries)` });
    return false;
  }
  return true;
}

/** Nearest-rank percentiles in whole milliseconds. */
export function percentiles(values: number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0 };
}
