/**
 * The contract model arranged for reading: what both docs renderers (Markdown, HTML) show, decided
 * once. Messages keep document order; each gets a unique anchor; payloads and polling responses are
 * flattened into field rows; authority, auth, channels, polling, SLO and close codes are collected.
 */
import type { ChannelModel, ContractModel, Direction, MessageModel, PollingEndpoint, Refusal, SecuritySchemeModel, ServerModel } from '../contract/model.js';
import { slug } from './escape.js';
import { payloadRows, type FieldRow } from './schema-rows.js';

export interface DocOutline {
  id: string;
  title: string;
  version: string;
  asyncapi: string;
  /** The source document as shown in the do-not-edit header, e.g. `asyncapi/taskforge.yaml`. */
  source: string;
  description?: string;
  messages: MessageDoc[];
  /** Message lists per direction, for the index; a message used both ways is in both. */
  directions: { direction: Direction; label: string; messages: MessageDoc[] }[];
  channels: ChannelDoc[];
  auth: AuthDoc;
  polling: PollingDoc[];
  slo?: { p50Ms?: number; p95Ms: number; p99Ms?: number };
  closeCodes: { code: string; name: string; description: string }[];
  /** Limits and heartbeat as label/value pairs, e.g. `['Max payload', '8192 bytes']`. */
  limits: [string, string][];
}

export interface MessageDoc {
  anchor: string;
  id: string;
  /** The wire `type` discriminator, else the message id. */
  label: string;
  hasType: boolean;
  title?: string;
  summary?: string;
  description?: string;
  directions: Direction[];
  channels: string[];
  control: boolean;
  since?: string;
  authority?: { kind: 'state' | 'hint'; text: string };
  /** Messages the server answers this one with (request/reply operations). */
  replies: { anchor: string; label: string }[];
  rows: FieldRow[];
  examples: { name?: string; summary?: string; json: string }[];
}

export interface ChannelDoc {
  anchor: string;
  id: string;
  address: string;
  title?: string;
  description?: string;
  parameters: { name: string; description?: string; values: string[] }[];
  access?: { rule: string; key?: string; description: string };
  stream?: { key: string; subscribe?: string; unsubscribe?: string };
  /** How the channel is reached: a WebSocket, or Server-Sent Events with its timers. */
  transport: string;
  messages: { anchor: string; label: string }[];
}

export interface AuthDoc {
  schemes: SecuritySchemeModel[];
  servers: (ServerModel & { url: string })[];
  refusal: [string, string][];
  versioning: string[];
}

export interface PollingDoc {
  method: string;
  path: string;
  intervalMs: number;
  describes: { anchor?: string; label: string }[];
  description?: string;
  rows: FieldRow[];
}

export const DIRECTION_LABEL: Record<Direction, string> = {
  'server-to-client': 'server → client',
  'client-to-server': 'client → server',
};

export function outline(contract: ContractModel, source: string): DocOutline {
  const anchors = new Set<string>();
  const unique = (base: string) => {
    let a = base;
    for (let n = 2; anchors.has(a); n++) a = `${base}-${n}`;
    anchors.add(a);
    return a;
  };
  const messageAnchor = new Map<string, string>(contract.messages.map((m) => [m.id, unique(slug('msg', m.id))]));
  const byType = new Map(contract.messages.filter((m) => m.type).map((m) => [m.type!, m]));
  const ref = (id: string) => ({ anchor: messageAnchor.get(id)!, label: labelOf(contract.messages.find((m) => m.id === id)!) });
  const polling = contract.specwire?.polling ?? [];
  const messages = contract.messages.map((m) => messageDoc(contract, m, messageAnchor.get(m.id)!, ref, polling));
  const directions = (['server-to-client', 'client-to-server'] as const).map((direction) => ({
    direction,
    label: DIRECTION_LABEL[direction],
    messages: messages.filter((m) => m.directions.includes(direction)),
  }));
  return {
    id: contract.id,
    title: contract.title,
    version: contract.version,
    asyncapi: contract.asyncapi,
    source,
    description: contract.description,
    messages,
    directions,
    channels: contract.channels.map((c) => channelDoc(c, unique(slug('channel', c.id)), ref, contract)),
    auth: authDoc(contract),
    polling: polling.map((p) => pollingDoc(p, byType, messageAnchor)),
    slo: contract.specwire?.slo,
    closeCodes: Object.entries(contract.specwire?.closeCodes ?? {})
      .map(([code, c]) => ({ code, name: c.name, description: c.description }))
      .sort((a, b) => Number(a.code) - Number(b.code) || (a.code < b.code ? -1 : 1)),
    limits: limitsOf(contract),
  };
}

function labelOf(m: MessageModel): string {
  return m.type ?? m.id;
}

function messageDoc(contract: ContractModel, m: MessageModel, anchor: string, ref: (id: string) => { anchor: string; label: string }, polling: PollingEndpoint[]): MessageDoc {
  const replies = contract.operations.filter((o) => o.messageIds.includes(m.id)).flatMap((o) => o.replyMessageIds);
  return {
    anchor,
    id: m.id,
    label: labelOf(m),
    hasType: m.type !== undefined,
    title: m.title,
    summary: m.summary,
    description: m.description,
    directions: m.directions,
    channels: m.channelIds.map((id) => contract.channels.find((c) => c.id === id)?.address ?? id),
    control: m.control,
    since: m.since,
    authority: m.authority ? { kind: m.authority, text: authorityText(m, polling) } : undefined,
    replies: [...new Set(replies)].map(ref),
    rows: payloadRows(m.payload),
    examples: m.examples.map((e) => ({ name: e.name, summary: e.summary, json: JSON.stringify(e.payload, null, 2) })),
  };
}

