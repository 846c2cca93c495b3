import { describe, expect, it } from 'vitest';
import { namingConvention } from '../../../../contract/lint/rules/naming-convention.js';
import { contract, event, frame } from '../../../support/contract-model.js';

const types = (...ts: string[]) => ts.map((t, i) => event(`m${i}`, t));

describe('naming-convention', () => {
  it('is quiet when types follow the declared convention; one-word types fit any', () => {
    expect(namingConvention.check(contract())).toEqual([]);
    const colon = contract({ specwire: { naming: 'colon' }, messages: [...types('media:new', 'event:status'), frame('e', 'error', 'server-to-client')] });
    expect(namingConvention.check(colon)).toEqual([]);
    const snake = contract({ specwire: { naming: 'snake' }, messages: types('lie_started', 'game_over') });
    expect(namingConvention.check(snake)).toEqual([]);
  });

  it('fires on a type that uses another separator than the declared one, at its type property', () => {
    const c = contract({ messages: types('score.updated', 'score:reset') });
    expect(namingConvention.check(c)).toEqual([
      { path: ['channels', 'room', 'messages', 'm1', 'payload', 'properties', 'type'], message: `type "score:reset" does not follow the contract's dot convention (.)` },
    ]);
  });

  it('infers the convention from the majority when none is declared', () => {
    const c = contract({ specwire: undefined, messages: types('media:new', 'media:update', 'media.delete') });
    expect(namingConvention.check(c).map((f) => f.message)).toEqual([`type "media.delete" does not follow the contract's colon convention (:)`]);
  });

  it('fires on segments that are not lowercase', () => {
    const c = contract({ messages: types('score.Updated', 'Score', '2fa.done') });
    expect(namingConvention.check(c).map((f) => f.message)).toEqual([
      'type "score.Updated" must be lowercase segments of [a-z0-9_] starting with a letter',
      'type "Score" must be lowercase segments of [a-z0-9_] starting with a letter',
      'type "2fa.done" must be lowercase segments of [a-z0-9_] starting with a letter',
    ]);
  });
});
