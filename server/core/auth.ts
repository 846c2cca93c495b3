/**
 * Handshake and polling authentication: HS256 JWTs (protocol/claims.ts) whose `aud` is the contract
 * id, `iss` is `specwire` and `exp` is in the future. Failures are values with a reason for the log,
 * never exceptions.
 */
import type { IncomingMessage } from 'node:http';
import { jwtVerify } from 'jose';
import { DEFAULT_ISSUER, type SpecwireClaims } from '../../protocol/claims.js';
import type { SecuritySchemeModel } from '../../contract/model.js';

export type AuthResult = { ok: true; claims: SpecwireClaims } | { ok: false; reason: string };

/** Finds the token where the contract's security scheme puts it, falling back to `Authorization: Bearer` and `?token=`. */
export function extractToken(req: IncomingMessage, url: URL, scheme: SecuritySchemeModel | undefined): string | undefined {
  if (scheme?.type === 'httpApiKey' && scheme.in === 'query' && scheme.name) {
    const v = url.searchParams.get(scheme.name);
    if (v) return v;
  }
  if (scheme?.in === 'header' && scheme.name) {
    const v = req.headers[scheme.name.toLowerCase()];
    if (typeof v === 'string' && v) return v;
  }
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (m) return m[1];
  }
  return url.searchParams.get('token') ?? undefined;
}

/**
 * Verifies signature (HS256 only: `alg: none` and others are refused), audience, issuer and expiry.
 * `contractId` may list several ids: the wire majors sharing one endpoint accept each other's tokens.
 */
export async function verifyToken(token: string | undefined, secret: Uint8Array, contractId: string | string[], issuer = DEFAULT_ISSUER): Promise<AuthResult> {
  if (!token) return { ok: false, reason: 'no token' };
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], audience: contractId, issuer });
    if (typeof payload.sub !== 'string' || !payload.sub) return { ok: false, reason: 'token has no sub' };
    if (payload.exp === undefined) return { ok: false, reason: 'token has no exp' };
    return { ok: true, claims: payload as unknown as SpecwireClaims };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}
