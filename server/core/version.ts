/**
 * Wire version negotiation per `x-specwire.versioning`: a subprotocol (`taskforge.v1`) or a query
 * parameter (`?v=1`). Nothing offered means the current major; something offered but unsupported
 * is refused with close 4406 after the upgrade (so the client learns why).
 */
import type { SpecwireInfo } from '../../contract/model.js';

export type Negotiation =
  | { ok: true; major: number; /** Subprotocol to select, if the client offered one we speak. */ protocol?: string }
  | { ok: false; reason: string; /** A subprotocol to select anyway so the upgrade completes and 4406 can be sent. */ protocol?: string };

/** `taskforge.v1` → base `taskforge.v`, so `taskforge.v2` parses as major 2. */
function subprotocolPattern(declared: string): RegExp {
  const base = /v\d+$/.test(declared) ? declared.replace(/\d+$/, '') : `${declared}.v`;
  return new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)$`);
}

export function negotiateVersion(versioning: SpecwireInfo['versioning'], majors: readonly number[], offered: readonly string[], url: URL): Negotiation {
  const current = Math.max(...majors);
  if (versioning?.subprotocol) {
    if (offered.length === 0) return { ok: true, major: current };
    const pattern = subprotocolPattern(versioning.subprotocol);
    for (const p of offered) {
      const m = pattern.exec(p);
      if (m && majors.includes(Number(m[1]))) return { ok: true, major: Number(m[1]), protocol: p };
    }
    return { ok: false, reason: `no supported subprotocol in ${offered.join(', ')} (speaks ${majors.map((n) => versioning.subprotocol!.replace(/\d+$/, String(n))).join(', ')})`, protocol: offered[0] };
  }
  if (versioning?.query) {
    const raw = url.searchParams.get(versioning.query);
    if (raw === null || raw === '') return { ok: true, major: current };
    const n = Number(raw);
    if (Number.isInteger(n) && majors.includes(n)) return { ok: true, major: n };
    return { ok: false, reason: `unsupported ?${versioning.query}=${raw} (speaks ${majors.join(', ')})` };
  }
  return { ok: true, major: current };
}

/**
 * Picks which of several contracts on one address serves a connection: the first offered
 * subprotocol one of them speaks, else the oldest major — a client that negotiates nothing (or only
 * majors nobody speaks, refused later with 4406) predates the migration.
 */
export function pickMajor<R extends { rt: { majors: readonly number[]; model: { specwire?: SpecwireInfo } } }>(routes: readonly R[], offered: readonly string[]): R {
  for (const p of offered) {
    for (const route of routes) {
      const declared = route.rt.model.specwire?.versioning?.subprotocol;
      const m = declared ? subprotocolPattern(declared).exec(p) : null;
      if (m && route.rt.majors.includes(Number(m[1]))) return route;
    }
  }
  return [...routes].sort((a, b) => Math.min(...a.rt.majors) - Math.min(...b.rt.majors))[0]!;
}
