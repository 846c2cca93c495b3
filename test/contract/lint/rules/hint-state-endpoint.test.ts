import { describe, expect, it } from 'vitest';
import { hintStateEndpoint } from '../../../../contract/lint/rules/hint-state-endpoint.js';
import type { JsonSchema, PollingEndpoint } from '../../../../contract/model.js';
import { contract, event, frame } from '../../../support/contract-model.js';

/** A response that lists the very frames (`items` of `score.updated`): a feed. */
const FEED: JsonSchema = { type: 'object', properties: { seq: { type: 'integer' }, items: { type: 'array', items: { type: 'object', properties: { type: { const: 'score.updated' } } } } } };
/** Current state with the seq it reflects: a snapshot. */
const SNAPSHOT: JsonSchema = { type: 'object', properties: { seq: { type: 'integer' }, scores: { type: 'array', items: { type: 'object' } } } };

const endpoint = (path: string, response: JsonSchema): PollingEndpoint => ({ path, method: 'GET', intervalMs: 5000, describes: ['score.updated'], response });
const withHint = (polling: PollingEndpoint[]) =>
  contract({
    messages: [event('scoreUpdated', 'score.updated', { authority: 'hint' }), frame('pong', 'pong', 'server-to-client'), frame('ping', 'ping', 'client-to-server')],
    specwire: { id: 'quiz', polling },
  });

describe('hint-state-endpoint', () => {
  it('is quiet when a snapshot endpoint describes the hint, beside a feed or alone', () => {
    expect(hintStateEndpoint.check(withHint([endpoint('/api/rooms/{roomId}/scores', SNAPSHOT)]))).toEqual([]);
    expect(hintStateEndpoint.check(withHint([endpoint('/api/rooms/{roomId}/log', FEED), endpoint('/api/rooms/{roomId}/scores', SNAPSHOT)]))).toEqual([]);
  });

  it('fires at the authority of a hint that only a feed describes', () => {
    expect(hintStateEndpoint.check(withHint([endpoint('/api/rooms/{roomId}/log', FEED)]))).toEqual([
      {
        path: ['channels', 'room', 'messages', 'scoreUpdated', 'x-specwire-authority'],
        message: 'hint event "score.updated" has no state endpoint to refetch: only the feed /api/rooms/{roomId}/log describes it, which returns the frames, not the state',
      },
    ]);
  });

  it('leaves state events and undescribed hints alone (the latter is contract-polling’s finding)', () => {
    expect(hintStateEndpoint.check(contract({ specwire: { id: 'quiz', polling: [endpoint('/api/rooms/{roomId}/log', FEED)] } }))).toEqual([]);
    expect(hintStateEndpoint.check(withHint([]))).toEqual([]);
  });
});
