/**
 * `GET /metrics` in the Prometheus text format (prom-client), one Registry per server so several
 * servers in one process (tests) keep their own series. Values are read from the runtimes when
 * scraped (gauges and counters with `collect`), so the hot paths only bump plain numbers.
 *
 * Stream ids can name customers (teams, games, events): series labelled by stream live in a second
 * registry that is served only to callers allowed to see them — always in test mode (hooks on),
 * otherwise only with `Authorization: Bearer <metricsToken>`.
 */
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Backplane } from './backplane.js';
import type { ContractRuntime } from './contract-runtime.js';
import type { StreamCounters } from './streams.js';

export class PrometheusMetrics {
  private readonly base = new Registry();
  private readonly streams = new Registry();

  constructor(
    runtimes: readonly ContractRuntime[],
    backplane: Backplane,
    private readonly access: { hooks: boolean; token?: string },
  ) {
    collectDefaultMetrics({ register: this.base }); // standard names (process_*, nodejs_*): what dashboards expect
    const base = [this.base];
    const perContract = (name: string, help: string, read: (rt: ContractRuntime) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['contract'],
        registers: base,
        collect() {
          for (const rt of runtimes) this.set({ contract: rt.id }, read(rt));
        },
      });
    perContract('specwire_connections', 'Open connections (WebSocket and SSE) per contract', (rt) => rt.sessions.size);
    perContract('specwire_subscriptions', 'Stream subscriptions of local connections per contract', (rt) => Object.values(rt.streams.stats()).reduce((n, s) => n + s.subscribers, 0));
    perContract('specwire_streams', 'Streams this instance holds (seq, buffer, state) per contract', (rt) => Object.keys(rt.streams.stats()).length);
    const counted = (name: string, help: string, key: keyof StreamCounters) =>
      new Counter({
        name,
        help,
        labelNames: ['contract'],
        registers: base,
        collect() {
          this.reset();
          for (const rt of runtimes) this.inc({ contract: rt.id }, rt.streams.counters[key]);
        },
      });
    counted('specwire_events_published_total', 'Events published through this instance (seq assigned)', 'published');
    counted('specwire_events_delivered_total', 'Event frames delivered live to local subscribers (one per subscriber)', 'delivered');
    counted('specwire_events_replayed_total', 'Events replayed to resuming clients', 'replayed');
    counted('specwire_resyncs_total', 'resync answers (resume beyond the buffer or ahead of the stream, or a gap the backplane could not fill)', 'resyncs');
    new Counter({
      name: 'specwire_refusals_total',
      help: 'Refused handshakes (kind http, code = status) and server-initiated closes other than 1000/1001 (kind close, code = close code)',
      labelNames: ['contract', 'kind', 'code'],
      registers: base,
      collect() {
        this.reset();
        for (const rt of runtimes) {
          for (const [key, n] of rt.refusals) {
            const [kind, code] = key.split(' ') as [string, string];
            this.inc({ contract: rt.id, kind, code }, n);
          }
        }
      },
    });
    const lag = new Histogram({
      name: 'specwire_backplane_lag_seconds',
      help: 'Time from publish (any instance) to arrival on this instance over the backplane',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: base,
    });
    const reconnects = new Counter({ name: 'specwire_backplane_reconnects_total', help: 'Backplane connections restored after a loss', registers: base });
    new Gauge({
      name: 'specwire_backplane_info',
      help: 'The backplane in use (label backplane: memory or redis)',
      labelNames: ['backplane'],
      registers: base,
      collect() {
        this.set({ backplane: backplane.name }, 1);
      },
    });
    backplane.observe?.({ lag: (ms) => lag.observe(ms / 1000), reconnected: () => reconnects.inc() });

    const streams = [this.streams];
    const perStream = (name: string, help: string, read: (s: { subscribers: number; seq: number; buffered: number }) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['contract', 'stream'],
        registers: streams,
        collect() {
          this.reset();
          for (const rt of runtimes) for (const [stream, s] of Object.entries(rt.streams.stats())) this.set({ contract: rt.id, stream }, read(s));
        },
      });
    perStream('specwire_stream_subscribers', 'Local subscribers per stream', (s) => s.subscribers);
    perStream('specwire_stream_seq', 'Latest seq applied on this instance per stream', (s) => s.seq);
    perStream('specwire_stream_buffered', 'Events in the replay buffer per stream', (s) => s.buffered);
  }

  get contentType(): string {
    return this.base.contentType;
  }

  /** May this request see stream ids? Test mode (hooks on) or the metrics token. */
  showsStreams(req: IncomingMessage): boolean {
    if (this.access.hooks) return true;
    if (!this.access.token) return false;
    const given = Buffer.from(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const wanted = Buffer.from(this.access.token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }

  /** The exposition text: stream-labelled series only for callers allowed to see stream ids. */
  async render(withStreams: boolean): Promise<string> {
    const text = await this.base.metrics();
    return withStreams ? `${text}\n${await this.streams.metrics()}` : text;
  }
}
