/**
 * What a polling endpoint (`x-specwire.polling`) returns, read from its response schema: a **feed**
 * lists the very event frames (`items` whose `type` is one the endpoint `describes`, paged with
 * `?after=<seq>`), anything else is a **snapshot** of current state with the `seq` it reflects.
 * One definition for the generated client descriptor (codegen/emit-client.ts) and lint: a hint
 * event needs a snapshot to be refetched from, a feed would only hand the hint back.
 */
import type { JsonSchema, PollingEndpoint } from './model.js';

export type PollingKind = 'feed' | 'snapshot';

const props = (schema: unknown): Record<string, JsonSchema> =>
  schema && typeof schema === 'object' && typeof (schema as JsonSchema).properties === 'object' ? ((schema as JsonSchema).properties as Record<string, JsonSchema>) : {};

export function pollingKind(endpoint: Pick<PollingEndpoint, 'describes' | 'response'>): PollingKind {
  const items = props(endpoint.response).items;
  const item = items && typeof items.items === 'object' ? (items.items as JsonSchema) : undefined;
  const type = props(item).type;
  const consts = type ? [type.const, ...(Array.isArray(type.enum) ? type.enum : [])] : [];
  return consts.some((c) => typeof c === 'string' && endpoint.describes.includes(c)) ? 'feed' : 'snapshot';
}
