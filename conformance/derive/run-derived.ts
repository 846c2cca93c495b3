/**
 * A derived run of one contract, as `runConformance` calls it: derive the suite, get a token where
 * the document declares security (`--bearer`, or minted with `--jwt-secret`, or the token hook),
 * run it. The minted token's claims grant every address parameter and stream id the suite uses, so
 * an `x-specwire-access` document does not refuse the derived client for lack of a claim.
 */
import { getAt } from '../../contract/correlation.js';
import type { HooksDriver } from '../../protocol/hooks.js';
import { mintToken, type UserClaims } from '../../protocol/claims.js';
import type { ContractView } from '../contract-view.js';
import type { ScenarioResult } from '../result.js';
import { runDerivedSuite } from './run.js';
import { deriveSuite, type DeriveOptions, type DerivedSuite, type NotDerived } from './suite.js';

export interface DerivedContractOptions extends DeriveOptions {
  view: ContractView;
  wsUrl: string;
  /** `--header` values, sent as given. */
  headers?: Record<string, string>;
  /** `--query` values, added as given. */
  query?: Record<string, string>;
  /** `--bearer`: a token placed where the document's security scheme says. */
  bearer?: string;
  jwtSecret?: string;
  hooks?: HooksDriver;
  tokenHook?: boolean;
  grep?: RegExp;
  tags?: string[];
  signal: AbortSignal;
  onResult?(result: ScenarioResult): void;
}

export const DERIVED_SUBJECT = 'specwire-derive';

/** Claims that grant every parameter value and stream id the suite sends. */
export function derivedClaims(suite: DerivedSuite): UserClaims {
  const values = new Set<string>();
  for (const e of suite.endpoints) {
    Object.values(e.params).forEach((v) => values.add(v));
    const key = e.endpoint.channel.stream?.key ?? e.endpoint.channel.access?.key;
    for (const c of e.cases) {
      if (c.kind !== 'request' || !key) continue;
      const v = getAt(c.request.frame, `/${key}`);
      if (typeof v === 'string') values.add(v);
    }
  }
  const list = [...values];
  return { sub: DERIVED_SUBJECT, teams: list, events: list, games: list, boards: list };
}

export async function runDerivedContract(options: DerivedContractOptions): Promise<{ suite: DerivedSuite; results: ScenarioResult[]; notDerived: NotDerived[] }> {
  const suite = deriveSuite(options.view.contract, options);
  const claims = derivedClaims(suite);
  let token = options.bearer;
  const secured = suite.endpoints.some((e) => e.secured);
  if (token === undefined && secured && options.jwtSecret) token = await mintToken(claims, { secret: options.jwtSecret, contract: options.view.id });
  if (token === undefined && secured && options.tokenHook && options.hooks?.token) {
    token = await options.hooks.token({ contract: options.view.id, sub: claims.sub, teams: claims.teams, events: claims.events, games: claims.games, boards: claims.boards, expiresIn: 3600 }, options.signal);
  }
  const { results, notDerived } = await runDerivedSuite(suite, {
    view: options.view,
    wsUrl: options.wsUrl,
    credentials: { headers: options.headers ?? {}, query: options.query ?? {}, ...(token === undefined ? {} : { token }) },
    claims,
    grep: options.grep,
    tags: options.tags,
    signal: options.signal,
    onResult: options.onResult,
  });
  return { suite, results, notDerived };
}
