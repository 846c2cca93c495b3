/**
 * Origins (RFC 6454) as the contracts use them (`x-specwire.allowedOrigins`, docs/conventions.md
 * "Origins"): what counts as one, the origin of a page served at a URL, and the handshake check a
 * server makes against cross-site WebSocket hijacking. Shared by the runner, the reference server
 * and lint, so all three read an origin the same way.
 */

/** The origin a page served at `url` has: `ws://h:1/x` → `http://h:1`, `wss://h/x` → `https://h`. */
export function originOf(url: string): string {
  const u = new URL(url);
  if (u.protocol === 'ws:') u.protocol = 'http:';
  else if (u.protocol === 'wss:') u.protocol = 'https:';
  return u.origin;
}

/**
 * Why `value` cannot be an `Origin` header (a serialized origin: `scheme://host[:port]`, no path,
 * or the opaque `null`), or undefined when it can. A trailing slash is tolerated.
 */
export function originProblem(value: string): string | undefined {
  if (value === 'null') return undefined;
  if (!URL.canParse(value)) return `"${value}" is not a URL`;
  const u = new URL(value);
  if (u.origin === 'null') return `"${value}" has no origin (scheme ${u.protocol})`;
  if (u.origin !== value.replace(/\/$/, '')) return `"${value}" is not an origin: use ${u.origin} (scheme, host and port only)`;
  return undefined;
}

/**
 * May a page of `origin` open this WebSocket? `allowed` undefined: any origin. A handshake without
 * `Origin` is not a browser's and is let through (cross-site hijacking needs a browser). The
 * server's own origin — host and port equal to the request's `Host`, whatever the scheme (a
 * TLS-terminating proxy in front changes it) — is always allowed; `*` in `allowed` allows all.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (allowed === undefined || origin === undefined || allowed.includes('*')) return true;
  if (!URL.canParse(origin)) return false;
  const page = new URL(origin);
  if (page.origin === 'null') return false;
  if (host !== undefined && page.host === host.toLowerCase()) return true;
  return allowed.some((a) => URL.canParse(a) && new URL(a).origin === page.origin);
}
