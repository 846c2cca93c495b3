import { describe, expect, it } from 'vitest';
import { versionSemver } from '../../../../contract/lint/rules/version-semver.js';
import { contract } from '../../../support/contract-model.js';

describe('version-semver', () => {
  it.each(['1.0.0', '0.3.12', '2.0.0-rc.1', '1.2.3+build.7'])('is quiet for %s', (version) => {
    expect(versionSemver.check(contract({ version }))).toEqual([]);
  });

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0.0', 'latest', ''])('fires for "%s", at info.version', (version) => {
    expect(versionSemver.check(contract({ version }))).toEqual([{ path: ['info', 'version'], message: `info.version "${version}" is not semver (MAJOR.MINOR.PATCH)` }]);
  });
});
