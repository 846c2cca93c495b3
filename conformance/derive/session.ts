/**
 * What the derived cases of one endpoint share: connections to the endpoint (URL, credentials,
 * always-on frame checks on every frame), the case being run (its failures and timeline, which the
 * connections' frames are attributed to), pacing under the document's rate limit, and the result of
 * each case as a `ScenarioResult`, so every reporter prints derived runs like scenario runs.
 */
import type { UserClaims } from '../../protocol/claims.js';
import { checkFrame } from '../checks/registry.js';
import { ConnectionState } from '../connection-state.js';
import { TestConnection, type HandshakeOutcome, type TimelineEntry } from '../connection.js';
import type { ChannelView, ContractView } from '../contract-view.js';
import { fillAddress } from '../connect-url.js';
import { preview } from '../frame.js';
import type { Failure, ScenarioResult } from '../result.js';
import type { CheckFinding } from '../checks/check.js';
import type { DerivedCase, DerivedEndpoint, DerivedSuite } from './suite.js';
import { credentialPlace } from '../../contract/ws-server.js';
import { serverPathname } from '../../contract/ws-server.js';
import type { Handshake } from './checks/check.js';

/** Credentials from the command line, placed per the endpoint's security scheme. */
export interface Credentials {
  /** Headers sent as given (`--header 'X-Api-Key: …'`). */
  headers: Record<string, string>;
  /** Query parameters added as given (`--query token=…`). */
  query: Record<string, string>;
  /** A token (`--bearer`, or one minted with `--jwt-secret`) placed where the first scheme the upgrade can carry says. */
  token?: string;
}

export function hasCredentials(c: Credentials): boolean {
  return c.token !== undefined || Object.keys(c.headers).length > 0 || Object.keys(c.query).length > 0;
}

export interface SessionOptions {
  view: ContractView;
  suite: DerivedSuite;
  wsUrl: string;
  credentials: Credentials;
  claims: UserClaims;
  signal: AbortSignal;
  handshakeTimeoutMs: number;
  replyWithinMs: number;
}

const TAGS: Record<DerivedCase['kind'], string[]> = { refused: ['auth'], connect: ['auth'], listen: ['schema'], request: ['schema'], robustness: ['robustness'], property: ['robustness', 'schema'] };
const MAX_FAILURES_PER_CHECK = 5;
/** The always-on checks that hold a frame to the document's messages. */
const MESSAGE_CHECKS = ['known-type', 'payload-schema', 'declared-message'];

interface CaseRun {
  kase: DerivedCase;
  failures: Failure[];
  counts: Map<string, number>;
  suppressed: number;
  timeline: TimelineEntry[];
  startedAt: number;
  notes: string[];
}

export class EndpointSession {
  readonly channel: ChannelView;
  private current: CaseRun | undefined;
  private readonly opened: TestConnection[] = [];
  private lastSend = 0;
  private readonly minGapMs: number;
  private serial = 0;
  private readonly unjudged = new Set<TestConnection>();

  constructor(
    readonly derived: DerivedEndpoint,
    readonly options: SessionOptions,
  ) {
    this.channel = options.view.channel(derived.endpoint.channelIds[0])!;
    // Stay under half the declared rate limit: the suite tests the server, not its limiter.
    const rate = options.suite.model.specwire?.limits?.messagesPerSecond;
    this.minGapMs = rate ? Math.ceil(2000 / rate) : 0;
  }

  begin(kase: DerivedCase): void {
    this.current = { kase, failures: [], counts: new Map(), suppressed: 0, timeline: [], startedAt: Date.now(), notes: [] };
  }

  fail(check: string, finding: CheckFinding & { client?: string; frame?: string }): void {
    const run = this.current;
    if (!run) return;
    const key = `${check}|${finding.client ?? ''}`;
    const n = (run.counts.get(key) ?? 0) + 1;
    run.counts.set(key, n);
    if (n > MAX_FAILURES_PER_CHECK) run.suppressed++;
    else run.failures.push({ check, ...finding });
  }

  note(text: string): void {
    this.current?.notes.push(text);
    this.current?.timeline.push({ t: Date.now() - this.current.startedAt, client: 'derive', dir: 'note', text });
  }

  end(): ScenarioResult {
    const run = this.current!;
    this.current = undefined;
    const { suite } = this.options;
    return {
      contract: suite.model.id,
      name: run.kase.name,
      file: suite.model.file,
      tags: TAGS[run.kase.kind],
      status: run.failures.length || run.suppressed ? 'failed' : 'passed',
      durationMs: Date.now() - run.startedAt,
      failures: run.failures,
      suppressed: run.suppressed,
      timeline: run.timeline,
      derivedFrom: run.kase.from,
      reproduce: reproduceArgs(suite, run.kase),
    };
  }

