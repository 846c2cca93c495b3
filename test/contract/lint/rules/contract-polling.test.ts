import { describe, expect, it } from 'vitest';
import { contractPolling } from '../../../../contract/lint/rules/contract-polling.js';
import type { PollingEndpoint } from '../../../../contract/model.js';
import { contract, event } from '../../../support/contract-model.js';

const endpoint = (describes: string[], path = '/api/rooms/{roomId}/scores'): PollingEndpoint => ({ path, method: 'GET', intervalMs: 5000, describes });
const withPolling = (polling: PollingEndpoint[] | undefined) => contract({ specwire: { id: 'quiz', polling } });

describe('contract-polling', () => {
  it('is quiet when every server event type is described by an endpoint', () => {
    expect(contractPolling.check(contract())).toEqual([]);
  });

  it('fires once at x-specwire when there is no polling endpoint', () => {
    for (const polling of [undefined, []]) {
      expect(contractPolling.check(withPolling(polling))).toEqual([{ path: ['info', 'x-specwire'], message: 'no polling endpoint for the fallback: declare info.x-specwire.polling' }]);
    }
  });

  it('fires at the describes item that names an unknown type', () => {
    expect(contractPolling.check(withPolling([endpoint(['score.updated']), endpoint(['score.updated', 'score.reset'], '/api/other')]))).toEqual([
      { path: ['info', 'x-specwire', 'polling', 1, 'describes', 1], message: 'polling endpoint /api/other describes unknown type "score.reset"' },
    ]);
  });

  it('fires for each server event no endpoint describes; control frames need none', () => {
    const messages = [event('scoreUpdated', 'score.updated'), event('roundStarted', 'round.started'), event('roundEnded', 'round.ended')];
    expect(contractPolling.check(contract({ messages, specwire: { id: 'quiz', polling: [endpoint(['round.started'])] } }))).toEqual([
      { path: ['info', 'x-specwire', 'polling'], message: 'server event "score.updated" is not described by any polling endpoint' },
      { path: ['info', 'x-specwire', 'polling'], message: 'server event "round.ended" is not described by any polling endpoint' },
    ]);
  });
});
