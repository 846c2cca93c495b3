/**
 * One fixture pair per diff rule (`test/fixtures/diff/<rule>/{old,new}.yaml`: a small parking-sensors
 * contract before and after one edit), loaded through the real loader. Each pair must produce exactly
 * the changes listed here, classified as listed, for the direction listed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffContracts } from '../../../contract/diff/diff.js';
import { DIFF_RULES } from '../../../contract/diff/rules.js';
import type { Classification } from '../../../contract/diff/types.js';
import type { Direction } from '../../../contract/model.js';
import { loadContract } from '../../../contract/load.js';

const DIR = resolve(import.meta.dirname, '../../fixtures/diff');
const S2C: Direction = 'server-to-client';
const C2S: Direction = 'client-to-server';

type Expected = [rule: string, classification: Classification, direction?: Direction];

/** What each edit must yield. Several rules are judged in the direction their fixture exercises; `compare-schema.test.ts` covers the other. */
const EXPECTED: Record<string, Expected[]> = {
  'message-removed': [['message-removed', 'breaking', C2S]],
  'message-added': [['message-added', 'breaking', S2C]],
  'message-direction-removed': [['message-direction-removed', 'breaking', C2S]],
  'authority-changed': [['authority-changed', 'breaking']],
  'field-removed': [['field-removed', 'breaking', S2C]],
  'field-added': [['field-added', 'non-breaking', S2C]],
  'required-field-added': [['required-field-added', 'breaking', C2S]],
  'field-required': [['field-required', 'breaking', C2S]],
  'field-optional': [['field-optional', 'breaking', S2C]],
  'type-widened': [['type-widened', 'breaking', S2C]],
  'type-narrowed': [['type-narrowed', 'breaking', C2S]],
  'type-changed': [['type-changed', 'breaking', S2C]],
  'const-changed': [['const-changed', 'breaking', S2C]],
  'enum-value-added': [['enum-value-added', 'breaking', S2C]],
  'enum-value-removed': [['enum-value-removed', 'breaking', C2S]],
  'variant-added': [['variant-added', 'breaking', S2C]],
  'variant-removed': [['variant-removed', 'non-breaking', S2C]],
  'constraint-tightened': [['constraint-tightened', 'breaking', C2S]],
  'constraint-loosened': [['constraint-loosened', 'breaking', S2C]],
  'constraint-changed': [['constraint-changed', 'unclassified', S2C]],
  'schema-changed': [['schema-changed', 'unclassified', S2C]],
  // A changed address is a removed channel plus a new one: the wire identity of a channel is its address.
  'channel-removed': [['channel-removed', 'breaking'], ['channel-added', 'non-breaking']],
  'channel-added': [['channel-added', 'non-breaking']],
  'access-changed': [['access-changed', 'breaking']],
  'stream-changed': [['stream-changed', 'breaking']],
  'server-removed': [['server-removed', 'breaking']],
  'server-added': [['server-added', 'non-breaking']],
  'server-changed': [['server-changed', 'breaking']],
  'security-removed': [['security-removed', 'breaking']],
  'security-added': [['security-added', 'non-breaking']],
  'security-required': [['security-required', 'breaking']],
  'security-scheme-changed': [['security-scheme-changed', 'breaking']],
  'versioning-changed': [['versioning-changed', 'breaking']],
  'refusal-changed': [['refusal-changed', 'breaking']],
  'close-code-removed': [['close-code-removed', 'breaking']],
  'close-code-changed': [['close-code-changed', 'breaking']],
  'close-code-added': [['close-code-added', 'non-breaking']],
  'limit-tightened': [['limit-tightened', 'breaking']],
  'limit-loosened': [['limit-loosened', 'non-breaking']],
  'polling-endpoint-removed': [['polling-endpoint-removed', 'breaking']],
  'polling-endpoint-added': [['polling-endpoint-added', 'non-breaking']],
};

describe('diff rule fixtures', () => {
  it('every rule has a fixture pair and an expectation, and every fixture names a rule', () => {
    const ids = DIFF_RULES.map((r) => r.id).sort();
    expect(readdirSync(DIR).sort()).toEqual(ids);
    expect(Object.keys(EXPECTED).sort()).toEqual(ids);
    for (const id of ids) {
      expect(existsSync(`${DIR}/${id}/old.yaml`)).toBe(true);
      expect(existsSync(`${DIR}/${id}/new.yaml`)).toBe(true);
    }
  });

  // A cold parse costs ~0.5 s, several times that on a busy machine.
  for (const [rule, expected] of Object.entries(EXPECTED)) {
    it(`${rule}: ${expected.map(([r, c, d]) => `${r} → ${c}${d ? ` (${d})` : ''}`).join(', ')}`, { timeout: 60_000 }, async () => {
      const before = await loadContract(`${DIR}/${rule}/old.yaml`);
      const after = await loadContract(`${DIR}/${rule}/new.yaml`);
      if (!before.ok || !after.ok) throw new Error(`fixture does not load: ${JSON.stringify((before.ok ? after : before).diagnostics)}`);
      const report = diffContracts(before.contract, after.contract);
      const got = report.changes.map((c) => [c.kind, c.classification, c.direction] as const);
      expect(got.map(([r, c, d]) => [r, c, d ?? undefined])).toEqual(expect.arrayContaining(expected.map(([r, c, d]) => [r, c, d])));
      expect(got).toHaveLength(expected.length);
      for (const c of report.changes) {
        expect(c.location?.file, `${c.kind} is located in a file`).toMatch(/(old|new)\.yaml$/);
        expect(c.reason.length).toBeGreaterThan(10);
      }
    });
  }
});
