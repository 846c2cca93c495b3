/**
 * The client against servers that break the resume contract, made from the reference server with a
 * fault-injecting proxy in between: it still delivers the published sequence (filling the gap over
 * the polling endpoint and saying so with `resync`), or reports what it could not recover.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contract as leaderboard } from '../../generated/leaderboard/client.js';
import { contract as mediaTimeline } from '../../generated/media-timeline/client.js';
import { contract as taskforge } from '../../generated/taskforge/client.js';
import type { ReferenceServer } from '../../server/index.js';
import { startServer, token } from '../server/helpers.js';
import { startFaultProxy, type FaultProxy, type ProxyFaults } from '../support/ws-proxy.js';
import { closeClients, makeClient, postMedia, publish, range, Recorder, teamToken } from './helpers.js';

let server: ReferenceServer;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startServer({ contracts: ['taskforge', 'media-timeline', 'leaderboard'] });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  closeClients();
  await proxy?.close();
});

/** Mutant "resume ignored": the resume point never reaches the server (frame field and URL query). */
const resumeIgnored: ProxyFaults = {
  clientFrame: (text) => {
    const frame = JSON.parse(text);
    delete frame.lastSeq;
    if (frame.payload) delete frame.payload.lastSeq;
    return JSON.stringify(frame);
  },
  rewriteUrl: (url) => url.replace(/([?&])lastSeq=\d+&?/, '$1').replace(/[?&]$/, ''),
};

/** Mutant "duplicate replay": every event frame is sent twice. */
const duplicateReplay: ProxyFaults = {
  serverFrame: (text) => (typeof JSON.parse(text).seq === 'number' ? [text, text] : [text]),
};

/** Mutant "drops an event": the server loses one live frame (seq 3) on the way. */
const dropsSeq3: ProxyFaults = {
  serverFrame: (text) => (JSON.parse(text).seq === 3 ? [] : [text]),
};

async function dropAndPublish(rec: Recorder, during: () => Promise<unknown>): Promise<void> {
  proxy.faults.blockUpgrades = true;
  const from = rec.states.length;
  const joins = rec.joins.length;
  proxy.killAll();
  await rec.waitFor(() => rec.states.slice(from).filter((s) => s.state === 'reconnecting').length >= 2, 'retrying while blocked');
  await during();
  proxy.faults.blockUpgrades = false;
  await rec.waitFor(() => rec.joins.length > joins, 'rejoined');
}

describe('taskforge through faulty servers', () => {
  async function taskforgeClient(team: string, faults: ProxyFaults) {
    proxy = await startFaultProxy(server, { ...faults });
    const client = makeClient(taskforge, { url: proxy.url, token: await teamToken(team), fallbackAfter: 1000 });
    const rec = new Recorder().attach(client);
    client.subscribe(team);
    await rec.nextJoin();
    return { client, rec };
  }

  it('resume ignored: the client sees the short replay, fills the gap from the activity feed and emits resync', async () => {
    const { rec } = await taskforgeClient('m-resume', resumeIgnored);
    const published = await publish(server, 'taskforge', 'activity', 'm-resume', 2);
    await rec.waitFor(() => rec.events.length === 2, 'live events');
    await dropAndPublish(rec, async () => published.push(...(await publish(server, 'taskforge', 'activity', 'm-resume', 4))));
    await rec.waitFor(() => rec.events.length >= 6, 'the gap, filled');
    published.push(...(await publish(server, 'taskforge', 'activity', 'm-resume', 1)));
    await rec.waitFor(() => rec.events.length >= 7, 'live after the fill');
    expect(rec.seqs('m-resume')).toEqual(published);
    expect(published).toEqual(range(1, 7));
    expect(rec.resyncs.map((r) => [r.reason, r.via])).toEqual([['gap', 'feed']]);
  });

  it('duplicate replay: every duplicate is dropped', async () => {
    const { rec } = await taskforgeClient('m-dup', duplicateReplay);
    const published = await publish(server, 'taskforge', 'activity', 'm-dup', 3);
    await dropAndPublish(rec, async () => published.push(...(await publish(server, 'taskforge', 'activity', 'm-dup', 3))));
    published.push(...(await publish(server, 'taskforge', 'activity', 'm-dup', 2)));
    await rec.waitFor(() => rec.seqs().at(-1) === published.at(-1), 'the last event');
    expect(rec.seqs('m-dup')).toEqual(published);
    expect(rec.resyncs).toEqual([]);
  });

  it('a lost live frame: the gap is seen at the next event and filled from the feed', async () => {
    const { rec } = await taskforgeClient('m-drop', dropsSeq3);
    const published = await publish(server, 'taskforge', 'activity', 'm-drop', 5);
    await rec.waitFor(() => rec.events.length >= 5, 'all five, the lost one recovered');
    expect(rec.seqs('m-drop')).toEqual(published);
    expect(rec.resyncs.map((r) => r.reason)).toEqual(['gap']);
  });
});

