import { describe, expect, it } from 'vitest';
import { eventSeqTs } from '../../../../contract/lint/rules/event-seq-ts.js';
import { contract, event, frame } from '../../../support/contract-model.js';

const withPayload = (payload: Record<string, unknown>) => contract({ messages: [event('scoreUpdated', 'score.updated', { payload })] });
const TYPE = { type: 'string', const: 'score.updated' };
const SEQ = { type: 'integer', minimum: 1 };
const TS = { type: 'string', format: 'date-time' };

describe('event-seq-ts', () => {
  it('is quiet when every server event has required integer seq and date-time ts', () => {
    expect(eventSeqTs.check(contract())).toEqual([]);
  });

  it('does not ask control frames or client frames for seq/ts', () => {
    const messages = [frame('pong', 'pong', 'server-to-client'), frame('ping', 'ping', 'client-to-server')];
    expect(eventSeqTs.check(contract({ messages }))).toEqual([]);
  });

  it('fires at the payload when seq is missing, optional or not an integer', () => {
    for (const payload of [
      { required: ['type', 'ts'], properties: { type: TYPE, ts: TS } },
      { required: ['type', 'ts'], properties: { type: TYPE, seq: SEQ, ts: TS } },
      { required: ['type', 'seq', 'ts'], properties: { type: TYPE, seq: { type: 'number' }, ts: TS } },
    ]) {
      expect(eventSeqTs.check(withPayload(payload))).toEqual([
        { path: ['channels', 'room', 'messages', 'scoreUpdated', 'payload'], message: 'server event "score.updated" lacks a required integer `seq` (mark acks and errors x-specwire-control: true)' },
      ]);
    }
  });

  it('fires when ts is missing, optional or has no date-time format, and names both faults together', () => {
    const noFormat = eventSeqTs.check(withPayload({ required: ['type', 'seq', 'ts'], properties: { type: TYPE, seq: SEQ, ts: { type: 'string' } } }));
    expect(noFormat.map((f) => f.message)).toEqual(['server event "score.updated" lacks a required `ts` with format date-time (mark acks and errors x-specwire-control: true)']);
    const neither = eventSeqTs.check(withPayload({ required: ['type'], properties: { type: TYPE } }));
    expect(neither.map((f) => f.message)).toEqual([
      'server event "score.updated" lacks a required integer `seq` and a required `ts` with format date-time (mark acks and errors x-specwire-control: true)',
    ]);
  });
});
