/**
 * Fallback for a contract without its own adapter: the shared core does everything the model says;
 * the polling endpoint lists the stream's events (`{ <key>, seq, items }`).
 */
import type { ContractModel } from '../../contract/model.js';
import type { ContractAdapter } from './adapter.js';
import { type EventLog, eventLogProjection, pageAfter } from './event-log.js';

export function genericAdapter(model: ContractModel): ContractAdapter<EventLog> {
  const key = model.channels.find((c) => c.stream)?.stream?.key ?? 'stream';
  return {
    id: model.id,
    projection: eventLogProjection,
    poll({ state, stream, seq, query }) {
      const page = pageAfter(state, query, { limit: 100, max: 500 });
      if ('error' in page) return { status: 400, body: { error: page.error } };
      return { status: 200, body: { [key]: stream, seq, items: page.items, hasMore: page.hasMore } };
    },
  };
}
