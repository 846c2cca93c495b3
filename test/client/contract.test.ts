import { describe, expect, it } from 'vitest';
import { connectionUrl, fieldOf, shapeFrame } from '../../client/contract.js';
import { contract as mediaTimeline } from '../../generated/media-timeline/client.js';
import { contract as phaseEvents } from '../../generated/phase-events/client.js';
import { contract as taskforge } from '../../generated/taskforge/client.js';

describe('connectionUrl', () => {
  it('media-timeline: the event in the path, token, ?v=<major> and the resume point in the query', () => {
    const url = connectionUrl(mediaTimeline, { origin: 'wss://events.example.com/', params: undefined, stream: 'e 1', resumeAt: 41, token: 'jwt' });
    expect(url).toBe('wss://events.example.com/api/ws/events/e%201?token=jwt&v=1&lastSeq=41');
  });
  it('taskforge: a fixed address; version by subprotocol, so no ?v=; no resume in the URL', () => {
    expect(connectionUrl(taskforge, { origin: 'ws://h:1', params: undefined, stream: undefined, resumeAt: undefined, token: 't' })).toBe('ws://h:1/realtime?token=t');
  });
  it('a fresh join carries no lastSeq; a missing path value is an error naming it', () => {
    expect(connectionUrl(phaseEvents, { origin: 'ws://h', params: undefined, stream: 'g1', resumeAt: undefined, token: undefined })).toBe('ws://h/ws/game/g1/?v=1');
    expect(() => connectionUrl(phaseEvents, { origin: 'ws://h', params: undefined, stream: undefined, resumeAt: undefined, token: undefined })).toThrow(/\{gameId\}/);
  });
});

describe('frames', () => {
  it('shapeFrame puts each field where the contract says; fieldOf reads flat and envelope frames', () => {
    expect(shapeFrame('subscribe', { teamId: { value: 't1', place: 'top' }, lastSeq: { value: 3, place: 'top' } })).toEqual({ type: 'subscribe', teamId: 't1', lastSeq: 3 });
    expect(shapeFrame('subscribe', { lastSeq: { value: 3, place: 'payload' }, topics: { value: undefined, place: 'payload' } })).toEqual({ type: 'subscribe', payload: { lastSeq: 3 } });
    expect(fieldOf({ type: 'resync', payload: { seq: 9 } }, 'seq')).toBe(9);
    expect(fieldOf({ type: 'resync', seq: 8, payload: { seq: 9 } }, 'seq')).toBe(8);
  });
});
