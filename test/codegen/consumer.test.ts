/**
 * Applications compile against the generated types: the consumer fixtures import generated output
 * (taskforge through the `specwire/contracts/*` subpath export), narrow on `type`, and carry
 * `// @ts-expect-error` lines for wrong payloads, so tsc fails if a wrong payload type-checks.
 * `skipLibCheck` is off: the generated .d.ts files are checked too.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

describe('consumer fixtures', () => {
  it('compile under strict settings, and every wrong payload is a type error', async () => {
    const run = await promisify(execFile)(process.execPath, [TSC, '-p', join(ROOT, 'test/fixtures/consumer/tsconfig.json')], { cwd: ROOT }).then(
      () => ({ code: 0, output: '' }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: `${err.stdout}${err.stderr}` }),
    );
    expect(run.output).toBe('');
    expect(run.code).toBe(0);
  });
});
