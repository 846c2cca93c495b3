import { describe, expect, it } from 'vitest';
import { InMemoryBackplane } from '../../../server/core/backplane.js';
import { StreamRegistry } from '../../../server/core/streams.js';
import { eventLogProjection } from '../../../server/contracts/event-log.js';

function registry(replayBuffer = 3) {
  const backplane = new InMemoryBackplane();
  const streams = new StreamRegistry('c', replayBuffer, backplane, eventLogProjection, (err) => {
    throw err;
  });
  backplane.onEvent((e) => streams.receive(e));
  return streams;
}

describe('StreamRegistry', () => {
  it('assigns seq per stream in publish order, even for concurrent publishes', async () => {
    const streams = registry();
    const seqs = await Promise.all([streams.publish('a', { type: 'x' }), streams.publish('b', { type: 'x' }), streams.publish('a', { type: 'x' })]);
    expect(seqs).toEqual([1, 1, 2]);
  });

  it('plans resume: live, replay of exactly the gap, resync when too old or ahead', async () => {
    const streams = registry(3);
    for (let i = 0; i < 5; i++) await streams.publish('a', { type: 'x' });
    expect(streams.resume('a', undefined)).toEqual({ kind: 'live', seq: 5 });
    expect(streams.resume('a', 5)).toEqual({ kind: 'live', seq: 5 });
    const replay = streams.resume('a', 2);
    expect(replay.kind === 'replay' && replay.frames.map((f) => f.seq)).toEqual([3, 4, 5]);
    expect(streams.resume('a', 1)).toEqual({ kind: 'resync', seq: 5, reason: 'gap_too_old' });
    expect(streams.resume('a', 9)).toEqual({ kind: 'resync', seq: 5, reason: 'stream_reset' });
  });

  it('answers a jump it cannot fill with resync to the subscribers, not a silent gap, and restarts the buffer there', async () => {
    const streams = registry(5);
    const got: unknown[] = [];
    streams.subscribe('a', { id: 1, deliver: (_s, f) => got.push(f.seq), control: (type, fields) => got.push({ type, ...fields }) });
    await streams.publish('a', { type: 'x' });
    streams.receive({ contract: 'c', stream: 'a', seq: 4, frame: { type: 'x', seq: 4 } });
    streams.receive({ contract: 'c', stream: 'a', seq: 5, frame: { type: 'x', seq: 5 } });
    expect(got).toEqual([1, { type: 'resync', stream: 'a', seq: 4, reason: 'gap_too_old' }, 5]);
    expect(streams.resume('a', 1)).toEqual({ kind: 'resync', seq: 5, reason: 'gap_too_old' });
    expect(streams.counters).toEqual({ published: 1, delivered: 2, replayed: 0, resyncs: 2 });
  });

  it('drops a duplicate delivery of a seq it already applied', async () => {
    const streams = registry();
    const got: unknown[] = [];
    streams.subscribe('a', { id: 1, deliver: (_s, f) => got.push(f.seq) });
    await streams.publish('a', { type: 'x' });
    streams.receive({ contract: 'c', stream: 'a', seq: 1, frame: { type: 'x', seq: 1 } });
    expect(got).toEqual([1]);
  });

  it('drops its replay buffer at a seq jump (missed events), so a resume from before it gets resync, not a hole', () => {
    const streams = registry(10);
    for (const seq of [1, 2, 3, 6, 7]) streams.receive({ contract: 'c', stream: 'a', seq, frame: { type: 'x', seq } });
    expect(streams.resume('a', 2)).toEqual({ kind: 'resync', seq: 7, reason: 'gap_too_old' });
    const replay = streams.resume('a', 6);
    expect(replay.kind === 'replay' && replay.frames.map((f) => f.seq)).toEqual([7]);
    // An instance that joins late starts at whatever seq it first sees.
    streams.receive({ contract: 'c', stream: 'b', seq: 57, frame: { type: 'x', seq: 57 } });
    expect(streams.resume('b', 50)).toEqual({ kind: 'resync', seq: 57, reason: 'gap_too_old' });
  });
});
