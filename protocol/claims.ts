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
