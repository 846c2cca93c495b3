import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ContractView } from '../../conformance/contract-view.js';
import { buildConnectTarget, versionedSubprotocol } from '../../conformance/connect-url.js';
import { matches, mismatch } from '../../conformance/match.js';
import { loadContract } from '../../contract/load.js';

async function view(name: string) {
  const r = await loadContract(resolve(import.meta.dirname, `../../asyncapi/${name}.yaml`));
  if (!r.ok) throw new Error(`${name} does not load`);
  return new ContractView(r.contract);
}

describe('connection URL from the contract model', () => {
  it('taskforge: address, ?token= per httpApiKey in query, subprotocol per versioning', async () => {
    const v = await view('taskforge');
    const t = buildConnectTarget('ws://127.0.0.1:9000', v, { channel: v.channel()!.channel, params: {}, query: {}, token: 'T', version: undefined, headers: {} });
    expect(t.url).toBe('ws://127.0.0.1:9000/realtime?token=T');
    expect(t.protocols).toEqual(['taskforge.v1']);
    expect(t.headers).toEqual({});
  });

  it('media-timeline: address parameters filled, version as ?v=, base path kept', async () => {
    const v = await view('media-timeline');
    const t = buildConnectTarget('ws://h:1/prefix/', v, { channel: v.channel()!.channel, params: { eventId: 'ev 1' }, query: { lastSeq: '4' }, token: 'T', version: 2, headers: {} });
    expect(t.url).toBe('ws://h:1/prefix/api/ws/events/ev%201?lastSeq=4&token=T&v=2');
    expect(t.protocols).toEqual([]);
  });

  it('no token, no version offered', async () => {
    const v = await view('taskforge');
    const t = buildConnectTarget('ws://h', v, { channel: v.channel()!.channel, params: {}, query: {}, token: undefined, version: null, headers: {} });
    expect(t.url).toBe('ws://h/realtime');
    expect(t.protocols).toEqual([]);
  });

  it('versioned subprotocol names', () => {
    expect(versionedSubprotocol('taskforge.v1', 2)).toBe('taskforge.v2');
    expect(versionedSubprotocol('juke', 1)).toBe('juke.v1');
  });
});

describe('partial matching', () => {
  it('matches subsets, $any and $absent; arrays by position and length', () => {
    const frame = { type: 'activity', seq: 3, activity: { type: 'task.created', data: { labels: ['a', 'b'] } } };
    expect(matches(frame, { type: 'activity' })).toBe(true);
    expect(matches(frame, { activity: { type: 'task.created' } })).toBe(true);
    expect(matches(frame, { seq: '$any', ref: '$absent' })).toBe(true);
    expect(matches(frame, { activity: { data: { labels: ['a'] } } })).toBe(false);
    expect(matches(frame, { seq: 4 })).toBe(false);
    expect(mismatch(frame, { activity: { type: 'task.deleted' } })).toBe('/activity/type is "task.created", expected "task.deleted"');
    expect(mismatch(frame, { teamId: '$any' })).toBe('/teamId is missing');
  });
});
