/**
 * What `specwire mock` serves, derived once from the contract model of any AsyncAPI 3.0 document:
 * per channel its WebSocket path (under the server's `pathname`), the messages clients may send, the
 * events it can emit, request/reply pairs and the document's own error message, if it has one.
 * Pure data: no sockets here.
 */
import type { ChannelModel, ContractModel, MessageModel } from '../../contract/model.js';
import { compileTemplate } from '../core/contract-runtime.js';

/** A top-level `const` property that tells messages apart (`type`, `op`, `event`, ...). */
export interface Discriminator {
  key: string;
  value: unknown;
}

export interface MockChannel {
  id: string;
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

/** `type` if the payload fixes it, else the first top-level property with a `const`. */
export function discriminatorOf(message: MessageModel): Discriminator | undefined {
  const props = message.payload.properties;
  if (!props || typeof props !== 'object') return undefined;
  const entries = Object.entries(props as Record<string, { const?: unknown } | undefined>);
  const typed = entries.find(([k, s]) => k === 'type' && s && 'const' in s);
  const found = typed ?? entries.find(([, s]) => s && typeof s === 'object' && 'const' in s);
  return found ? { key: found[0], value: found[1]!.const } : undefined;
}

/** Does `query` name this message: its key/id, `name` or discriminator value? */
export function messageNamed(message: MessageModel, query: string): boolean {
  const d = discriminatorOf(message);
  return query === message.id || query === message.key || query === message.name || (d !== undefined && d.value === query);
}

function serverPathname(model: ContractModel): string {
  const ws = model.servers.find((s) => /^wss?$/i.test(s.protocol)) ?? model.servers[0];
  return (ws?.pathname ?? '').replace(/\/+$/, '');
}

export function buildMockPlan(model: ContractModel): MockPlan {
  const byId = new Map(model.messages.map((m) => [m.id, m]));
  const resolve = (ids: string[]) => ids.map((id) => byId.get(id)).filter((m): m is MessageModel => m !== undefined);
  const basePath = serverPathname(model);
  const channels: MockChannel[] = [];
  const skipped: MockPlan['skipped'] = [];
  for (const channel of model.channels) {
    if (!channel.address) {
      skipped.push({ id: channel.id, reason: 'no address (a dynamic channel)' });
      continue;
    }
    const ops = model.operations.filter((o) => o.channelId === channel.id);
    const unique = (list: MessageModel[]) => [...new Set(list)];
    // A channel no operation mentions says nothing about direction: accept and emit all its messages.
    const all = resolve(channel.messageIds);
    const inbound = ops.length ? unique(resolve(ops.filter((o) => o.action === 'receive').flatMap((o) => o.messageIds))) : all;
    const sent = ops.length ? unique(resolve(ops.filter((o) => o.action === 'send').flatMap((o) => o.messageIds))) : all;
    const replies = new Map<string, MessageModel[]>();
    for (const op of ops.filter((o) => o.action === 'receive' && o.replyMessageIds.length)) {
      for (const id of op.messageIds) replies.set(id, resolve(op.replyMessageIds));
    }
    const replyMessages = unique([...replies.values()].flat());
    const outbound = unique([...sent, ...replyMessages]);
    const errorMessage = outbound.find((m) => [m.id, m.name, m.title, discriminatorOf(m)?.value].some((v) => typeof v === 'string' && ERROR_NAME.test(v)));
    const address = channel.address.startsWith('/') ? channel.address : `/${channel.address}`;
    const path = `${basePath}${address}`;
    channels.push({
      id: channel.id,
      model: channel,
      path,
      ...compileTemplate(path),
      inbound,
      events: sent.filter((m) => m !== errorMessage),
      replies,
      ...(errorMessage ? { errorMessage } : {}),
      triggerable: outbound,
    });
  }
  return { model, basePath, channels, skipped };
}
