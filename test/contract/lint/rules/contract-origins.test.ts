import { describe, expect, it } from 'vitest';
import { contractOrigins } from '../../../../contract/lint/rules/contract-origins.js';
import { contract } from '../../../support/contract-model.js';

const base = { id: 'quiz', slo: { p95Ms: 200 } };
const refusal = { unauthenticated: { http: 401 }, foreignOrigin: { http: 403 } };

describe('contract-origins', () => {
  it('is quiet without allowedOrigins, and with origins plus a foreignOrigin refusal', () => {
    expect(contractOrigins.check(contract())).toEqual([]);
    expect(contractOrigins.check(contract({ specwire: { ...base, refusal, allowedOrigins: ['https://quiz.example.com', 'http://localhost:3000'] } }))).toEqual([]);
  });

  it('fires on entries that are not origins, naming each', () => {
    const findings = contractOrigins.check(contract({ specwire: { ...base, refusal, allowedOrigins: ['https://quiz.example.com/play', 'quiz.example.com', 'null', 7 as never] } }));
    expect(findings.map((f) => f.path.at(-1))).toEqual([0, 1, 2, 3]);
    expect(findings[0]!.message).toContain('use https://quiz.example.com');
  });

  it('fires on an empty list and on a list without refusal.foreignOrigin', () => {
    expect(contractOrigins.check(contract({ specwire: { ...base, refusal, allowedOrigins: [] } }))).toHaveLength(1);
    const findings = contractOrigins.check(contract({ specwire: { ...base, refusal: { unauthenticated: { http: 401 } }, allowedOrigins: ['https://quiz.example.com'] } }));
    expect(findings).toEqual([{ path: ['info', 'x-specwire', 'allowedOrigins'], message: expect.stringContaining('without refusal.foreignOrigin') }]);
  });
});
