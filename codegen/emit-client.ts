/**
 * `generated/<id>/client.js` + `client.d.ts`: the facts the typed client (`client/`) needs about a
 * contract, read from the model once at generation time — the channel address and its stream, how
 * a stream is joined and resumed, version negotiation, where the token goes, heartbeat, the event
 * types, and the polling endpoints with their kind (a feed of the very frames, or a snapshot).
 * Only for documents that opt in to specwire's conventions and have a stream channel.
 */
import type { ChannelModel, ContractModel, JsonSchema, MessageModel } from '../contract/model.js';
import { pollingKind } from '../contract/polling-kind.js';
import { type Catalog, compare } from './catalog.js';
import { generatedHeader } from './header.js';

type Place = 'top' | 'payload';

/** The descriptor as plain data (functions are added by the emitted module). */
export interface ClientFacts {
  id: string;
  version: string;
  major: number;
  address: string;
  params: string[];
  stream: {
    key: string;
    /** `subscribe`: joined with a client frame; `address`: the connection URL names the stream. */
    mode: 'subscribe' | 'address';
    subscribe?: { type: string; key: Place; lastSeq?: Place };
    unsubscribe?: { type: string; key: Place };
    /** Server frame acknowledging a subscribe, if any. */
    ack?: string;
    /** Query parameter carrying the resume point of an address-mode stream. */
    resumeQuery?: string;
  };
  versioning: { subprotocol?: string; query?: string };
  token: { query?: string; bearer: boolean };
  heartbeat: { pingIntervalMs: number; idleTimeoutMs: number; ping?: string; pong?: string };
  events: string[];
  /** `x-specwire-authority` of each event: `state` is applied as is, a `hint` makes the client refetch. */
  authority: Record<string, 'state' | 'hint'>;
  control: { resync?: string; error?: string };
  polling: { path: string; intervalMs: number; kind: 'feed' | 'snapshot'; streamParam?: string; describes: string[] }[];
}

const props = (schema: unknown): Record<string, JsonSchema> =>
  schema && typeof schema === 'object' && typeof (schema as JsonSchema).properties === 'object' ? ((schema as JsonSchema).properties as Record<string, JsonSchema>) : {};

function placeOf(message: MessageModel | undefined, field: string): Place | undefined {
  const top = props(message?.payload);
  if (field in top && field !== 'payload') return 'top';
  return field in props(top.payload) ? 'payload' : undefined;
}

