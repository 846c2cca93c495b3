import { describe, expect, it } from 'vitest';
import { bumpBetween, gateFails, nextVersion, requiredBump, semverVerdict } from '../../../contract/diff/semver.js';

const counts = (breaking: number, nonBreaking: number, unclassified = 0) => ({ breaking, 'non-breaking': nonBreaking, unclassified });

describe('semver gate', () => {
  it('names the bump between two versions', () => {
    expect(bumpBetween('1.2.3', '2.0.0')).toBe('major');
    expect(bumpBetween('1.2.3', '1.3.0')).toBe('minor');
    expect(bumpBetween('1.2.3', '1.2.4')).toBe('patch');
    expect(bumpBetween('1.2.3', '1.2.3')).toBe('none');
    expect(bumpBetween('1.2.3', '1.1.9')).toBe('downgrade');
    expect(bumpBetween('1.2', '1.3.0')).toBe('invalid');
    expect(bumpBetween('1.0.0-rc.1', '1.0.0')).toBe('none');
  });

  it('breaking needs a major, any other change a minor, no change nothing', () => {
    expect(requiredBump(counts(1, 3))).toBe('major');
    expect(requiredBump(counts(0, 1))).toBe('minor');
    expect(requiredBump(counts(0, 0, 1))).toBe('minor');
    expect(requiredBump(counts(0, 0))).toBe('none');
  });

  it('--fail-on breaking fails a breaking change under a minor bump and passes it under a major', () => {
    const minor = semverVerdict('1.0.0', '1.1.0', counts(1, 0));
    expect(minor).toMatchObject({ actual: 'minor', required: 'major', satisfied: false });
    expect(gateFails(minor, counts(1, 0), 'breaking')).toBe(true);
    expect(gateFails(semverVerdict('1.0.0', '2.0.0', counts(1, 0)), counts(1, 0), 'breaking')).toBe(false);
  });

  it('--fail-on breaking ignores a non-breaking change without a bump; --fail-on any does not', () => {
    const v = semverVerdict('1.0.0', '1.0.0', counts(0, 2));
    expect(gateFails(v, counts(0, 2), 'breaking')).toBe(false);
    expect(gateFails(v, counts(0, 2), 'any')).toBe(true);
    expect(gateFails(semverVerdict('1.0.0', '1.1.0', counts(0, 2)), counts(0, 2), 'any')).toBe(false);
  });

  it('--fail-on any fails on unclassified changes even with a major bump', () => {
    expect(gateFails(semverVerdict('1.0.0', '2.0.0', counts(0, 0, 1)), counts(0, 0, 1), 'any')).toBe(true);
  });

  it('in 0.y.z a minor bump is enough for a breaking change (semver §4)', () => {
    expect(semverVerdict('0.3.1', '0.4.0', counts(2, 0))).toMatchObject({ required: 'minor', satisfied: true });
    expect(semverVerdict('0.3.1', '0.3.2', counts(2, 0)).satisfied).toBe(false);
  });

  it('a downgrade always fails', () => {
    expect(gateFails(semverVerdict('2.0.0', '1.9.0', counts(0, 0)), counts(0, 0), 'breaking')).toBe(true);
  });

  it('suggests the least version that satisfies the bump', () => {
    expect(nextVersion('1.4.2', 'major')).toBe('2.0.0');
    expect(nextVersion('1.4.2', 'minor')).toBe('1.5.0');
    expect(nextVersion('1.4.2', 'patch')).toBe('1.4.3');
  });
});
