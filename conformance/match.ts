/**
 * Partial matching of frames against scenario patterns (docs/scenarios.md "Matching"): every key the
 * pattern names must match; objects recurse; arrays match element-wise with equal length; the string
 * `$any` matches any present value, `$absent` requires the key to be missing.
 */
export const ANY = '$any';
export const ABSENT = '$absent';

export function matches(actual: unknown, pattern: unknown): boolean {
  if (pattern === ANY) return actual !== undefined;
  if (pattern === null || typeof pattern !== 'object') return Object.is(actual, pattern) || actual === pattern;
  if (Array.isArray(pattern)) {
    return Array.isArray(actual) && actual.length === pattern.length && pattern.every((p, i) => matches(actual[i], p));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
  const obj = actual as Record<string, unknown>;
  return Object.entries(pattern as Record<string, unknown>).every(([k, p]) => (p === ABSENT ? !(k in obj) : k in obj && matches(obj[k], p)));
}

/** Why `actual` does not match: the first differing path, for failure messages. */
export function mismatch(actual: unknown, pattern: unknown, path = ''): string | undefined {
  if (pattern === ANY) return actual === undefined ? `${path || '/'} is missing` : undefined;
  if (pattern === null || typeof pattern !== 'object') {
    return matches(actual, pattern) ? undefined : `${path || '/'} is ${JSON.stringify(actual)}, expected ${JSON.stringify(pattern)}`;
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return `${path || '/'} is not an array`;
    if (actual.length !== pattern.length) return `${path || '/'} has ${actual.length} items, expected ${pattern.length}`;
    for (let i = 0; i < pattern.length; i++) {
      const m = mismatch(actual[i], pattern[i], `${path}/${i}`);
      if (m) return m;
    }
    return undefined;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return `${path || '/'} is not an object`;
  const obj = actual as Record<string, unknown>;
  for (const [k, p] of Object.entries(pattern as Record<string, unknown>)) {
    if (p === ABSENT) {
      if (k in obj) return `${path}/${k} is present, expected absent`;
      continue;
    }
    if (!(k in obj)) return `${path}/${k} is missing`;
    const m = mismatch(obj[k], p, `${path}/${k}`);
    if (m) return m;
  }
  return undefined;
}
