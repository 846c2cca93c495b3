/**
 * What `specwire mock` serves, derived once from the contract model of any AsyncAPI 3.0 document:
 * per channel its WebSocket path (under the server's `pathname`), the messages clients may send, the
 * events it can emit, request/reply pairs and the document's own error message, if it has one.
 * Pure data: no sockets here.
 */
import type { ChannelModel, ContractModel, MessageModel, SecuritySchemeModel } from '../../contract/model.js';
import { channelSecurity, serverPathname } from '../../contract/ws-server.js';
import { compileTemplate } from '../core/contract-runtime.js';

/** A top-level `const` property that tells messages apart (`type`, `op`, `event`, ...). */
export interface Discriminator {
  key: string;
  value: unknown;
}

export interface MockChannel {
  /** The first of `channelIds`: the channel the endpoint is named after. */
  id: string;
  /** Every channel of the document served at this path (several channels may share one address). */
  channelIds: string[];
  model: ChannelModel;
  /** Path template the mock listens on: server pathname + channel address, e.g. `/v2/sites/{siteId}/events`. */
  path: string;
  pattern: RegExp;
  paramNames: string[];
  /** Messages clients may send (operations with `action: receive`). */
  inbound: MessageModel[];
  /** Events the server sends on its own (operations with `action: send`), without the error message. */
  events: MessageModel[];
  /** Request/reply: inbound message id → the reply's messages (operation `reply.messages`). */
  replies: Map<string, MessageModel[]>;
  /** The document's error message on this channel (a server message named like `error`/`fault`), if any. */
  errorMessage?: MessageModel;
  /** Every server→client message a trigger may send here: events, replies, the error message. */
  triggerable: MessageModel[];
  /** Security schemes that guard the upgrade (alternatives: one satisfied is enough); empty: open. */
  security: SecuritySchemeModel[];
}

export interface MockPlan {
  model: ContractModel;
  /** `pathname` of the server the mock stands in for (`/v2`), `''` when none. */
  basePath: string;
  channels: MockChannel[];
  /** Channels that cannot be served, with the reason (no address: a dynamic reply channel). */
  skipped: { id: string; reason: string }[];
}

const ERROR_NAME = /error|fault/i;

/** The name people know a message by: its `name`, else its key. */
export function labelOf(message: MessageModel): string {
  return message.name ?? message.key ?? message.id;
}

/** The one value a property schema allows: its `const`, or a single-value `enum` (Slack's `type: { enum: [hello] }`). */
function fixedValue(schema: unknown): { value: unknown } | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as { const?: unknown; enum?: unknown };
  if ('const' in s) return { value: s.const };
  return Array.isArray(s.enum) && s.enum.length === 1 ? { value: s.enum[0] } : undefined;
}

/** `type` if the payload fixes it, else the first top-level property with a `const` (or a one-value `enum`). */
export function discriminatorOf(message: MessageModel): Discriminator | undefined {
  const props = message.payload.properties;
  if (!props || typeof props !== 'object') return undefined;
  const entries = Object.entries(props as Record<string, unknown>);
  const typed = entries.find(([k, s]) => k === 'type' && fixedValue(s));
  const found = typed ?? entries.find(([, s]) => fixedValue(s));
  return found ? { key: found[0], value: fixedValue(found[1])!.value } : undefined;
}

/** Does `query` name this message: its key/id, `name` or discriminator value? */
export function messageNamed(message: MessageModel, query: string): boolean {
  const d = discriminatorOf(message);
  return query === message.id || query === message.key || query === message.name || (d !== undefined && d.value === query);
}

export function buildMockPlan(model: ContractModel): MockPlan {
  const byId = new Map(model.messages.map((m) => [m.id, m]));
  const resolve = (ids: string[]) => ids.map((id) => byId.get(id)).filter((m): m is MessageModel => m !== undefined);
  const unique = (list: MessageModel[]) => [...new Set(list)];
  const basePath = serverPathname(model);
  const skipped: MockPlan['skipped'] = [];
  // Several channels on one address are one endpoint (Kraken declares ping, subscribe, heartbeat… all on `/`).
  const byPath = new Map<string, ChannelModel[]>();
  for (const channel of model.channels) {
    if (!channel.address) {
      skipped.push({ id: channel.id, reason: 'no address (a dynamic channel)' });
      continue;
    }
    const path = `${basePath}${channel.address.startsWith('/') ? '' : '/'}${channel.address}`;
    byPath.set(path, [...(byPath.get(path) ?? []), channel]);
  }
  const channels: MockChannel[] = [];
  for (const [path, group] of byPath) {
    const ids = new Set(group.map((c) => c.id));
    const ops = model.operations.filter((o) => ids.has(o.channelId));
    const all = unique(resolve(group.flatMap((c) => c.messageIds)));
    // A message no operation or reply mentions says nothing about direction: accepted and emitted both ways.
    const undirected = all.filter((m) => !m.directions.length);
    const inbound = unique([...resolve(ops.filter((o) => o.action === 'receive').flatMap((o) => o.messageIds)), ...undirected]);
    const sent = unique([...resolve(ops.filter((o) => o.action === 'send').flatMap((o) => o.messageIds)), ...undirected]);
    const replies = new Map<string, MessageModel[]>();
    for (const op of ops.filter((o) => o.action === 'receive' && o.replyMessageIds.length)) {
      for (const id of op.messageIds) replies.set(id, unique([...(replies.get(id) ?? []), ...resolve(op.replyMessageIds)]));
    }
    const outbound = unique([...sent, ...[...replies.values()].flat()]);
    const errorMessage = outbound.find((m) => [m.id, m.name, m.title, discriminatorOf(m)?.value].some((v) => typeof v === 'string' && ERROR_NAME.test(v)));
    channels.push({
      id: group[0]!.id,
      channelIds: [...ids],
      model: group[0]!,
      path,
      ...compileTemplate(path),
      inbound,
      events: sent.filter((m) => m !== errorMessage),
      replies,
      ...(errorMessage ? { errorMessage } : {}),
      triggerable: outbound,
      security: channelSecurity(model, ids),
    });
  }
  return { model, basePath, channels, skipped };
}
