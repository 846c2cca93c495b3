import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../codegen/catalog.js';
import { clientFacts, emitClientDts, stateTypeName } from '../../codegen/emit-client.js';
import { loadContract } from '../../contract/load.js';
import { FIXTURES_DIR } from '../support/generated-contracts.js';

async function facts(file: string) {
  const loaded = await loadContract(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return clientFacts(loaded.contract);
}

describe('client descriptor facts', () => {
  it('taskforge: streams joined by subscribe with lastSeq, subprotocol, a feed endpoint', async () => {
    const f = (await facts('asyncapi/taskforge.yaml'))!;
    expect(f.stream).toEqual({ key: 'teamId', mode: 'subscribe', subscribe: { type: 'subscribe', key: 'top', lastSeq: 'top' }, unsubscribe: { type: 'unsubscribe', key: 'top' }, ack: 'subscribed', resumeQuery: undefined });
    expect(f.versioning).toEqual({ subprotocol: 'taskforge.v1' });
    expect(f.events).toEqual(['activity']);
    expect(f.polling).toEqual([{ path: '/api/teams/{teamId}/activity', intervalMs: 5000, kind: 'feed', streamParam: 'teamId', describes: ['activity'] }]);
  });

  it('media-timeline: the stream is in the URL, resumed by ?lastSeq, a snapshot endpoint, ?v= versioning', async () => {
    const f = (await facts('asyncapi/media-timeline.yaml'))!;
    expect(f.stream.mode).toBe('address');
    expect(f.stream.resumeQuery).toBe('lastSeq');
    expect(f.address).toBe('/api/ws/events/{eventId}');
    expect(f.versioning).toEqual({ query: 'v' });
    expect(f.events).toEqual(['event:status', 'media:delete', 'media:new', 'media:update']);
    expect(f.polling.map((p) => [p.kind, p.streamParam, p.intervalMs])).toEqual([['snapshot', 'eventId', 5000]]);
    expect(f.heartbeat).toMatchObject({ pingIntervalMs: 25000, ping: 'ping', pong: 'pong' });
  });

  it('phase-events: each event carries its authority; game_over is the one hint, the state type is GameState', async () => {
    const loaded = await loadContract('asyncapi/phase-events.yaml');
    if (!loaded.ok) throw new Error('phase-events does not load');
    const f = clientFacts(loaded.contract)!;
    expect(f.authority).toEqual({ 'phase.game_over': 'hint', 'phase.guess_started': 'state', 'phase.lie_started': 'state', 'phase.scoreboard': 'state' });
    expect(stateTypeName(loaded.contract, f, buildCatalog(loaded.contract))).toBe('GameState');
    const dts = emitClientDts(f, 'asyncapi/phase-events.yaml', { state: 'GameState' });
    expect(dts).toContain('export type HintType = "phase.game_over";');
    expect(dts).toContain('readonly authority: { readonly "phase.game_over": "hint"; readonly "phase.guess_started": "state"; readonly "phase.lie_started": "state"; readonly "phase.scoreboard": "state" };');
    expect(dts).toMatch(/import type \{[^}]*\bGameState\b[^}]*\} from "\.\/index\.js";/);
  });

  it('a feed-served stream has no named state type and no hints', async () => {
    const loaded = await loadContract('asyncapi/taskforge.yaml');
    if (!loaded.ok) throw new Error('taskforge does not load');
    const f = clientFacts(loaded.contract)!;
    expect(f.authority).toEqual({ activity: 'state' });
    expect(stateTypeName(loaded.contract, f, buildCatalog(loaded.contract))).toBeUndefined();
    expect(emitClientDts(f, 'asyncapi/taskforge.yaml')).toContain('export type HintType = never;');
  });

  it('a document without specwire conventions gets no descriptor', async () => {
    expect(await facts(join(FIXTURES_DIR, 'iot-telemetry.yaml'))).toBeUndefined();
  });
});
