/**
 * The coverage matrix: each promise of a contract (promises.ts) against what tests it — scenarios by
 * their `contract:` references (a reference covers the clause it names and every clause under it)
 * and by their steps (the messages they send and expect, the close codes, refusals, error codes and
 * polling paths they expect), and the always-on checks that judge every frame of every scenario.
 */
import { basename } from 'node:path';
import type { ContractView } from '../contract-view.js';
import type { Scenario } from '../scenario/types.js';
import { contractPromises, type ContractPromise } from './promises.js';
import { CloseCode } from '../../protocol/close-codes.js';

export type Coverer =
  | { scenario: string; file: string; by: 'contract-ref'; ref: string }
  | { scenario: string; file: string; by: 'step'; line: number; step: string }
  | { check: string };

export interface CoverageRow extends ContractPromise {
  coveredBy: Coverer[];
}

export interface ContractCoverage {
  contract: string;
  file: string;
  promises: CoverageRow[];
  uncovered: number;
}

/** Always-on checks (conformance/checks/) and the promise kinds they judge on every frame. */
const CHECKS_COVER: Readonly<Record<string, (p: ContractPromise) => boolean>> = {
  'seq-order': (p) => p.kind === 'stream',
  'stream-authorized': (p) => p.kind === 'access',
  'sse-id': (p) => p.kind === 'sse' && p.pointer.endsWith('/of'),
  'sse-event-name': (p) => p.kind === 'sse' && p.pointer.endsWith('/of'),
};

export function coverageOf(view: ContractView, scenarios: Scenario[]): ContractCoverage {
  const rows: CoverageRow[] = contractPromises(view).map((p) => ({ ...p, coveredBy: [] }));
  for (const scenario of scenarios) {
    const name = basename(scenario.file);
    for (const ref of scenario.contractRefs ?? []) {
      for (const row of rows) {
        if (!row.stepsOnly && (row.pointer === ref || row.pointer.startsWith(`${ref}/`))) row.coveredBy.push({ scenario: name, file: scenario.file, by: 'contract-ref', ref });
      }
    }
    for (const hit of stepHits(view, scenario)) {
      for (const row of rows) {
        if (hit.covers(row) && !row.coveredBy.some((c) => 'scenario' in c && c.scenario === name && c.by === 'step')) {
          row.coveredBy.push({ scenario: name, file: scenario.file, by: 'step', line: hit.line, step: hit.step });
        }
      }
    }
  }
  if (scenarios.length) {
    for (const [check, covers] of Object.entries(CHECKS_COVER)) for (const row of rows) if (covers(row)) row.coveredBy.push({ check });
  }
  return { contract: view.id, file: view.contract.file, promises: rows, uncovered: rows.filter((r) => !r.coveredBy.length && !r.untestable).length };
}

interface StepHit {
  line: number;
  step: string;
  covers(p: ContractPromise): boolean;
}

/** What each step of a scenario exercises, with the channel each client is on. */
function stepHits(view: ContractView, scenario: Scenario): StepHit[] {
  const hits: StepHit[] = [];
  const channelOf = new Map<string, string | undefined>();
  const add = (line: number, step: string, covers: (p: ContractPromise) => boolean) => hits.push({ line, step, covers });
  for (const step of scenario.steps) {
    const line = step.at.line;
    switch (step.kind) {
      case 'connect': {
        const ch = view.connectChannel(step.channel, step.transport)?.channel.id;
        channelOf.set(step.client, ch);
        const e = step.expect;
        if ('refused' in e) {
          if (typeof e.refused === 'string' && e.refused !== 'any') {
            const refusal = view.refusal(e.refused);
            const named = e.refused;
            add(line, 'connect refused', (p) => (p.kind === 'refusal' && p.label.startsWith(`refusal.${named} `)) || (p.kind === 'close-code' && refusal !== undefined && 'close' in refusal && p.match?.code === refusal.close));
          } else if (typeof e.refused === 'object' && 'close' in e.refused) {
            const code = e.refused.close;
            add(line, 'connect refused', (p) => p.kind === 'close-code' && p.match?.code === code);
          }
        }
        if (step.version !== undefined || step.subprotocols) add(line, 'connect version', (p) => p.kind === 'versioning');
        break;
      }
      case 'send': {
        const type = step.message?.type;
        const ch = channelOf.get(step.client);
        if (typeof type === 'string' && !step.unchecked) add(line, `send ${type}`, (p) => p.kind === 'message' && p.match?.direction === 'client-to-server' && p.match.type === type && (!ch || p.match.channel === ch));
        break;
      }
      case 'expect': {
        const codes = [...(step.close ?? []), ...(step.orClose?.codes ?? [])];
        if (codes.length) add(line, `expect close ${codes.join('/')}`, (p) => p.kind === 'close-code' && codes.includes(p.match?.code as number));
        const pattern = step.message;
        const type = pattern?.type;
        const ch = channelOf.get(step.client);
        if (typeof type === 'string') {
          add(line, `expect ${type}`, (p) => p.kind === 'message' && p.match?.direction === 'server-to-client' && p.match.type === type && (!ch || p.match.channel === ch));
          const code = type === 'error' ? (pattern!.code ?? (pattern!.payload as Record<string, unknown> | undefined)?.code) : undefined;
          if (typeof code === 'string') add(line, `expect error ${code}`, (p) => p.kind === 'error-code' && p.match?.code === code);
        }
        break;
      }
      case 'poll': {
        const path = step.path;
        add(line, `poll ${path}`, (p) => p.kind === 'polling' && p.match?.path === path);
        break;
      }
      case 'disconnect':
        // A clean close must be answered (runner check close-handshake): the server's side of 1000.
        if (!step.abrupt) add(line, 'disconnect', (p) => p.kind === 'close-code' && p.match?.code === CloseCode.Normal);
        break;
      case 'measure':
        add(line, 'measure', (p) => p.kind === 'slo');
        break;
      default:
        break;
    }
  }
  return hits;
}
