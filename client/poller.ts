/**
 * The contract's HTTP polling endpoints, used to fill gaps (resync) and as the fallback transport.
 * A `feed` endpoint returns the very event frames after `?after=<seq>`, page by page; a `snapshot`
 * endpoint returns current state with the `seq` it reflects.
 */
import { type ClientContract, fillTemplate, type PollingFacts } from './contract.js';

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal?: AbortSignal | undefined }) => Promise<{ status: number; json(): Promise<unknown> }>;

export type PollResult =
  | { ok: true; kind: 'feed'; seq: number; items: unknown[] }
  | { ok: true; kind: 'snapshot'; seq: number; body: Record<string, unknown> }
  | { ok: false; status?: number; message: string };

/** Largest page asked of a feed, and how many pages one fill may read before yielding. */
const FEED_PAGE = 500;
const MAX_PAGES = 20;

/** The endpoint that serves `stream`: the one whose path names the stream key, else a caller-supplied path. */
export function endpointFor(contract: ClientContract, override: PollingFacts | undefined): PollingFacts | undefined {
  return override ?? contract.polling.find((p) => p.streamParam === contract.stream.key);
}

export async function poll(
  endpoint: PollingFacts,
  args: { httpUrl: string; stream: string; params: Record<string, string>; after: number | undefined; token: string | undefined; fetch: FetchLike; signal?: AbortSignal | undefined },
): Promise<PollResult> {
  const values = { ...args.params, ...(endpoint.streamParam ? { [endpoint.streamParam]: args.stream } : {}) };
  const base = args.httpUrl.replace(/\/+$/, '') + fillTemplate(endpoint.path, values);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (args.token) headers.authorization = `Bearer ${args.token}`;
  const items: unknown[] = [];
  let after = args.after ?? 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = endpoint.kind === 'feed' ? `${base}?after=${after}&limit=${FEED_PAGE}` : base;
    let body: unknown;
    try {
      const res = await args.fetch(url, { headers, signal: args.signal });
      if (res.status !== 200) return { ok: false, status: res.status, message: `GET ${endpoint.path} answered ${res.status}` };
      body = await res.json();
    } catch (err) {
      return { ok: false, message: `GET ${endpoint.path} failed: ${(err as Error).message}` };
    }
    if (!body || typeof body !== 'object' || typeof (body as { seq?: unknown }).seq !== 'number') {
      return { ok: false, status: 200, message: `GET ${endpoint.path} answered a body without a numeric "seq"` };
    }
    const b = body as { seq: number; items?: unknown; hasMore?: unknown };
    if (endpoint.kind === 'snapshot') return { ok: true, kind: 'snapshot', seq: b.seq, body: b as Record<string, unknown> };
    if (!Array.isArray(b.items)) return { ok: false, status: 200, message: `GET ${endpoint.path} answered a feed without "items"` };
    items.push(...b.items);
    const last = b.items[b.items.length - 1] as { seq?: unknown } | undefined;
    if (b.hasMore !== true || typeof last?.seq !== 'number') return { ok: true, kind: 'feed', seq: b.seq, items };
    after = last.seq;
  }
  return { ok: true, kind: 'feed', seq: after, items };
}
