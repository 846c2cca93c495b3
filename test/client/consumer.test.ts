/**
 * An app compiles against `specwire/client` + `specwire/contracts/<id>/client` through the package
 * exports, under strict settings with exact optional property types; wrong uses are type errors.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

describe('client consumer fixture', () => {
  it('compiles, and every wrong use is a type error', async () => {
    const run = await promisify(execFile)(process.execPath, [TSC, '-p', join(ROOT, 'test/fixtures/client-consumer/tsconfig.json')], { cwd: ROOT }).then(
      () => ({ code: 0, output: '' }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: `${err.stdout}${err.stderr}` }),
    );
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  });
});
