/**
 * Where a document's WebSocket endpoints are and what guards them, read the same way by
 * `specwire mock` (which serves them) and derived conformance (which connects to them): the server a
 * WebSocket client talks to, its `pathname` (channel addresses are appended to it), and the
 * security schemes of a channel's upgrade with how each one's credential travels.
 */
import type { ContractModel, SecuritySchemeModel, ServerModel } from './model.js';

/** The first `ws`/`wss` server, else the first server (Slack RTM's is `https`: the socket URL comes from there). */
export function wsServer(model: ContractModel): ServerModel | undefined {
  return model.servers.find((s) => /^wss?$/i.test(s.protocol)) ?? model.servers[0];
}

/** `pathname` of that server without a trailing slash (`/v2`), `''` when none. */
export function serverPathname(model: ContractModel): string {
  return (wsServer(model)?.pathname ?? '').replace(/\/+$/, '');
}

/**
 * Schemes guarding the upgrade to these channels: the server's `security` plus that of the
 * operations on them. AsyncAPI lists alternatives: satisfying one is enough. Empty: an open channel.
 */
export function channelSecurity(model: ContractModel, channelIds: Iterable<string>): SecuritySchemeModel[] {
  const ids = new Set(channelIds);
  const names = new Set([...(wsServer(model)?.security ?? []), ...model.operations.filter((o) => ids.has(o.channelId)).flatMap((o) => o.security)].map((r) => r.scheme));
  return model.securitySchemes.filter((s) => names.has(s.id));
}

/** Where a scheme's credential travels on a WebSocket upgrade; `undefined`: it cannot travel there (X509, SASL, …). */
export type CredentialPlace = { in: 'query'; name: string } | { in: 'header'; name: string; prefix?: string } | { in: 'cookie'; name: string };

export function credentialPlace(scheme: SecuritySchemeModel): CredentialPlace | undefined {
  switch (scheme.type) {
    case 'httpApiKey':
      if (!scheme.name) return undefined;
      if (scheme.in === 'query') return { in: 'query', name: scheme.name };
      if (scheme.in === 'header') return { in: 'header', name: scheme.name.toLowerCase() };
      if (scheme.in === 'cookie') return { in: 'cookie', name: scheme.name };
      return undefined;
    case 'http': {
      const kind = (scheme.scheme ?? 'bearer').toLowerCase();
      return { in: 'header', name: 'authorization', prefix: `${kind[0]!.toUpperCase()}${kind.slice(1)} ` };
    }
    case 'userPassword':
      return { in: 'header', name: 'authorization', prefix: 'Basic ' };
    case 'oauth2':
    case 'openIdConnect':
      return { in: 'header', name: 'authorization', prefix: 'Bearer ' };
    default:
      return undefined;
  }
}

/** One line for humans: `token (query parameter "token")`. */
export function describeScheme(scheme: SecuritySchemeModel): string {
  const place = credentialPlace(scheme);
  if (!place) return `${scheme.id} (${scheme.type}: not carried by a WebSocket upgrade)`;
  if (place.in === 'query') return `${scheme.id} (query parameter "${place.name}")`;
  if (place.in === 'cookie') return `${scheme.id} (cookie "${place.name}")`;
  return `${scheme.id} (header "${place.name}"${place.prefix ? `: ${place.prefix.trim()} …` : ''})`;
}

/** Does the upgrade request carry a credential for the scheme? Presence only: no value is verified. */
export function credentialPresent(scheme: SecuritySchemeModel, request: { query: URLSearchParams; headers: Record<string, string | string[] | undefined> }): boolean {
  const place = credentialPlace(scheme);
  if (!place) return false;
  if (place.in === 'query') return !!request.query.get(place.name);
  if (place.in === 'cookie') return String(request.headers.cookie ?? '').split(';').some((c) => c.trim().startsWith(`${place.name}=`) && c.trim().length > place.name.length + 1);
  const value = request.headers[place.name];
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return false;
  return !place.prefix || (text.toLowerCase().startsWith(place.prefix.toLowerCase()) && text.length > place.prefix.length);
}