function paramsOf(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

export function clientFacts(contract: ContractModel): ClientFacts | undefined {
  const info = contract.specwire;
  const channel: ChannelModel | undefined = contract.channels.find((c) => c.stream);
  if (!info || !channel?.stream) return undefined;
  const byId = new Map(contract.messages.map((m) => [m.id, m]));
  const messages = channel.messageIds.map((id) => byId.get(id)).filter((m): m is MessageModel => !!m?.type);
  const server = messages.filter((m) => m.directions.includes('server-to-client'));
  const client = messages.filter((m) => m.directions.includes('client-to-server'));
  const clientOf = (type: string | undefined) => client.find((m) => m.type === type);
  const serverType = (type: string) => server.find((m) => m.type === type)?.type;
  const params = paramsOf(channel.address);
  const { key } = channel.stream;
  const mode = channel.stream.subscribe ? 'subscribe' : params.includes(key) ? 'address' : undefined;
  if (!mode) return undefined;

  const sub = clientOf(channel.stream.subscribe);
  const unsub = clientOf(channel.stream.unsubscribe);
  const ackOp = contract.operations.find((o) => o.channelId === channel.id && o.action === 'receive' && o.messageIds.some((id) => byId.get(id)?.type === sub?.type));
  const ack = ackOp?.replyMessageIds.map((id) => byId.get(id)?.type).find((t) => t && t !== 'error');
  const schemes = contract.securitySchemes;
  const events = server.filter((m) => !m.control).sort((a, b) => compare(a.type!, b.type!));
  const query = schemes.find((s) => s.type === 'httpApiKey' && s.in === 'query')?.name;
  return {
    id: contract.id,
    version: contract.version,
    major: Number(contract.version.split('.')[0]) || 1,
    address: channel.address,
    params,
    stream: {
      key,
      mode,
      subscribe: sub ? { type: sub.type!, key: placeOf(sub, key) ?? 'top', lastSeq: placeOf(sub, 'lastSeq') } : undefined,
      unsubscribe: unsub ? { type: unsub.type!, key: placeOf(unsub, key) ?? 'top' } : undefined,
      ack,
      resumeQuery: mode === 'address' ? 'lastSeq' : undefined,
    },
    versioning: { ...info.versioning },
    token: { query, bearer: schemes.some((s) => s.type === 'http' && s.scheme === 'bearer') },
    heartbeat: {
      pingIntervalMs: info.heartbeat?.pingIntervalMs ?? 25_000,
      idleTimeoutMs: info.heartbeat?.idleTimeoutMs ?? 60_000,
      ping: clientOf('ping')?.type,
      pong: serverType('pong'),
    },
    events: events.map((m) => m.type!),
    // An event that does not say is applied as is (event-authority lint makes every one say).
    authority: Object.fromEntries(events.map((m) => [m.type!, m.authority ?? 'state'])),
    control: { resync: serverType('resync'), error: serverType('error') },
    polling: (info.polling ?? []).map((p) => ({
      path: p.path,
      intervalMs: p.intervalMs,
      kind: pollingKind(p),
      streamParam: paramsOf(p.path).includes(key) ? key : undefined,
      describes: [...p.describes],
    })),
  };
}

const camel = (id: string) => id.replace(/[-._]+(.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toLowerCase());

export function emitClientJs(facts: ClientFacts, source: string): string {
  return [
    generatedHeader(source),
    `// The typed client's descriptor of ${facts.id} ${facts.version}: createClient(contract, options) from specwire/client. Types: ./client.d.ts.`,
    '',
    'import { decodeServerMessage, encodeClientMessage, validateServerMessage } from "./index.js";',
    '',
    `/** What the client reads about the contract (codegen/emit-client.ts derives it from the document). */`,
    `const FACTS = ${JSON.stringify(facts, null, 2)};`,
    '',
    `export const contract = Object.freeze({ ...FACTS, decode: decodeServerMessage, validate: validateServerMessage, encode: encodeClientMessage });`,
    `export const ${camel(facts.id)}Contract = contract;`,
    'export default contract;',
    '',
  ].join('\n');
}

/**
 * The TypeScript name of the state the stream's snapshot endpoint serves (`GameState`), for the
 * typed `snapshot` event; undefined when the stream is served by a feed or the body is unnamed.
 */
export function stateTypeName(contract: ContractModel, facts: ClientFacts, catalog: Pick<Catalog, 'nameOfShape'>): string | undefined {
  const own = facts.polling.find((p) => p.streamParam === facts.stream.key && p.kind === 'snapshot');
  const endpoint = own && contract.specwire?.polling?.find((p) => p.path === own.path);
  return endpoint?.response ? catalog.nameOfShape(endpoint.response) : undefined;
}

export function emitClientDts(facts: ClientFacts, source: string, types: { state?: string | undefined } = {}): string {
  const events = facts.events.map((e) => JSON.stringify(e)).join(' | ') || 'never';
  const authority = facts.events.map((e) => `readonly ${JSON.stringify(e)}: ${JSON.stringify(facts.authority[e] ?? 'state')}`).join('; ');
  const hints = facts.events.filter((e) => facts.authority[e] === 'hint');
  const imports = ['ClientMessage', 'DecodeResult', 'EncodeResult', 'ServerMessage', 'ServerMessageMap', 'WireData', ...(types.state ? [types.state] : [])].sort(compare);
  return [
    generatedHeader(source),
    `// Descriptor of ${facts.id} ${facts.version} for specwire/client's createClient.`,
    '',
    `import type { ${imports.join(', ')} } from "./index.js";`,
    '',
    `/** Stream event types of ${facts.id}: frames with \`seq\`, delivered in order without loss or duplicate. */`,
    `export type EventType = ${events};`,
    '',
    `/** Events whose payload is only a refresh hint: the client refetches the state on each (\`x-specwire-authority: hint\`). */`,
    `export type HintType = ${hints.map((e) => JSON.stringify(e)).join(' | ') || 'never'};`,
    '',
    `/** The state the stream's polling endpoint serves${types.state ? '' : ' (unnamed in the contract, or a feed)'}: the \`state\` of a \`snapshot\` event. */`,
    `export type StreamState = ${types.state ?? 'Record<string, unknown>'};`,
    '',
    `export interface ContractDescriptor {`,
    `  readonly id: ${JSON.stringify(facts.id)};`,
    `  readonly version: string;`,
    `  readonly major: number;`,
    `  readonly address: string;`,
    `  readonly params: readonly string[];`,
    `  readonly stream: {`,
    `    readonly key: string;`,
    `    readonly mode: "subscribe" | "address";`,
    `    readonly subscribe?: { readonly type: string; readonly key: "top" | "payload"; readonly lastSeq?: "top" | "payload" };`,
    `    readonly unsubscribe?: { readonly type: string; readonly key: "top" | "payload" };`,
    `    readonly ack?: string;`,
    `    readonly resumeQuery?: string;`,
    `  };`,
    `  readonly versioning: { readonly subprotocol?: string; readonly query?: string };`,
    `  readonly token: { readonly query?: string; readonly bearer: boolean };`,
    `  readonly heartbeat: { readonly pingIntervalMs: number; readonly idleTimeoutMs: number; readonly ping?: string; readonly pong?: string };`,
    `  readonly events: readonly EventType[];`,
    `  readonly authority: { ${authority} };`,
    `  readonly control: { readonly resync?: string; readonly error?: string };`,
    `  readonly polling: readonly { readonly path: string; readonly intervalMs: number; readonly kind: "feed" | "snapshot"; readonly streamParam?: string; readonly describes: readonly string[] }[];`,
    `  decode(data: WireData): DecodeResult<ServerMessage>;`,
    `  validate(value: unknown): DecodeResult<ServerMessage>;`,
    `  encode(message: ClientMessage): EncodeResult;`,
    `  /** Type-level only: the frame type of each server message type (never present at run time). */`,
    `  readonly messages?: ServerMessageMap;`,
    `  /** Type-level only: the body of the stream's polling endpoint (never present at run time). */`,
    `  readonly state?: StreamState;`,
    `}`,
    '',
    `export declare const contract: ContractDescriptor;`,
    `export declare const ${camel(facts.id)}Contract: ContractDescriptor;`,
    'export default contract;',
    '',
  ].join('\n');
}
