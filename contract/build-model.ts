/**
 * Builds the contract model from the parser's dereferenced JSON. Pure data shaping: no I/O except
 * through the source map (for `locate` and reference tracking).
 */
import { basename, extname } from 'node:path';
import type {
  AccessRule,
  ChannelModel,
  ContractModel,
  Direction,
  JsonSchema,
  MessageExample,
  MessageModel,
  OperationModel,
  SecurityRequirement,
  SecuritySchemeModel,
  ServerModel,
  SpecwireInfo,
  StreamRule,
} from './model.js';
import type { SourceMap } from './source-map.js';

type Json = Record<string, unknown>;

export function buildModel(file: string, doc: Json, sources: SourceMap): ContractModel {
  // Identity maps: the parser dereferences `$ref`s to the very same objects, so an operation's
  // channel and messages can be matched back to their ids by reference.
  const channelIds = new Map<unknown, string>();
  const messageIds = new Map<unknown, string>();
  // Per channel, the ids of its own messages: a message object shared by two channels under two keys
  // is named by the channel an operation or reply points at.
  const ownIds = new Map<unknown, Map<unknown, string>>();
  const messages = new Map<string, MessageModel>();
  const info = obj(doc.info);
  const components = obj(doc.components);
  const schemeIds = new Map<unknown, string>(entries(components.securitySchemes).map(([id, raw]) => [raw, id]));
  const securityOf = (value: unknown): SecurityRequirement[] =>
    list(value).map((s) => ({ scheme: schemeIds.get(s) ?? str(obj(s).type) ?? '', scopes: strings(obj(s).scopes) ?? [] }));

  const rawMessages = new Map<string, unknown>();
  const channels: ChannelModel[] = entries(doc.channels).map(([id, raw]) => {
    channelIds.set(raw, id);
    const ids: string[] = [];
    const own = new Map<unknown, string>();
    ownIds.set(raw, own);
    for (const [key, rawMessage] of entries(raw.messages)) {
      // Keys are unique per channel only: the same key for a different message in another channel
      // gets a channel-qualified id rather than silently merging into the first one.
      const clash = rawMessages.has(key) && rawMessages.get(key) !== rawMessage;
      const messageId = clash ? `${id}.${key}` : key;
      rawMessages.set(messageId, rawMessage);
      messageIds.set(rawMessage, messageId);
      own.set(rawMessage, messageId);
      ids.push(messageId);
      const known = messages.get(messageId) ?? buildMessage(messageId, rawMessage, clash ? key : undefined);
      known.channelIds.push(id);
      messages.set(messageId, known);
    }
    return {
      id,
      address: str(raw.address) ?? '',
      title: str(raw.title),
      description: str(raw.description),
      parameters: entries(raw.parameters).map(([name, p]) => ({
        name,
        description: str(p.description),
        enum: strings(p.enum),
        examples: strings(p.examples),
      })),
      messageIds: ids,
      access: clean(raw['x-specwire-access']) as AccessRule | undefined,
      stream: clean(raw['x-specwire-stream']) as StreamRule | undefined,
      ...wsBindingOf(raw),
      extensions: extensionsOf(raw),
    };
  });

  const operations: OperationModel[] = entries(doc.operations).map(([id, raw]) => {
    const action = raw.action === 'send' ? 'send' : 'receive';
    const direction: Direction = action === 'send' ? 'server-to-client' : 'client-to-server';
    // An operation (or reply) without `messages` carries every message of its channel, as the
    // parser's own `operation.messages()` reads it (Kraken's one-message channels rely on it).
    const messagesOf = (owner: Json, channel: unknown) =>
      (Array.isArray(owner.messages) ? owner.messages : Object.values(obj(obj(channel).messages))).map((m) => messageIds.get(m)).filter(isString);
    const opMessages = messagesOf(raw, raw.channel);
    const reply = obj(raw.reply);
    const replyMessages = raw.reply ? messagesOf(reply, reply.channel ?? raw.channel) : [];
    const replyDirection: Direction = direction === 'server-to-client' ? 'client-to-server' : 'server-to-client';
    for (const [ids, way] of [[opMessages, direction], [replyMessages, replyDirection]] as const) {
      for (const messageId of ids) {
        const message = messages.get(messageId);
        if (message && !message.directions.includes(way)) message.directions.push(way);
      }
    }
    return {
      id,
      action,
      direction,
      channelId: channelIds.get(raw.channel) ?? '',
      messageIds: opMessages,
      title: str(raw.title),
      summary: str(raw.summary),
      description: str(raw.description),
      replyMessageIds: replyMessages,
      ...(raw.reply ? { reply: replyOf(reply, raw.channel) } : {}),
      security: securityOf(raw.security),
    };
  });

  /** The reply as declared: its channel, dynamic address, and listed messages named as its channel names them. */
  function replyOf(reply: Json, opChannel: unknown): NonNullable<OperationModel['reply']> {
    const channel = reply.channel ?? opChannel;
    const own = ownIds.get(channel);
    const address = str(obj(reply.address).location);
    return {
      ...(reply.channel ? { channelId: channelIds.get(reply.channel) ?? '' } : {}),
      ...(address ? { addressLocation: address } : {}),
      ...(Array.isArray(reply.messages) ? { messageIds: reply.messages.map((m) => own?.get(m) ?? messageIds.get(m) ?? '') } : {}),
    };
  }

  const specwire = clean(info['x-specwire']) as SpecwireInfo | undefined;
  return {
    id: specwire?.id ?? basename(file, extname(file)),
    file,
    asyncapi: str(doc.asyncapi) ?? '',
    title: str(info.title) ?? '',
    version: str(info.version) ?? '',
    description: str(info.description),
    specwire,
    defaultContentType: str(doc.defaultContentType),
    servers: entries(doc.servers).map(([id, raw]): ServerModel => ({
      id,
      host: str(raw.host) ?? '',
      protocol: str(raw.protocol) ?? '',
      pathname: str(raw.pathname),
      description: str(raw.description),
      security: securityOf(raw.security),
    })),
    channels,
    operations,
    messages: [...messages.values()],
    securitySchemes: entries(components.securitySchemes).map(([id, raw]): SecuritySchemeModel => ({
      id,
      type: str(raw.type) ?? '',
      in: str(raw.in),
      name: str(raw.name),
      scheme: str(raw.scheme),
      bearerFormat: str(raw.bearerFormat),
      description: str(raw.description),
    })),
    schemas: Object.fromEntries(entries(components.schemas).map(([name, s]) => [name, clean(s) as JsonSchema])),
    components: Object.fromEntries(Object.entries(components).map(([kind, v]) => [kind, Object.keys(obj(v))])),
    references: sources.refTargets(file),
    locate: (path) => sources.locate(file, path),
  };
}

