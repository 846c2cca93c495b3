import { CONVENTION, type LintRule } from '../rule.js';

export const contractSlo: LintRule = {
  id: 'contract-slo',
  level: CONVENTION,
  description: 'The contract declares its delivery latency SLO (`info.x-specwire.slo.p95Ms`).',
  check(contract) {
    const p95 = contract.specwire?.slo?.p95Ms;
    return typeof p95 === 'number' && p95 > 0
      ? []
      : [{ path: ['info', 'x-specwire'], message: 'no latency SLO: declare info.x-specwire.slo.p95Ms (milliseconds)' }];
  },
};
