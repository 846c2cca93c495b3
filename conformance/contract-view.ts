/**
 * What the runner needs to know about a contract, derived once from the contract model: message types
 * per direction and channel, streams, access rules, refusals, how to build a connection URL.
 */
import type { ChannelModel, ContractModel, MessageModel, PollingEndpoint, Refusal, SecuritySchemeModel } from '../contract/model.js';
import { isSseChannel, sseChannelOf } from '../contract/sse.js';
import { wsEndpoints } from '../contract/ws-endpoints.js';

export interface ChannelView {
  channel: ChannelModel;
  /**
   * Every message the server may send on the channel's address, `type` or not: events, replies and
   * the error message of every channel declared at the same address (they are one endpoint).
   */
  serverMessages: MessageModel[];
  /** Every message clients may send there. */
  clientMessages: MessageModel[];
  /** Server→client messages by wire `type`. */
  serverTypes: Map<string, MessageModel>;
  /** Client→server messages by wire `type`. */
  clientTypes: Map<string, MessageModel>;
  /** Types of the server's answers to the stream's unsubscribe message (its ack), from the operation's reply. */
  unsubscribeAcks: Set<string>;
  subscribeAcks: Set<string>;
}

export class ContractView {
  readonly channels = new Map<string, ChannelView>();

  constructor(readonly contract: ContractModel) {
    const byId = new Map(contract.messages.map((m) => [m.id, m]));
    const read = wsEndpoints(contract);
    const endpoints = [...read.endpoints, ...read.sse];
    for (const channel of contract.channels) {
      const endpoint = endpoints.find((e) => e.channelIds.includes(channel.id));
      const view: ChannelView = {
        channel,
        serverMessages: endpoint?.serverMessages ?? [],
        clientMessages: endpoint?.clientMessages ?? [],
        serverTypes: new Map(),
        clientTypes: new Map(),
        unsubscribeAcks: new Set(),
        subscribeAcks: new Set(),
      };
      for (const id of endpoint ? endpoint.channelIds.flatMap((c) => contract.channels.find((x) => x.id === c)!.messageIds) : channel.messageIds) {
        const m = byId.get(id);
        if (!m?.type) continue;
        if (m.directions.includes('server-to-client')) view.serverTypes.set(m.type, m);
        if (m.directions.includes('client-to-server')) view.clientTypes.set(m.type, m);
      }
      for (const op of contract.operations.filter((o) => (endpoint?.channelIds ?? [channel.id]).includes(o.channelId) && o.action === 'receive')) {
        const sent = op.messageIds.map((id) => byId.get(id)?.type);
        const acks = op.replyMessageIds.map((id) => byId.get(id)).filter((m) => m?.type && m.type !== 'error').map((m) => m!.type!);
        if (channel.stream?.unsubscribe && sent.includes(channel.stream.unsubscribe)) acks.forEach((t) => view.unsubscribeAcks.add(t));
        if (channel.stream?.subscribe && sent.includes(channel.stream.subscribe)) acks.forEach((t) => view.subscribeAcks.add(t));
      }
      this.channels.set(channel.id, view);
    }
  }

  get id(): string {
    return this.contract.id;
  }

  /** The named channel, or the first WebSocket one. */
  channel(id?: string): ChannelView | undefined {
    if (id !== undefined) return this.channels.get(id);
    return [...this.channels.values()].find((v) => !isSseChannel(v.channel)) ?? this.channels.values().next().value;
  }

  /**
   * The channel a `connect` step opens: `channel` (default the first WebSocket one), or with
   * `transport: sse` its Server-Sent Events mirror (an SSE channel named in `channel` is itself).
   */
  connectChannel(id: string | undefined, transport: 'websocket' | 'sse' | undefined): ChannelView | undefined {
    const named = this.channel(id);
    if (transport !== 'sse' || !named || isSseChannel(named.channel)) return named;
    const mirror = sseChannelOf(this.contract, named.channel.id);
    return mirror ? this.channels.get(mirror.id) : undefined;
  }

  /** Server→client event types (not control frames) over every channel. */
  eventTypes(): Map<string, MessageModel> {
    const out = new Map<string, MessageModel>();
    for (const v of this.channels.values()) for (const [t, m] of v.serverTypes) if (!m.control) out.set(t, m);
    return out;
  }

  refusal(kind: 'unauthenticated' | 'forbidden' | 'foreignOrigin'): Refusal | undefined {
    return this.contract.specwire?.refusal?.[kind];
  }

  get maxPayloadBytes(): number | undefined {
    return this.contract.specwire?.limits?.maxPayloadBytes;
  }

  /** A number of `x-specwire.limits` by name (`messagesPerSecond`), for steps that read the contract. */
  limit(name: string): number | undefined {
    const value = (this.contract.specwire?.limits as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'number' ? value : undefined;
  }

  /** Wire major of `info.version`, the default to negotiate. */
  get major(): number {
    return Number.parseInt(this.contract.version, 10) || 1;
  }

  /** How the token travels: the first security scheme the servers (else the components) name. */
  securityScheme(): SecuritySchemeModel | undefined {
    const ids = this.contract.servers.flatMap((s) => s.security.map((r) => r.scheme));
    const schemes = this.contract.securitySchemes;
    return schemes.find((s) => ids.includes(s.id)) ?? schemes[0];
  }

  pollingEndpoint(path: string): PollingEndpoint | undefined {
    return this.contract.specwire?.polling?.find((p) => p.path === path);
  }
}
