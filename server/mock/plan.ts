/**
 * What `specwire mock` serves: the document's WebSocket endpoints (`contract/ws-endpoints.ts`: paths
 * under the server's `pathname`, channels sharing an address merged, client messages, events,
 * request/reply pairs, the error message, security) plus a compiled path pattern each.
 * Pure data: no sockets here.
 */
import type { ChannelModel, ContractModel, MessageModel, SecuritySchemeModel } from '../../contract/model.js';
import { serverPathname } from '../../contract/ws-server.js';
import { discriminatorOf } from '../../contract/discriminator.js';
import { wsEndpoints } from '../../contract/ws-endpoints.js';
import { compileTemplate } from '../core/contract-runtime.js';

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

export { discriminatorOf, labelOf, type Discriminator } from '../../contract/discriminator.js';

/** Does `query` name this message: its key/id, `name` or discriminator value? */
export function messageNamed(message: MessageModel, query: string): boolean {
  const d = discriminatorOf(message);
  return query === message.id || query === message.key || query === message.name || (d !== undefined && d.value === query);
}

export function buildMockPlan(model: ContractModel): MockPlan {
  const { endpoints, skipped } = wsEndpoints(model);
  const channels = endpoints.map((e): MockChannel => ({
    id: e.channelIds[0]!,
    channelIds: e.channelIds,
    model: e.channel,
    path: e.path,
    ...compileTemplate(e.path),
    inbound: e.clientMessages,
    events: e.events,
    replies: e.replies,
    ...(e.errorMessage ? { errorMessage: e.errorMessage } : {}),
    triggerable: e.serverMessages,
    security: e.security,
  }));
  return { model, basePath: serverPathname(model), channels, skipped };
}
