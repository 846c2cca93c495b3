/**
 * Partial matching of frames against scenario patterns (docs/scenarios.md "Matching"): every key the
 * pattern names must match; objects recurse; arrays match element-wise with equal length; the string
 * `$any` matches any present value, `$absent` requires the key to be missing. `{ $unordered: [...] }`
 * matches an array of the same length in any order: each element pattern pairs with its own element
 * (for lists whose order the contract leaves open, such as a batch's `items`).
 */
export const ANY = '$any';
export const ABSENT = '$absent';
export const UNORDERED = '$unordered';

/** The element patterns of `{ $unordered: [...] }`, else undefined. */
export function unorderedOf(pattern: unknown): unknown[] | undefined {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return undefined;
  const keys = Object.keys(pattern);
  const list = (pattern as Record<string, unknown>)[UNORDERED];
  return keys.length === 1 && Array.isArray(list) ? list : undefined;
}

/** Pairs every pattern with a distinct element that matches it (backtracking; lists are short). */
function pairs(actual: unknown[], patterns: unknown[], used = new Set<number>(), from = 0): boolean {
  if (from === patterns.length) return true;
  for (let i = 0; i < actual.length; i++) {
    if (used.has(i) || !matches(actual[i], patterns[from])) continue;
    used.add(i);
    if (pairs(actual, patterns, used, from + 1)) return true;
    used.delete(i);
  }
  return false;
}

export function matches(actual: unknown, pattern: unknown): boolean {
  if (pattern === ANY) return actual !== undefined;
  if (pattern === null || typeof pattern !== 'object') return Object.is(actual, pattern) || actual === pattern;
  const unordered = unorderedOf(pattern);
  if (unordered) return Array.isArray(actual) && actual.length === unordered.length && pairs(actual, unordered);
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
  const unordered = unorderedOf(pattern);
  if (unordered) {
    if (!Array.isArray(actual)) return `${path || '/'} is not an array`;
    if (actual.length !== unordered.length) return `${path || '/'} has ${actual.length} items, expected ${unordered.length} in any order`;
    const lonely = unordered.find((p) => !actual.some((a) => matches(a, p)));
    if (lonely !== undefined) return `${path || '/'} has no item matching ${JSON.stringify(lonely)}`;
    return pairs(actual, unordered) ? undefined : `${path || '/'} cannot pair each expected item with its own item`;
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