  /** The URL, subprotocols and headers of an upgrade, with or without the credentials. */
  target(withCredentials: boolean): { url: string; headers: Record<string, string> } {
    const { wsUrl, suite, credentials } = this.options;
    const base = new URL(wsUrl);
    let basePath = base.pathname.replace(/\/+$/, '');
    const pathname = serverPathname(suite.model);
    // A base URL that already ends with the server's pathname is not given it twice.
    let path = this.derived.endpoint.path;
    if (pathname && basePath.endsWith(pathname)) basePath = basePath.slice(0, -pathname.length);
    if (!path.startsWith('/')) path = `/${path}`;
    const url = new URL(basePath + fillAddress(path, this.derived.params), base);
    for (const [k, v] of base.searchParams) url.searchParams.set(k, v);
    for (const [k, v] of Object.entries(this.derived.query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...this.derived.headers };
    if (withCredentials) {
      const place = this.derived.endpoint.security.map(credentialPlace).find((p) => p !== undefined);
      if (credentials.token !== undefined && place) {
        if (place.in === 'query') url.searchParams.set(place.name, credentials.token);
        else if (place.in === 'cookie') headers.cookie = `${place.name}=${credentials.token}`;
        else headers[place.name] = `${place.prefix ?? ''}${credentials.token}`;
      }
      for (const [k, v] of Object.entries(credentials.query)) url.searchParams.set(k, v);
      for (const [k, v] of Object.entries(credentials.headers)) headers[k.toLowerCase()] = v;
    }
    return { url: url.toString(), headers };
  }

  /** Opens a connection whose frames go through the always-on checks of the case being run. */
  async open(name: string, withCredentials: boolean): Promise<{ conn: TestConnection; handshake: Handshake; outcome: HandshakeOutcome; url: string }> {
    const { url, headers } = this.target(withCredentials);
    const session = this;
    const conn = new TestConnection(`${name}#${++this.serial}`, new ConnectionState(this.channel, this.options.claims), {
      onFrame: (c, frame) => {
        const ctx = { contract: this.options.view, channel: this.channel, conn: c.state, now: Date.now(), clockSkewMs: 2000 };
        for (const { check, finding } of checkFrame(frame, ctx)) {
          if (this.unjudged.has(c) && MESSAGE_CHECKS.includes(check)) continue;
          this.fail(check, { ...finding, client: c.name, frame: preview(frame.raw) });
        }
        c.state.observeReceived(frame);
      },
      onTransportError: (c, check, message) => this.fail(check, { message, client: c.name }),
      get timeline() {
        return session.current?.timeline ?? [];
      },
      get startedAt() {
        return session.current?.startedAt ?? Date.now();
      },
    });
    conn.params = this.derived.params;
    this.opened.push(conn);
    const maxPayload = Math.max(1 << 20, (this.options.view.maxPayloadBytes ?? 0) * 4);
    const outcome = await conn.open(url, { protocols: [], headers, timeoutMs: this.options.handshakeTimeoutMs, maxPayload, maxFrames: 10_000, maxBytes: 32 << 20, signal: this.options.signal });
    return { conn, handshake: toHandshake(outcome), outcome, url: redactUrl(url) };
  }

  /** Sends a frame, no faster than half the document's declared rate limit. */
  async send(conn: TestConnection, text: string, json?: unknown): Promise<boolean> {
    const wait = this.lastSend + this.minGapMs - Date.now();
    if (wait > 0) await delay(wait, this.options.signal);
    if (!conn.isOpen) return false;
    this.lastSend = Date.now();
    conn.send(text);
    if (json !== undefined) conn.state.observeSent(json);
    return true;
  }

  /**
   * From now on, what this connection receives is not held to the declared messages: the answers to
   * bad frames, where the document declares no error message (it says nothing about them).
   */
  answersUnjudged(conn: TestConnection): void {
    this.unjudged.add(conn);
  }

  closeAll(): void {
    for (const c of this.opened.splice(0)) c.terminate();
  }
}

function toHandshake(o: HandshakeOutcome): Handshake {
  switch (o.kind) {
    case 'open':
      return { kind: 'open' };
    case 'http':
      return { kind: 'http', status: o.status };
    case 'closed':
      return { kind: 'closed', code: o.code };
    case 'error':
      return { kind: 'error', message: o.message };
    case 'timeout':
      return { kind: 'timeout' };
  }
}

function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|access_token|api_key|apikey|key)=)[^&]*/gi, '$1…');
}

/** Pacing only (never a wait for a condition): resolves after `ms`, or at once when the run is aborted. */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function reproduceArgs(suite: DerivedSuite, kase: DerivedCase): string {
  const seeded = kase.kind === 'robustness' || kase.kind === 'property';
  return `--derive${seeded ? ` --seed ${suite.seed}` : ''}${kase.kind === 'property' ? ` --runs ${suite.runs}` : ''}`;
}
