/**
 * What the client needs to know about a contract: the descriptor that `specwire generate` writes to
 * `generated/<id>/client.js` (codegen/emit-client.ts). Typed structurally, so any contract's
 * descriptor fits and the client never imports a particular contract.
 */

export type FieldPlace = 'top' | 'payload';

export type DecodeOutcome = { ok: true; message: unknown } | { ok: false; error: { kind: string; message: string; path?: string } };

export interface PollingFacts {
  /** Path template relative to the HTTP base URL, e.g. `/api/teams/{teamId}/activity`. */
  readonly path: string;
  readonly intervalMs: number;
  /** `feed`: the very event frames, paged with `?after=<seq>`; `snapshot`: current state with its `seq`. */
  readonly kind: 'feed' | 'snapshot';
  /** The path parameter that names the stream, when there is one. */
  readonly streamParam?: string;
  readonly describes: readonly string[];
}

export interface ClientContract<Messages = unknown> {
  readonly id: string;
  readonly version: string;
  readonly major: number;
  /** WebSocket channel address template, e.g. `/api/ws/events/{eventId}`. */
  readonly address: string;
  readonly params: readonly string[];
  readonly stream: {
    readonly key: string;
    readonly mode: 'subscribe' | 'address';
    readonly subscribe?: { readonly type: string; readonly key: FieldPlace; readonly lastSeq?: FieldPlace };
    readonly unsubscribe?: { readonly type: string; readonly key: FieldPlace };
    readonly ack?: string;
    readonly resumeQuery?: string;
  };
  readonly versioning: { readonly subprotocol?: string; readonly query?: string };
  readonly token: { readonly query?: string; readonly bearer: boolean };
  readonly heartbeat: { readonly pingIntervalMs: number; readonly idleTimeoutMs: number; readonly ping?: string; readonly pong?: string };
  /** Server message types that are stream events (carry `seq`). */
  readonly events: readonly string[];
  /** `x-specwire-authority` per event type: `state` is delivered as is; a `hint` also makes the client refetch the state. */
  readonly authority: Readonly<Record<string, 'state' | 'hint'>>;
  readonly control: { readonly resync?: string; readonly error?: string };
  readonly polling: readonly PollingFacts[];
  decode(data: string): DecodeOutcome;
  validate(value: unknown): DecodeOutcome;
  encode(message: never): { ok: true; data: string } | { ok: false; error: { message: string } };
  /** Type-level only: server frame type by `type` value. */
  readonly messages?: Messages;
  /** Type-level only: the body of the stream's snapshot endpoint. */
  readonly state?: unknown;
}

/** Reads a field from a flat frame or from its `payload` envelope (both wire shapes exist). */
export function fieldOf(frame: unknown, name: string): unknown {
  if (!frame || typeof frame !== 'object') return undefined;
  const f = frame as Record<string, unknown>;
  if (name in f) return f[name];
  const payload = f.payload;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>)[name] : undefined;
}

/** Builds a client frame with each field where the contract puts it. */
export function shapeFrame(type: string, fields: Record<string, { value: unknown; place: FieldPlace | undefined }>): Record<string, unknown> {
  const frame: Record<string, unknown> = { type };
  for (const [name, { value, place }] of Object.entries(fields)) {
    if (value === undefined || place === undefined) continue;
    if (place === 'top') frame[name] = value;
    else ((frame.payload ??= {}) as Record<string, unknown>)[name] = value;
  }
  return frame;
}

/** Fills `{param}` placeholders; a missing value is a programmer error. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}: pass it in options.params or subscribe to it`);
    return encodeURIComponent(value);
  });
}

/**
 * The WebSocket URL of one connection attempt: origin + channel address (stream and `params`
 * filled in), token and wire version in the query where the contract puts them, and the resume
 * point for a stream named in the URL. Throws when a path parameter has no value.
 */
export function connectionUrl(
  contract: ClientContract,
  args: { origin: string; params: Readonly<Record<string, string>> | undefined; stream: string | undefined; resumeAt: number | undefined; token: string | undefined },
): string {
  const c = contract;
  const path = fillTemplate(c.address, { ...args.params, ...(args.stream !== undefined ? { [c.stream.key]: args.stream } : {}) });
  const query = new URLSearchParams();
  if (c.token.query && args.token) query.set(c.token.query, args.token);
  if (c.versioning.query) query.set(c.versioning.query, String(c.major));
  if (c.stream.resumeQuery && args.resumeAt !== undefined) query.set(c.stream.resumeQuery, String(args.resumeAt));
  const qs = query.toString();
  return `${args.origin.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}
