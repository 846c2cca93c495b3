/**
 * Provider states (docs/hooks.md `POST <hooks>/state`): before a scenario's clients connect, the
 * runner tells the server which streams exist and who belongs to them, so that a server that looks
 * its games or teams up — as a real one does — can be tested at all, and one that refuses unknown
 * streams can be held to it. A scenario writes its state (`given:`) or it is derived: every stream
 * a client's claims grant under the contract's access rules (its members: those clients), every
 * stream a connection the scenario expects accepted names in its address, and every stream a step
 * triggers events on.
 */
import type { StateMember, StateRequest } from '../protocol/hooks.js';
import type { ContractView } from './contract-view.js';
import type { ScenarioRun } from './engine.js';
import type { ClientSpec, Scenario } from './scenario/types.js';

/** The claim listing the streams each access rule grants (docs/conventions.md). */
const CLAIM_OF_RULE: Record<string, string> = {
  'team-member': 'teams',
  'event-viewer': 'events',
  'game-player': 'games',
  'board-member': 'boards',
};

export interface ProviderState {
  /** Written in the scenario (`given:`): it depends on the server honouring it. */
  explicit: boolean;
  requests: StateRequest[];
}

function member(spec: ClientSpec): StateMember {
  const roles = spec.user.roles;
  return { sub: spec.user.sub, ...(Array.isArray(roles) && roles.length ? { roles: roles.map(String) } : {}) };
}

/** The state requests of a scenario, in a stable order, one per stream, members without duplicates. */
export function providerState(scenario: Scenario, view: ContractView): ProviderState {
  const streams = new Map<string, Map<string, StateMember>>();
  const add = (stream: string, spec?: ClientSpec) => {
    const members = streams.get(stream) ?? new Map<string, StateMember>();
    streams.set(stream, members);
    if (spec) members.set(spec.user.sub, member(spec));
  };
  if (scenario.given) {
    for (const g of scenario.given) {
      add(g.stream);
      for (const name of g.members) add(g.stream, scenario.clients[name]);
    }
  } else {
    const claims = new Set(view.contract.channels.map((c) => CLAIM_OF_RULE[c.access?.rule ?? '']).filter((c): c is string => !!c));
    for (const spec of Object.values(scenario.clients)) {
      for (const claim of claims) {
        const granted = spec.user[claim];
        if (Array.isArray(granted)) for (const stream of granted) add(String(stream), spec);
      }
    }
    for (const step of scenario.steps) {
      if (step.kind === 'trigger' || step.kind === 'measure') add(step.stream);
      // A connection the scenario expects accepted names a stream that must exist (a public event).
      const key = step.kind === 'connect' && 'accept' in step.expect ? view.channel(step.channel)?.channel.stream?.key : undefined;
      if (step.kind === 'connect' && key !== undefined && step.params[key] !== undefined) add(step.params[key], scenario.clients[step.client]);
    }
  }
  const requests = [...streams].map(([stream, members]) => ({ contract: view.id, stream, members: [...members.values()] }));
  return { explicit: scenario.given !== undefined, requests };
}

/**
 * Sends the scenario's provider state through the hooks or driver. `unsupported`: the server has no
 * state step (a 404, a driver without `state`, or no hooks at all): every stream is taken to exist.
 * `failed`: a state call failed, reported under check `state`.
 */
export async function applyProviderState(run: ScenarioRun, state: ProviderState): Promise<'applied' | 'unsupported' | 'failed'> {
  const hooks = run.options.hooks;
  if (!hooks?.state) return 'unsupported';
  for (const request of state.requests) {
    run.timeline.push({ t: Date.now() - run.startedAt, client: 'hooks', dir: 'note', text: `state ${JSON.stringify(request)}` });
    try {
      if ((await hooks.state(request, run.signal)) === 'unsupported') {
        run.timeline.push({ t: Date.now() - run.startedAt, client: 'hooks', dir: 'note', text: 'no state step (404): every stream is taken to exist' });
        return 'unsupported';
      }
    } catch (err) {
      run.fail({ check: 'state', message: (err as Error).message });
      return 'failed';
    }
  }
  return 'applied';
}
