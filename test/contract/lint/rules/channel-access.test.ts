import { describe, expect, it } from 'vitest';
import { ACCESS_RULES, channelAccess } from '../../../../contract/lint/rules/channel-access.js';
import { channel, contract } from '../../../support/contract-model.js';

describe('channel-access', () => {
  it.each(ACCESS_RULES)('is quiet for the known rule %s', (rule) => {
    expect(channelAccess.check(contract({ channels: [channel({ access: { rule, description: 'who' } })] }))).toEqual([]);
  });

  it('fires at the channel when it states no access', () => {
    expect(channelAccess.check(contract({ channels: [channel({ access: undefined })] }))).toEqual([
      { path: ['channels', 'room'], message: 'channel "room" does not state who may subscribe (x-specwire-access)' },
    ]);
  });

  it('fires at the rule when the rule is unknown', () => {
    const found = channelAccess.check(contract({ channels: [channel({ access: { rule: 'room-owner', description: 'owner' } })] }));
    expect(found.map((f) => f.path)).toEqual([['channels', 'room', 'x-specwire-access', 'rule']]);
    expect(found[0]!.message).toMatch(/^channel "room": unknown access rule "room-owner" \(known: any-authenticated, /);
  });
});
