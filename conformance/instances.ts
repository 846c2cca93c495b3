/**
 * A deployment under test: one or several instances of the same server (one `--url` each), and the
 * policy that places a scenario's clients on them. Behind a load balancer a client lands on any
 * instance, so the runner spreads them on purpose: connects and polls round-robin (by order of first
 * use in the scenario), a reconnect on the instance after the one it dropped, and a step's
 * `instance:` pin overrides both. Pins are taken modulo the number of instances, so a scenario
 * written for two instances runs unchanged, all on one, against a single `--url`.
 */

/** One instance: where its WebSocket (and SSE) channels and its HTTP polling endpoints are. */
export interface Instance {
  wsUrl: string;
  /** HTTP base of its polling endpoints and SSE streams. Default: `wsUrl` with `ws` → `http`. */
  httpUrl?: string;
}

/** The HTTP base of an instance whose `--http` was not given: its WebSocket URL with `ws` → `http`. */
export function httpBaseOf(wsUrl: string): string {
  return wsUrl.replace(/^ws/, 'http');
}

/**
 * Pairs each `--url` with its `--http` (same order). Without `--http` every instance's HTTP base comes
 * from its own WebSocket URL, as with a single instance. Any other count is an error rather than a
 * guess: one `--http` for several instances would leave the others' polls on an address nobody gave.
 */
export function deploymentOf(urls: string[], https: string[]): { ok: true; instances: Instance[] } | { ok: false; message: string } {
  if (https.length && https.length !== urls.length) {
    return { ok: false, message: `${https.length} http base URLs for ${urls.length} instance(s): give one --http per --url, in the same order, or none (each is derived from its --url)` };
  }
  return { ok: true, instances: urls.map((wsUrl, i) => ({ wsUrl, httpUrl: https.length === urls.length ? https[i] : httpBaseOf(wsUrl) })) };
}

/** Where one scenario's clients and polls go. One per scenario run: round-robin restarts at 0 each scenario. */
export class Placement {
  private next = 0;
  /** Instance each client (member name) is on, or was on last. */
  private readonly current = new Map<string, number>();
  /** Every instance each client used, in order (`alice` → [0, 1] after a reconnect). */
  readonly used = new Map<string, number[]>();

  constructor(readonly instances: readonly Instance[]) {
    if (!instances.length) throw new Error('a deployment has at least one instance');
  }

  get size(): number {
    return this.instances.length;
  }

  /** A connect: the pinned instance, else the client's current one if it has one, else the next round-robin. */
  connect(client: string, pinned: number | undefined): number {
    const index = pinned !== undefined ? pinned % this.size : (this.current.get(client) ?? this.take());
    return this.place(client, index);
  }

  /** A reconnect: the pinned instance, else the one after the instance dropped (the same one when there is only one). */
  reconnect(client: string, pinned: number | undefined): number {
    const dropped = this.current.get(client);
    const index = pinned !== undefined ? pinned % this.size : dropped === undefined ? this.take() : (dropped + 1) % this.size;
    return this.place(client, index);
  }

  /** A poll: the pinned instance, else the next round-robin (an HTTP request lands anywhere behind a balancer). */
  poll(pinned: number | undefined): number {
    return pinned !== undefined ? pinned % this.size : this.take();
  }

  /** The instance a client is on (or was on last); undefined before its first connect. */
  at(client: string): number | undefined {
    return this.current.get(client);
  }

  /** `alice@1` when the deployment has several instances; the bare name with one (reports read as before). */
  label(client: string): string {
    const at = this.current.get(client);
    return this.size > 1 && at !== undefined ? `${client}@${at}` : client;
  }

  /** Every client's instances, for the report; undefined with one instance. */
  summary(): Record<string, number[]> | undefined {
    return this.size > 1 && this.used.size ? Object.fromEntries(this.used) : undefined;
  }

  private take(): number {
    return this.next++ % this.size;
  }

  private place(client: string, index: number): number {
    this.current.set(client, index);
    const list = this.used.get(client) ?? [];
    if (list.at(-1) !== index) list.push(index);
    this.used.set(client, list);
    return index;
  }
}

/** `alice@0→1, bob@1`: which instance each client used, for the reporters. */
export function formatPlacement(instances: Record<string, number[]>): string {
  return Object.entries(instances)
    .map(([client, at]) => `${client}@${at.join('→')}`)
    .join(', ');
}
