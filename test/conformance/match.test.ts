/** Scenario patterns (docs/scenarios.md "Matching"), here `$unordered`: a list whose order the contract leaves open. */
import { describe, expect, it } from 'vitest';
import { matches, mismatch } from '../../conformance/match.js';

describe('$unordered', () => {
  const pattern = { items: { $unordered: [{ id: 'a' }, { id: 'b' }] } };

  it('matches the same items in any order', () => {
    expect(matches({ items: [{ id: 'a' }, { id: 'b' }] }, pattern)).toBe(true);
    expect(matches({ items: [{ id: 'b', x: 1 }, { id: 'a' }] }, pattern)).toBe(true);
  });

  it('fails a list with an item missing, an extra item, or one item twice', () => {
    expect(mismatch({ items: [{ id: 'a' }] }, pattern)).toBe('/items has 1 items, expected 2 in any order');
    expect(matches({ items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] }, pattern)).toBe(false);
    expect(mismatch({ items: [{ id: 'a' }, { id: 'a' }] }, pattern)).toBe('/items has no item matching {"id":"b"}');
    expect(mismatch({ items: { id: 'a' } }, pattern)).toBe('/items is not an array');
  });

  it('pairs each pattern with its own item, not one item with two patterns', () => {
    const loose = { $unordered: [{ id: '$any' }, { id: 'a' }] };
    expect(matches([{ id: 'a' }, { id: 'b' }], loose)).toBe(true);
    expect(mismatch([{ id: 'a' }, { other: 1 }], loose)).toBe('/ cannot pair each expected item with its own item');
  });
});
