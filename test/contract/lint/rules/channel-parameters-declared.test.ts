import { describe, expect, it } from 'vitest';
import { channelParametersDeclared } from '../../../../contract/lint/rules/channel-parameters-declared.js';
import { channel, contract } from '../../../support/contract-model.js';

describe('channel-parameters-declared', () => {
  it('is quiet for addresses without expressions and for channels that declare parameters', () => {
    expect(channelParametersDeclared.check(contract())).toEqual([]);
    expect(channelParametersDeclared.check(contract({ channels: [channel({ address: '/realtime', parameters: [] })] }))).toEqual([]);
  });

  it('leaves channels with a parameters object to the parser (asyncapi3-channel-parameters)', () => {
    const c = channel({ address: '/ws/{shopId}/{orderId}', parameters: [{ name: 'shopId' }] });
    expect(channelParametersDeclared.check(contract({ channels: [c] }))).toEqual([]);
  });

  it('fires at the address of a channel with expressions and no parameters at all', () => {
    const c = channel({ address: '/ws/shops/{shopId}/orders/{orderId}', parameters: [] });
    expect(channelParametersDeclared.check(contract({ channels: [c] }))).toEqual([
      { path: ['channels', 'room', 'address'], message: 'channel "room": address parameters {shopId}, {orderId} not declared under parameters' },
    ]);
  });
});
