/**
 * Provider states: the runner tells the server which streams a scenario uses and who belongs to
 * them (`POST <hooks>/state`), derived from the clients' claims and triggers or written as `given:`.
 * A server without the state step (404, a driver without `state`) keeps working: derived states
 * are dropped, scenarios that need one written are skipped with the reason, and the run exits 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { planRun } from '../../conformance/plan.js';
import { providerState } from '../../conformance/provider-state.js';
import { runPlan } from '../../conformance/run.js';
import { createHooksClient, type HooksDriver, type StateRequest } from '../../protocol/hooks.js';
import { silentLogger, startReferenceServer } from '../../server/index.js';
import { specwire } from '../support/specwire-cli.js';

const SECRET = 'provider-state-secret';
const GAME = '0d5b8e3a-7f21-4c9e-b6a4-2e8f1c3d5a70';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function plan(contract: string, grep: string) {
  const p = await planRun({ contracts: [contract], grep });
  if (!p.ok) throw new Error(JSON.stringify(p.diagnostics));
  return p.contracts;
}

async function reference() {
  const server = await startReferenceServer({ port: 0, jwtSecret: SECRET, hooks: true, logger: silentLogger, contracts: ['phase-events', 'taskforge'] });
  closers.push(() => server.close());
  return server;
}

describe('provider state of a scenario', () => {
  it('is derived from the claims the contract’s access rule reads and the triggered streams, members by sub', async () => {
    const [pe] = await plan('phase-events', 'never see each other');
    const state = providerState(pe!.scenarios[0]!, pe!.view);
    expect(state.explicit).toBe(false);
    expect(state.requests).toEqual([
      { contract: 'phase-events', stream: GAME, members: [{ sub: '5f2c9a1e-3b7d-4e80-9c6a-1d4e7b2f8a35' }] },
      { contract: 'phase-events', stream: '1e6c9f4b-8a32-4dae-87b5-3f9a2d4e6b81', members: [{ sub: '7a3d0b2f-4c8e-4f91-a2d6-5e7b9c1d3f46' }] },
    ]);
    const [lb] = await plan('leaderboard', 'admin broadcast is acknowledged');
    const members = providerState(lb!.scenarios[0]!, lb!.view).requests.find((r) => r.stream === 'spring')!.members;
    expect(members).toContainEqual({ sub: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a', roles: ['admin'] });
  });

  it('includes the stream of a connection expected accepted, not of one expected refused (a public event)', async () => {
    const [mt] = await plan('media-timeline', 'foreign origin');
    const scenario = structuredClone(mt!.scenarios[0]!);
    scenario.clients.viewer!.user.events = [];
    expect(providerState(scenario, mt!.view).requests).toEqual([{ contract: 'media-timeline', stream: 'ev-1', members: [{ sub: 'b81d2f44-7a6c-4e0b-8d35-92c1e0f7a3b9' }] }]);
    const [pe] = await plan('phase-events', 'bad tokens are closed');
    const refusedOnly = structuredClone(pe!.scenarios[0]!);
    refusedOnly.steps = refusedOnly.steps.filter((s) => s.kind === 'connect' && !('accept' in s.expect));
    for (const c of Object.values(refusedOnly.clients)) c.user.games = [];
    expect(providerState(refusedOnly, pe!.view).requests).toEqual([]);
  });

  it('is what given: says when a scenario writes it', async () => {
    const [pe] = await plan('phase-events', 'does not exist');
    const state = providerState(pe!.scenarios[0]!, pe!.view);
    expect(state).toEqual({ explicit: true, requests: [{ contract: 'phase-events', stream: GAME, members: [{ sub: '5f2c9a1e-3b7d-4e80-9c6a-1d4e7b2f8a35' }] }] });
  });

  it('reaches the server before any client connects, once per stream', async () => {
    const server = await reference();
    const real = createHooksClient(server.hooksUrl!);
    const calls: string[] = [];
    const spy: HooksDriver = {
      reset: (signal, request) => (calls.push('reset'), real.reset(signal, request)),
      state: (request: StateRequest, signal) => (calls.push(`state ${request.stream}`), real.state!(request, signal)),
      trigger: (request, signal) => (calls.push('trigger'), real.trigger(request, signal)),
    };
    const run = await runPlan(await plan('phase-events', 'never see each other'), { wsUrl: server.url, httpUrl: server.httpUrl, hooks: spy, jwtSecret: SECRET, reference: true });
    expect(run.scenarios.flatMap((s) => s.failures)).toEqual([]);
    expect(calls.slice(0, 3)).toEqual(['reset', `state ${GAME}`, 'state 1e6c9f4b-8a32-4dae-87b5-3f9a2d4e6b81']);
    expect(calls.at(-1)).toBe('reset'); // the run leaves no state behind
    const connectAt = run.scenarios[0]!.timeline.findIndex((e) => e.text.startsWith('connect '));
    const lastState = run.scenarios[0]!.timeline.findLastIndex((e) => e.text.startsWith('state '));
    expect(lastState).toBeGreaterThanOrEqual(0);
    expect(lastState).toBeLessThan(connectAt);
  });

  it('against a server without the state step: derived ones run, given: ones are skipped with the reason', async () => {
    const server = await reference();
    const real = createHooksClient(server.hooksUrl!);
    const old: HooksDriver = { reset: real.reset, trigger: real.trigger };
    const run = await runPlan(await plan('phase-events', 'does not exist|never see each other'), { wsUrl: server.url, httpUrl: server.httpUrl, hooks: old, jwtSecret: SECRET, reference: true });
    const byName = Object.fromEntries(run.scenarios.map((s) => [s.name.slice(0, 20), [s.status, s.skipReason]]));
    expect(byName).toEqual({
      'a game that does not': ['skipped', expect.stringContaining('needs the state step')],
      "players of two games": ['passed', undefined],
    });
  });

  it('the HTTP hooks client reads a 404 from /state as "no state step"', async () => {
    const http = createServer((req, res) => res.writeHead(req.url === '/hooks/state' ? 404 : 500).end());
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => http.close(() => r())));
    const client = createHooksClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks`);
    expect(await client.state!({ contract: 'phase-events', stream: GAME, members: [] })).toBe('unsupported');
  });

  it('specwire test against an old server (a driver without state) exits 0 and says what it skipped', async () => {
    const server = await reference();
    const r = await specwire(['test', '--contract', 'phase-events', '--grep', 'does not exist|foreign origin', '--url', server.url, '--jwt-secret', SECRET, '--driver', resolve(import.meta.dirname, '../fixtures/conformance/old-server/driver.mjs')], {}, { SPECWIRE_TEST_HOOKS: server.hooksUrl! });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/1 passed, 0 failed, 1 skipped \(not applicable to this server\)/);
    expect(r.stdout).toContain('skipped: needs the state step');
    expect(r.code).toBe(0);
  });
});
