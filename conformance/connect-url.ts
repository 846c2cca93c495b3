/**
 * Builds a connection from the contract model: the server's pathname and the channel address with its parameters filled, the
 * token placed as the security scheme says (`httpApiKey in: query` → `?name=`, `http bearer` →
 * `Authorization`), the wire version as `x-specwire.versioning` says (subprotocol or query).
 */
import type { ChannelModel } from '../contract/model.js';
import type { ContractView } from './contract-view.js';
import { serverPathname } from '../contract/ws-server.js';

export interface ConnectTarget {
  url: string;
  protocols: string[];
  headers: Record<string, string>;
}

export interface ConnectRequest {
  channel: ChannelModel;
  params: Record<string, string>;
  query: Record<string, string>;
  token: string | undefined;
  /** Wire major; `null` offers none; `undefined` the contract's own. */
  version: number | null | undefined;
  subprotocols?: string[];
  headers: Record<string, string>;
}

/** Fills `{name}` placeholders; values are URI-encoded. */
export function fillAddress(address: string, params: Record<string, string>): string {
  return address.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `{${name}}`));
}

export function buildConnectTarget(baseUrl: string, view: ContractView, req: ConnectRequest): ConnectTarget {
  const base = new URL(baseUrl);
  // The document's server pathname (Slack RTM's `/api/rtm.connect`) sits between the base URL and the address, once.
  const pathname = serverPathname(view.contract);
  const basePath = base.pathname.replace(/\/+$/, '');
  const prefix = pathname && !basePath.endsWith(pathname) ? `${basePath}${pathname}` : basePath;
  const address = req.channel.address.startsWith('/') ? req.channel.address : `/${req.channel.address}`;
  const url = new URL(prefix + fillAddress(address, req.params), base);
  for (const [k, v] of base.searchParams) url.searchParams.set(k, v);
  for (const [k, v] of Object.entries(req.query)) url.searchParams.set(k, v);
  const headers = { ...req.headers };
  const protocols: string[] = [];
  if (req.token !== undefined) {
    const scheme = view.securityScheme();
    if (scheme?.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') headers.authorization = `Bearer ${req.token}`;
    else if (scheme?.in === 'header' && scheme.name) headers[scheme.name.toLowerCase()] = req.token;
    else url.searchParams.set(scheme?.name ?? 'token', req.token);
  }
  const versioning = view.contract.specwire?.versioning;
  const version = req.version === undefined ? view.major : req.version;
  if (req.subprotocols) protocols.push(...req.subprotocols);
  else if (version !== null && versioning?.subprotocol) protocols.push(versionedSubprotocol(versioning.subprotocol, version));
  else if (version !== null && versioning?.query) url.searchParams.set(versioning.query, String(version));
  return { url: url.toString(), protocols, headers };
}

/** `taskforge.v1` for version 2 → `taskforge.v2`; a name without a trailing version gets `.v<N>`. */
export function versionedSubprotocol(declared: string, version: number): string {
  return /v\d+$/.test(declared) ? declared.replace(/v\d+$/, `v${version}`) : `${declared}.v${version}`;
}
