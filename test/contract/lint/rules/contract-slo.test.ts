import { describe, expect, it } from 'vitest';
import { contractSlo } from '../../../../contract/lint/rules/contract-slo.js';
import { contract } from '../../../support/contract-model.js';

const FINDING = [{ path: ['info', 'x-specwire'], message: 'no latency SLO: declare info.x-specwire.slo.p95Ms (milliseconds)' }];

describe('contract-slo', () => {
  it('is quiet with a positive p95Ms', () => {
    expect(contractSlo.check(contract())).toEqual([]);
  });

  it('fires without slo, without p95Ms, or with a p95Ms that is not a positive number', () => {
    for (const slo of [undefined, { p50Ms: 50 }, { p95Ms: 0 }, { p95Ms: '250' }]) {
      expect(contractSlo.check(contract({ specwire: { id: 'quiz', slo: slo as never } }))).toEqual(FINDING);
    }
  });
});
