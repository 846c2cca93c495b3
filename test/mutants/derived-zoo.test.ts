/**
 * Derived conformance proves itself on third-party documents: the suite derived from each document
 * passes against `specwire mock` of that document, and fails — by the named check — against the mock
 * of each deliberately altered copy or broken mock (test/mutants/derived-zoo.ts). Every derived check
 * is caught failing at least once.
 */
import { describe, expect, it } from 'vitest';
import { DERIVED_CHECKS } from '../../conformance/derive/checks/registry.js';
import { DERIVED_MUTANTS, FIXTURES, failedChecks, runDerivedAgainstMock } from './derived-zoo.js';

describe('derived suites against specwire mock', () => {
  for (const [name, fixture] of Object.entries(FIXTURES)) {
    it(`pass against the mock of ${name} (${fixture.file})`, async () => {
      const run = await runDerivedAgainstMock(fixture);
      const failures = run.scenarios.flatMap((s) => s.failures.map((f) => `${s.name}: ${f.check}: ${f.message}`));
      expect(failures).toEqual([]);
      expect(run.passed).toBeGreaterThanOrEqual(3);
      for (const s of run.scenarios) expect(s.derivedFrom?.channels.length, s.name).toBeGreaterThan(0);
    }, 60_000);
  }

  it('have a mutant for every derived check (and for declared-message)', () => {
    const covered = new Set(DERIVED_MUTANTS.map((m) => m.check));
    for (const c of DERIVED_CHECKS) expect(covered.has(c.id), c.id).toBe(true);
    expect(covered.has('declared-message')).toBe(true);
  });

  for (const mutant of DERIVED_MUTANTS) {
    it(`catch ${mutant.name} (${mutant.description}) with ${mutant.check}`, async () => {
      const run = await runDerivedAgainstMock(mutant.fixture, mutant);
      expect(run.failed).toBeGreaterThan(0);
      expect([...failedChecks(run).keys()]).toContain(mutant.check);
    }, 60_000);
  }
});
