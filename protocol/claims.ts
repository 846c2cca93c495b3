/**
 * Claims of the HS256 JWTs the runner mints for test users and the reference server verifies.
 * Access rules (docs/conventions.md) read these claims.
 */
export interface SpecwireClaims {
  /** User id. */
  sub: string;
  /** Audience: the contract id the token is for (`taskforge`). A token for another contract is refused. */
  aud: string;
  /** Issuer; the reference server accepts `specwire` unless configured otherwise. */
  iss?: string;
  /** Teams the user belongs to (`team-member`). */
  teams?: string[];
  /** Live events the user may view (`event-viewer`). */
  events?: string[];
  /** Games the user plays in (`game-player`). */
  games?: string[];
  /** Leaderboards the user is on (`board-member`). */
  boards?: string[];
  /** `admin` grants the `admin` rule. */
  roles?: string[];
  /** Expiry, seconds since epoch. */
  exp?: number;
  iat?: number;
}

export const DEFAULT_ISSUER = 'specwire';

/**
 * How a runner-minted token is spoiled on purpose, to test that the server refuses it.
 * `valid` is the normal case; the others must all be refused as `unauthenticated` (`wrong-audience`:
 * a token minted for another contract).
 */
export const TOKEN_VARIANTS = ['valid', 'none', 'malformed', 'wrong-signature', 'expired', 'wrong-audience', 'alg-none'] as const;
export type TokenVariant = (typeof TOKEN_VARIANTS)[number];

/** Claims of a test user before the runner adds `aud`, `iss`, `iat` and `exp`. */
export type UserClaims = Omit<SpecwireClaims, 'aud' | 'iss' | 'exp' | 'iat'> & Record<string, unknown>;

export interface MintOptions {
  /** Shared HS256 secret the server verifies with. */
  secret: string;
  /** Contract id, used as audience. */
  contract: string;
  /** Which deliberately broken token to produce. Default `valid`. */
  variant?: TokenVariant;
  /** Lifetime of a valid token in seconds. Default 3600. */
  expiresIn?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Mints a test user's JWT (or a deliberately broken one); `undefined` for the `none` variant. */
export async function mintToken(user: UserClaims, options: MintOptions): Promise<string | undefined> {
  const { SignJWT, base64url } = await import('jose');
  const variant = options.variant ?? 'valid';
  if (variant === 'none') return undefined;
  if (variant === 'malformed') return 'not-a-jwt';
  const nowSec = Math.floor((options.now ?? Date.now)() / 1000);
  const claims: Record<string, unknown> = {
    ...user,
    aud: variant === 'wrong-audience' ? `not-${options.contract}` : options.contract,
    iss: DEFAULT_ISSUER,
    iat: variant === 'expired' ? nowSec - 7200 : nowSec,
    exp: variant === 'expired' ? nowSec - 3600 : nowSec + (options.expiresIn ?? 3600),
  };
  if (variant === 'alg-none') {
    const enc = (v: unknown) => base64url.encode(new TextEncoder().encode(JSON.stringify(v)));
    return `${enc({ alg: 'none', typ: 'JWT' })}.${enc(claims)}.`;
  }
  const secret = variant === 'wrong-signature' ? `${options.secret}-but-not-quite` : options.secret;
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
