/**
 * The version gate: which `info.version` bump the classified changes need, and whether the edit made
 * covers it. Breaking changes need a major, any other change a minor (unclassified ones too, until a
 * human decides), none a patch at most. In `0.y.z` the API is not stable yet (semver §4): a minor bump
 * is enough for a breaking change there.
 */
import type { Bump, Classification, SemverVerdict } from './types.js';

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseSemver(version: string): [number, number, number] | undefined {
  const m = SEMVER.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** What the edit from `a` to `b` is. */
export function bumpBetween(a: string, b: string): SemverVerdict['actual'] {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) return 'invalid';
  for (let i = 0; i < 3; i++) {
    if (y[i]! > x[i]!) return (['major', 'minor', 'patch'] as const)[i]!;
    if (y[i]! < x[i]!) return 'downgrade';
  }
  return 'none';
}

export function requiredBump(counts: Record<Classification, number>): Bump {
  if (counts.breaking) return 'major';
  if (counts['non-breaking'] || counts.unclassified) return 'minor';
  return 'none';
}

export function semverVerdict(oldVersion: string, newVersion: string, counts: Record<Classification, number>): SemverVerdict {
  const actual = bumpBetween(oldVersion, newVersion);
  const required = requiredBump(counts);
  // 0.y.z: anything may change in a minor (semver §4), so a breaking change needs only a minor.
  const effective: Bump = required === 'major' && parseSemver(oldVersion)?.[0] === 0 ? 'minor' : required;
  const satisfied = actual === 'invalid' || actual === 'downgrade' ? required === 'none' && actual !== 'downgrade' : RANK[actual] >= RANK[effective];
  return { oldVersion, newVersion, actual, required: effective, satisfied };
}

export type FailOn = 'breaking' | 'any';

/**
 * Whether the gate fails: `breaking` fails only for breaking changes without the bump they need;
 * `any` fails for any change the bump does not cover, and for every unclassified change.
 */
export function gateFails(verdict: SemverVerdict, counts: Record<Classification, number>, failOn: FailOn): boolean {
  if (verdict.actual === 'downgrade') return true;
  if (failOn === 'breaking') return counts.breaking > 0 && !verdict.satisfied;
  return !verdict.satisfied || counts.unclassified > 0;
}

/** The least version after `version` that makes a `bump`: `1.4.2` + major → `2.0.0`. */
export function nextVersion(version: string, bump: Bump): string | undefined {
  const v = parseSemver(version);
  if (!v) return undefined;
  if (bump === 'major') return `${v[0] + 1}.0.0`;
  if (bump === 'minor') return `${v[0]}.${v[1] + 1}.0`;
  if (bump === 'patch') return `${v[0]}.${v[1]}.${v[2] + 1}`;
  return version;
}