/** What a client does with the frame (`x-specwire-authority`). */
function authorityText(m: MessageModel, polling: PollingEndpoint[]): string {
  if (m.authority === 'state') return 'Authoritative state: the payload is the new state; apply it as is, no refetch needed.';
  const endpoints = polling.filter((p) => m.type && p.describes.includes(m.type)).map((p) => `${p.method} ${p.path}`);
  return `Refresh hint: the payload only says that something changed; refetch ${endpoints.length ? endpoints.join(' or ') : 'the state over HTTP'} for the data.`;
}

function channelDoc(c: ChannelModel, anchor: string, ref: (id: string) => { anchor: string; label: string }, contract: ContractModel): ChannelDoc {
  return {
    anchor,
    id: c.id,
    address: c.address,
    title: c.title,
    description: c.description,
    parameters: c.parameters.map((p) => ({ name: p.name, description: p.description, values: [...(p.enum ?? []), ...(p.examples ?? [])] })),
    access: c.access,
    stream: c.stream,
    transport: c.sse
      ? `Server-Sent Events (\`GET\`, \`text/event-stream\`; \`id:\` = \`seq\`, resume with \`Last-Event-ID\`): \`retry:\` ${c.sse.retryMs} ms, a \`: ping\` comment at least every ${c.sse.heartbeatIntervalMs} ms${c.sse.of ? `, the frames of channel \`${c.sse.of}\`` : ''}`
      : 'WebSocket',
    messages: c.messageIds.filter((id) => contract.messages.some((m) => m.id === id)).map(ref),
  };
}

function authDoc(contract: ContractModel): AuthDoc {
  const sw = contract.specwire;
  const refusal: [string, string][] = [];
  const refusalText = (r: Refusal) => ('http' in r ? `HTTP ${r.http} before the upgrade` : `close code ${r.close} after the upgrade`);
  if (sw?.refusal) {
    refusal.push(['Unauthenticated (no, malformed, expired or wrongly signed token)', refusalText(sw.refusal.unauthenticated)]);
    if (sw.refusal.forbidden) refusal.push(['Forbidden (valid token, no access)', refusalText(sw.refusal.forbidden)]);
    if (sw.refusal.foreignOrigin) refusal.push([`Foreign origin (a page not served by the server${sw.allowedOrigins?.length ? ` nor by ${sw.allowedOrigins.join(', ')}` : ''})`, refusalText(sw.refusal.foreignOrigin)]);
  }
  const versioning: string[] = [];
  if (sw?.versioning?.subprotocol) versioning.push(`WebSocket subprotocol ${sw.versioning.subprotocol}`);
  if (sw?.versioning?.query) versioning.push(`query parameter ?${sw.versioning.query}=<major>`);
  return {
    schemes: contract.securitySchemes,
    servers: contract.servers.map((s) => ({ ...s, url: `${s.protocol}://${s.host}${s.pathname ?? ''}` })),
    refusal,
    versioning,
  };
}

function pollingDoc(p: PollingEndpoint, byType: Map<string, MessageModel>, anchors: Map<string, string>): PollingDoc {
  return {
    method: p.method,
    path: p.path,
    intervalMs: p.intervalMs,
    describes: p.describes.map((type) => ({ anchor: byType.has(type) ? anchors.get(byType.get(type)!.id) : undefined, label: type })),
    description: p.description,
    rows: p.response ? payloadRows(p.response) : [],
  };
}

function limitsOf(contract: ContractModel): [string, string][] {
  const l = contract.specwire?.limits;
  const h = contract.specwire?.heartbeat;
  const out: [string, string][] = [];
  if (l?.maxPayloadBytes !== undefined) out.push(['Max frame size', `${l.maxPayloadBytes} bytes`]);
  if (l?.messagesPerSecond !== undefined) out.push(['Client messages per second', `${l.messagesPerSecond} (more are dropped with a \`rate_limited\` error)`]);
  if (l?.messagesPerSecondBeforeClose !== undefined) out.push(['Closed with 4429 above', `${l.messagesPerSecondBeforeClose} frames in one second`]);
  if (l?.malformedFramesBeforeClose !== undefined) out.push(['Malformed frames before a 4400 close', `${l.malformedFramesBeforeClose} (each answered with an \`error\`; the server may close right after the last)`]);
  if (l?.connectionsPerIp !== undefined) out.push(['Connections per IP', String(l.connectionsPerIp)]);
  if (l?.throttle) out.push(['Throttle', `at most one of ${l.throttle.types.join(', ')} per stream every ${l.throttle.windowMs} ms (batched)`]);
  if (l?.replayBuffer !== undefined) out.push(['Replay buffer (resume)', `${l.replayBuffer} frames per stream`]);
  if (l?.sendBufferBytes !== undefined) out.push(['Send buffer per connection', `${l.sendBufferBytes} bytes; a client that stops reading past it is closed with 4508, the others are not held up`]);
  if (h) out.push(['Heartbeat', `client pings every ${h.pingIntervalMs} ms; idle connections reaped after ${h.idleTimeoutMs} ms${h.protocolPings ? `; the server sends protocol pings every ${h.pingIntervalMs} ms and drops a peer silent for two` : ''}`]);
  return out;
}
