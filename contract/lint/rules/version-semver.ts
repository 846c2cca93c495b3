import type { LintRule } from '../rule.js';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * `specwire diff` derives the required bump from `info.version`: for documents that opt in it must be
 * semver. AsyncAPI allows any string (a build placeholder, a date), so for others it is advice.
 */
export const versionSemver: LintRule = {
  id: 'version-semver',
  level: { generic: 'warning', specwire: 'error' },
  description: '`info.version` is a semantic version (MAJOR.MINOR.PATCH).',
  check(contract) {
    return SEMVER.test(contract.version) ? [] : [{ path: ['info', 'version'], message: `info.version "${contract.version}" is not semver (MAJOR.MINOR.PATCH)` }];
  },
};
