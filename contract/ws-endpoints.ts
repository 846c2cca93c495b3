/**
 * The WebSocket endpoints of any AsyncAPI 3.x document, read once for `specwire mock` (which serves
 * them) and derived conformance (which tests them): channels grouped by path (several channels on
 * one address are one endpoint — Kraken declares `ping`, `subscribe`, `heartbeat`… all on `/`), the
 * messages clients may send there, the events the server sends on its own, request → reply pairs by
 * operation, the document's error message, and the security schemes of the upgrade. Pure data.
 */
import { isErrorMessage } from './discriminator.js';
import type { ChannelModel, ContractModel, MessageModel, OperationModel, SecuritySchemeModel } from './model.js';
import { channelSecurity, serverPathname } from './ws-server.js';

/** A `receive` operation with a `reply`: the client's request and the messages that may answer it. */
export interface RequestReply {
  operation: OperationModel;
  requests: MessageModel[];
  replies: MessageModel[];
}

export interface WsEndpoint {
  /** Every channel of the document at this path; the first names the endpoint. */
  channelIds: string[];
  /** The first channel (its address and parameters stand for the group: they share the address). */
  channel: ChannelModel;
  /** Server pathname + channel address, e.g. `/v2/sites/{siteId}/events`. */
  path: string;
  /** Messages clients may send (`receive` operations; messages no operation mentions). */
  clientMessages: MessageModel[];
  /** Messages the server sends on its own (`send` operations; messages no operation mentions), the error message aside. */
  events: MessageModel[];
  /** Request/reply operations on these channels. */
  requests: RequestReply[];
  /** Request message id → every message that may answer it (over all its operations). */
  replies: Map<string, MessageModel[]>;
  /** Every message the server may send here: events, replies, the error message. */
  serverMessages: MessageModel[];
  /** The document's error message here (a server message named like `error`/`fault`), if any. */
  errorMessage?: MessageModel;
  /** Schemes guarding the upgrade (alternatives: one satisfied is enough); empty: open. */
  security: SecuritySchemeModel[];
}

export interface WsEndpoints {
  endpoints: WsEndpoint[];
  /** Channels that cannot be connected to, with the reason (no address: a dynamic reply channel). */
  skipped: { id: string; reason: string }[];
}

export function wsEndpoints(model: ContractModel): WsEndpoints {
  const byId = new Map(model.messages.map((m) => [m.id, m]));
  const resolve = (ids: string[]) => ids.map((id) => byId.get(id)).filter((m): m is MessageModel => m !== undefined);
  const unique = <T>(list: T[]) => [...new Set(list)];
  const basePath = serverPathname(model);
  const skipped: WsEndpoints['skipped'] = [];
  const byPath = new Map<string, ChannelModel[]>();
  for (const channel of model.channels) {
    if (!channel.address) {
      skipped.push({ id: channel.id, reason: 'no address (a dynamic channel)' });
      continue;
    }
    const path = `${basePath}${channel.address.startsWith('/') ? '' : '/'}${channel.address}`;
    byPath.set(path, [...(byPath.get(path) ?? []), channel]);
  }
  const endpoints: WsEndpoint[] = [];
  for (const [path, group] of byPath) {
    const ids = new Set(group.map((c) => c.id));
    const ops = model.operations.filter((o) => ids.has(o.channelId));
    const all = unique(resolve(group.flatMap((c) => c.messageIds)));
    // A message no operation or reply mentions says nothing about its direction: both ways.
    const undirected = all.filter((m) => !m.directions.length);
    const clientMessages = unique([...resolve(ops.filter((o) => o.action === 'receive').flatMap((o) => o.messageIds)), ...undirected]);
    const sent = unique([...resolve(ops.filter((o) => o.action === 'send').flatMap((o) => o.messageIds)), ...undirected]);
    const requests = ops
      .filter((o) => o.action === 'receive' && o.replyMessageIds.length)
      .map((operation) => ({ operation, requests: resolve(operation.messageIds), replies: resolve(operation.replyMessageIds) }));
    const replies = new Map<string, MessageModel[]>();
    for (const r of requests) for (const m of r.requests) replies.set(m.id, unique([...(replies.get(m.id) ?? []), ...r.replies]));
    const serverMessages = unique([...sent, ...[...replies.values()].flat()]);
    const errorMessage = serverMessages.find(isErrorMessage);
    endpoints.push({
      channelIds: [...ids],
      channel: group[0]!,
      path,
      clientMessages,
      events: sent.filter((m) => m !== errorMessage),
      requests,
      replies,
      serverMessages,
      ...(errorMessage ? { errorMessage } : {}),
      security: channelSecurity(model, ids),
    });
  }
  return { endpoints, skipped };
}