describe('a gap nobody can fill', () => {
  it('is reported as lost (with the failed poll) and delivery continues after it', async () => {
    proxy = await startFaultProxy(server, { ...dropsSeq3 });
    const client = makeClient(taskforge, {
      url: proxy.url,
      token: await teamToken('m-lost'),
      fallbackAfter: 1000,
      // A polling endpoint that answers 404: the lost frame cannot be fetched either.
      pollingEndpoint: () => ({ path: '/api/missing/{teamId}/activity', intervalMs: 100, kind: 'feed', streamParam: 'teamId', describes: ['activity'] }),
    });
    const rec = new Recorder().attach(client);
    client.subscribe('m-lost');
    await rec.nextJoin();
    await publish(server, 'taskforge', 'activity', 'm-lost', 5);
    await rec.waitFor(() => rec.events.length === 4, 'the four deliverable events');
    expect(rec.seqs('m-lost')).toEqual([1, 2, 4, 5]);
    expect(rec.errors.map((e) => e.kind)).toEqual(['poll-failed', 'lost']);
    expect(rec.errors[1]!.message).toMatch(/seq 3\.\.3 of "m-lost" could not be recovered/);
  });
});

describe('media-timeline (stream in the URL, snapshot polling) through faulty servers', () => {
  async function timelineClient(faults: ProxyFaults) {
    const eventId = randomUUID();
    proxy = await startFaultProxy(server, { ...faults });
    const client = makeClient(mediaTimeline, { url: proxy.url, token: await token('media-timeline', { sub: 'viewer', events: [eventId] }), fallbackAfter: 1000 });
    const rec = new Recorder().attach(client);
    client.subscribe(eventId);
    await rec.nextJoin();
    return { client, rec, eventId };
  }

  it('resume ignored (?lastSeq dropped): resync through the timeline snapshot, then live events after its seq', async () => {
    const { rec, eventId } = await timelineClient(resumeIgnored);
    const live = await postMedia(server, eventId, 2);
    await rec.waitFor(() => rec.events.length === 2, 'live media');
    let gap: number[] = [];
    await dropAndPublish(rec, async () => (gap = await postMedia(server, eventId, 3)));
    await rec.waitFor(() => rec.resyncs.length === 1, 'resync');
    const after = await postMedia(server, eventId, 1);
    await rec.waitFor(() => rec.events.length >= 3, 'live after the resync');
    expect(rec.seqs()).toEqual([...live, ...after]);
    const [resync] = rec.resyncs;
    expect(resync).toMatchObject({ reason: 'gap', via: 'snapshot', seq: gap.at(-1) });
    expect((resync!.snapshot!.items as unknown[]).length).toBe(5); // the snapshot holds the media posted in the gap
  });

  it('duplicate replay on ?lastSeq resume: each media once', async () => {
    const { rec, eventId } = await timelineClient(duplicateReplay);
    const published = await postMedia(server, eventId, 2);
    await dropAndPublish(rec, async () => published.push(...(await postMedia(server, eventId, 3))));
    await rec.waitFor(() => rec.seqs().at(-1) === published.at(-1), 'the replayed media');
    expect(rec.seqs()).toEqual(published);
    expect(new Set(rec.events.map((e) => e.frame.payload.id)).size).toBe(5);
    expect(rec.resyncs).toEqual([]);
  });
});

describe('leaderboard (streams joined by subscribe, snapshot polling) through a server that ignores resume', () => {
  it('resyncs from the standings snapshot and continues live after its seq', async () => {
    const board = `b-${randomUUID().slice(0, 8)}`;
    proxy = await startFaultProxy(server, { ...resumeIgnored });
    const client = makeClient(leaderboard, { url: proxy.url, token: await token('leaderboard', { sub: 'p-1', boards: [board] }), fallbackAfter: 1000 });
    const rec = new Recorder().attach(client);
    client.subscribe(board);
    await rec.nextJoin();
    const live = await publish(server, 'leaderboard', 'points.updated', board, 2);
    await rec.waitFor(() => rec.events.length === 2, 'live points');
    let gap: number[] = [];
    await dropAndPublish(rec, async () => (gap = await publish(server, 'leaderboard', 'points.updated', board, 3)));
    await rec.waitFor(() => rec.resyncs.length === 1, 'resync');
    const after = await publish(server, 'leaderboard', 'points.updated', board, 1);
    await rec.waitFor(() => rec.events.length >= 3, 'live after the resync');
    expect(rec.seqs(board)).toEqual([...live, ...after]);
    expect(rec.resyncs[0]).toMatchObject({ stream: board, reason: 'gap', via: 'snapshot', seq: gap.at(-1) });
    expect(rec.snapshots.map((s) => s.seq)).toEqual([gap.at(-1)]);
  });
});
