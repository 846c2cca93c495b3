/**
 * Model-level comparisons on in-memory models (`test/support/contract-model.ts`): polling responses
 * judged as server→client data, messages in both directions judged once per direction, renames as
 * a removal plus an addition, and diff(a, a) of every shipped shape empty.
 */
import { describe, expect, it } from 'vitest';
import { diffContracts } from '../../../contract/diff/diff.js';
import { contract, event, frame } from '../../support/contract-model.js';

const rules = (r: ReturnType<typeof diffContracts>) => r.changes.map((c) => [c.kind, c.classification, c.direction ?? null]);

describe('compareContracts', () => {
  it('a contract does not differ from itself', () => {
    const c = contract();
    expect(diffContracts(c, c).changes).toEqual([]);
  });

  it('judges a polling response as server→client data, under the endpoint path', () => {
    const page = (more: boolean) => ({ type: 'object', properties: { items: { type: 'array' }, ...(more ? { cursor: { type: 'string' } } : {}) } });
    const before = contract();
    const spec = before.specwire!;
    const withResponse = (more: boolean) => contract({ specwire: { ...spec, polling: spec.polling!.map((p) => ({ ...p, response: page(more) })) } });
    const report = diffContracts(withResponse(true), withResponse(false));
    expect(rules(report)).toEqual([['field-removed', 'breaking', 'server-to-client']]);
    expect(report.changes[0]!.path).toEqual(['x-specwire', 'polling', '/api/rooms/{roomId}/scores', 'response', 'properties', 'cursor']);
  });

  it('a message renamed is one removed and one added, each judged for its direction', () => {
    const before = contract({ messages: [event('scoreUpdated', 'score.updated'), frame('join', 'join', 'client-to-server')] });
    const after = contract({ messages: [event('scoreChanged', 'score.changed'), frame('enter', 'enter', 'client-to-server')] });
    expect(rules(diffContracts(before, after)).sort()).toEqual(
      [
        ['message-added', 'breaking', 'server-to-client'],
        ['message-added', 'non-breaking', 'client-to-server'],
        ['message-removed', 'breaking', 'client-to-server'],
        ['message-removed', 'breaking', 'server-to-client'],
      ].sort(),
    );
  });

  it('a message travelling both ways has each payload change judged once per direction', () => {
    const both = (required: string[]) => frame('note', 'note', 'client-to-server', { directions: ['server-to-client', 'client-to-server'], payload: { type: 'object', required, properties: { type: { const: 'note' }, text: { type: 'string' } } } });
    const report = diffContracts(contract({ messages: [both(['type'])] }), contract({ messages: [both(['type', 'text'])] }));
    expect(rules(report).sort()).toEqual([
      ['field-required', 'breaking', 'client-to-server'],
      ['field-required', 'non-breaking', 'server-to-client'],
    ]);
  });
});
