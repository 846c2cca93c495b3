/**
 * `x-specwire-access` rules (docs/conventions.md) evaluated against verified claims. The server must
 * decide, so an unknown rule denies (the runner's copy may answer "cannot tell").
 */
import type { SpecwireClaims } from '../../protocol/claims.js';
import type { AccessRule } from '../../contract/model.js';

/** Which claim lists the streams a rule grants. */
const CLAIM_OF_RULE: Record<string, keyof SpecwireClaims> = {
  'team-member': 'teams',
  'event-viewer': 'events',
  'game-player': 'games',
  'board-member': 'boards',
};

export function isAdmin(claims: SpecwireClaims): boolean {
  return Array.isArray(claims.roles) && claims.roles.includes('admin');
}

/** Does `claims` grant `stream` under `rule`? No rule means any authenticated user. */
export function authorize(rule: AccessRule | undefined, stream: string, claims: SpecwireClaims): boolean {
  if (!rule) return true;
  switch (rule.rule) {
    case 'any-authenticated':
      return true;
    case 'admin':
      return isAdmin(claims);
    case 'self':
      return claims.sub === stream;
    default: {
      const claim = CLAIM_OF_RULE[rule.rule];
      const list = claim ? claims[claim] : undefined;
      return Array.isArray(list) && list.map(String).includes(stream);
    }
  }
}
