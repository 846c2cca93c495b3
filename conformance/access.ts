/**
 * The runner's reading of `x-specwire-access` rules (docs/conventions.md): does a token's claims grant
 * a stream? `undefined` when the runner cannot tell (unknown rule, a public event), so checks stay quiet.
 */
import type { UserClaims } from '../protocol/claims.js';
import type { AccessRule } from '../contract/model.js';

export function isAuthorized(rule: AccessRule, stream: string, claims: UserClaims): boolean | undefined {
  const has = (claim: string) => Array.isArray(claims[claim]) && (claims[claim] as unknown[]).map(String).includes(stream);
  switch (rule.rule) {
    case 'any-authenticated':
      return true;
    case 'team-member':
      return has('teams');
    case 'game-player':
      return has('games');
    case 'board-member':
      return has('boards');
    case 'admin':
      return Array.isArray(claims.roles) && claims.roles.includes('admin');
    case 'self':
      return claims.sub === stream;
    case 'event-viewer':
      // A public event is visible to anyone: only a positive grant is certain.
      return has('events') ? true : undefined;
    default:
      return undefined;
  }
}
