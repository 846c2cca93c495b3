/**
 * The official AsyncAPI schemas as validators: compiled at run time when running from sources,
 * precompiled by the build (both kinds of a version in one module, sharing what they have in common)
 * for the published package. Both must say the same about every document.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { DOCUMENT_VERSIONS, documentValidator, type DocumentValidator, type SchemaKind } from '../../contract/document-schema.js';

const ROOT = resolve(import.meta.dirname, '../..');
const specs = createRequire(import.meta.url)('@asyncapi/specs') as { schemas: Record<string, unknown> };

describe('document schemas', () => {
  it('cover exactly the 3.x versions @asyncapi/specs has', () => {
    expect([...DOCUMENT_VERSIONS]).toEqual(Object.keys(specs.schemas).filter((v) => v.startsWith('3.')));
  });

  it('precompiled by the build, agree with the ones compiled at run time, error for error', async () => {
    // dist/ is built by vitest's global setup (test/support/build-dist.ts)
    const dist = (await import(resolve(ROOT, 'dist/contract/document-schema.js'))) as {
      precompiled(version: string): Record<SchemaKind, DocumentValidator> | undefined;
    };
    const documents = [
      ...readdirSync(resolve(ROOT, 'asyncapi')).filter((f) => f.endsWith('.yaml')).map((f) => resolve(ROOT, 'asyncapi', f)),
      ...readdirSync(resolve(ROOT, 'test/fixtures/lint')).filter((f) => f.endsWith('.yaml') && !f.startsWith('yaml-syntax')).map((f) => resolve(ROOT, 'test/fixtures/lint', f)),
    ].map((file) => parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    // as if each were another version, and with faults the shipped documents do not have
    const variants = documents.flatMap((d) => [d, { ...d, asyncapi: '3.1.0' }, { ...d, info: { ...(d.info as object), title: 7 } }, { ...d, channels: [] }]);
    let invalid = 0;
    for (const version of DOCUMENT_VERSIONS) {
      const built = dist.precompiled(version);
      expect(built, `dist/contract/document-validators/${version}.cjs`).toBeDefined();
      for (const kind of ['resolved', 'unresolved'] as const) {
        const compiled = documentValidator(version, kind);
        for (const data of variants) {
          const verdict = compiled(data);
          expect(built![kind](data)).toBe(verdict);
          expect(built![kind].errors ?? null).toEqual(compiled.errors ?? null);
          if (!verdict) invalid++;
        }
      }
    }
    expect(invalid).toBeGreaterThan(variants.length); // the comparison covered errors, not only passes
  });
});
