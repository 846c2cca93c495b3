/**
 * HTTP polling endpoints (`x-specwire.polling`): same auth as the WebSocket (Bearer or `?token=`),
 * same access rule on the stream the path names, and a body projected from the very events delivered.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize } from './access.js';
import { extractToken, verifyToken } from './auth.js';
import { type ContractRuntime, matchTemplate, type PollingRoute } from './contract-runtime.js';
import { accessSkipped, pollQueryWithFaults } from './fault-injection.js';
import { sendJson } from './http.js';

export function findPollingRoute(runtimes: ContractRuntime[], pathname: string): { rt: ContractRuntime; route: PollingRoute; params: Record<string, string> } | undefined {
  for (const rt of runtimes) {
    for (const route of rt.polling) {
      const params = matchTemplate(route, pathname);
      if (params) return { rt, route, params };
    }
  }
  return undefined;
}

export async function handlePoll(
  found: { rt: ContractRuntime; route: PollingRoute; params: Record<string, string> },
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  secret: Uint8Array,
  issuer: string,
): Promise<void> {
  const { rt, route, params } = found;
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: `${route.endpoint.path} answers GET only` });
  const auth = await verifyToken(extractToken(req, url, rt.scheme), secret, rt.id, issuer);
  if (!auth.ok) return sendJson(res, 401, { error: `unauthenticated: ${auth.reason}` });
  // The stream is the path parameter that names a channel's stream key (else the only parameter).
  const channel = rt.channels.find((c) => c.streamKey !== undefined && c.streamKey in params) ?? rt.channels[0];
  const key = channel?.streamKey && channel.streamKey in params ? channel.streamKey : route.paramNames[0];
  const stream = rt.adapter.pollStream?.(route.endpoint, params) ?? (key ? params[key]! : '');
  if (!accessSkipped(rt.faults, 'poll') && !authorize(channel?.model.access, stream, auth.claims)) return sendJson(res, 403, { error: `forbidden: not allowed to read ${key} "${stream}"` });
  // Polling an unseen stream must not create it: answer from a throwaway empty state.
  const s = rt.streams.peek(stream);
  const state = s ? s.state : rt.adapter.projection.initial(stream);
  const answer = rt.adapter.poll({ endpoint: route.endpoint, params, query: pollQueryWithFaults(rt.faults, url.searchParams), stream, seq: s?.seq ?? 0, state });
  sendJson(res, answer.status, answer.body);
}