function buildMessage(id: string, raw: Json, key: string | undefined): MessageModel {
  const payload = (clean(raw.payload) ?? {}) as JsonSchema;
  const typeSchema = obj(obj(payload.properties).type);
  const authority = raw['x-specwire-authority'];
  return {
    id,
    ...(key === undefined ? {} : { key }),
    name: str(raw.name),
    title: str(raw.title),
    summary: str(raw.summary),
    description: str(raw.description),
    type: str(typeSchema.const),
    directions: [],
    channelIds: [],
    payload,
    ...(raw.headers ? { headers: clean(raw.headers) as JsonSchema } : {}),
    ...correlationOf(raw),
    examples: list(raw.examples).map((e): MessageExample => {
      const ex = obj(e);
      return { name: str(ex.name), summary: str(ex.summary), payload: clean(ex.payload), headers: clean(ex.headers) };
    }),
    authority: authority === 'state' || authority === 'hint' ? authority : undefined,
    since: str(raw['x-specwire-since']),
    control: raw['x-specwire-control'] === true,
    extensions: extensionsOf(raw),
  };
}

/** `correlationId.location` (`$message.payload#/reqid`), when the message declares one. */
function correlationOf(raw: Json): Pick<MessageModel, 'correlationId'> {
  const c = obj(raw.correlationId);
  const location = str(c.location);
  return location ? { correlationId: { location, ...(str(c.description) ? { description: str(c.description) } : {}) } } : {};
}

/** Deep copy without the parser's bookkeeping keys (`x-parser-*`), which strict ajv rejects. Keeps cycles. */
export function clean(value: unknown, seen = new Map<unknown, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(clean(item, seen));
    return out;
  }
  const out: Json = {};
  seen.set(value, out);
  for (const [key, v] of Object.entries(value)) {
    if (!key.startsWith('x-parser-')) out[key] = clean(v, seen);
  }
  return out;
}

function extensionsOf(raw: Json): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([k]) => k.startsWith('x-') && !k.startsWith('x-parser-'))
      .map(([k, v]) => [k, clean(v)]),
  );
}

function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function entries(value: unknown): [string, Json][] {
  return Object.entries(obj(value)).map(([k, v]) => [k, obj(v)]);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** `bindings.ws` of a channel: the upgrade's query and headers schemas and its method. */
function wsBindingOf(raw: Json): Pick<ChannelModel, 'wsBinding'> {
  const ws = obj(obj(raw.bindings).ws);
  if (!Object.keys(ws).length) return {};
  const query = ws.query ? (clean(ws.query) as JsonSchema) : undefined;
  const headers = ws.headers ? (clean(ws.headers) as JsonSchema) : undefined;
  return { wsBinding: { ...(str(ws.method) ? { method: str(ws.method) } : {}), ...(query ? { query } : {}), ...(headers ? { headers } : {}) } };
}
