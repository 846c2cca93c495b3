/**
 * The generator end to end: committed output is up to date and byte-stable, drift is found and
 * repaired, and the CLI's --check and input errors give the documented exit codes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputs, generateContracts, writeOutputs, type ContractOutput } from '../../codegen/generate.js';
import { discoverContracts } from '../../contract/discover.js';
import { FIXTURE_FILES, FIXTURES_OUT, GENERATED_DIR } from '../support/generated-contracts.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function generate(files: string[], out: string): Promise<ContractOutput[]> {
  const result = await generateContracts(files, out);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.outputs;
}

describe('committed output', () => {
  it('generated/ matches asyncapi/ (what `specwire generate --check` checks in CI)', async () => {
    const drift = checkOutputs(GENERATED_DIR, await generate(discoverContracts(), GENERATED_DIR), true);
    expect({ stale: drift.stale, missing: drift.missing, extra: drift.extra }).toEqual({ stale: [], missing: [], extra: [] });
  });

  it('the fixture snapshots match their documents', async () => {
    const drift = checkOutputs(FIXTURES_OUT, await generate(FIXTURE_FILES, FIXTURES_OUT), true);
    expect({ stale: drift.stale, missing: drift.missing, extra: drift.extra }).toEqual({ stale: [], missing: [], extra: [] });
  });
});

describe('determinism', () => {
  it('two runs give byte-identical files, each starting with the do-not-edit header', async () => {
    const first = await generate(FIXTURE_FILES, FIXTURES_OUT);
    const second = await generate([...FIXTURE_FILES].reverse(), FIXTURES_OUT);
    expect(second.map((o) => [...o.files])).toEqual(first.map((o) => [...o.files]));
    for (const o of first) {
      for (const [path, content] of o.files) {
        expect(content.split('\n', 1)[0], path).toMatch(/^\/\/ generated from (iot-telemetry|chat-rooms)\.yaml by specwire generate — do not edit$/);
      }
    }
  });
});

describe('drift', () => {
  let out: string;
  let outputs: ContractOutput[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'specwire-generate-'));
    outputs = await generate(FIXTURE_FILES.slice(0, 1), join(out, 'generated'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('finds missing, stale and extra files, and writing repairs exactly those', () => {
    const dir = join(out, 'generated');
    expect(checkOutputs(dir, outputs, true).missing).toEqual(['iot-telemetry/index.d.ts', 'iot-telemetry/index.js', 'iot-telemetry/validators.js']);
    writeOutputs(dir, outputs, true);
    expect(checkOutputs(dir, outputs, true).unchanged).toHaveLength(3);

    writeFileSync(join(dir, 'iot-telemetry/index.js'), '// hand edit\n');
    mkdirSync(join(dir, 'old-contract'));
    const header = readFileSync(join(dir, 'iot-telemetry/index.d.ts'), 'utf8').split('\n', 1)[0];
    writeFileSync(join(dir, 'old-contract/index.js'), `${header}\n`);
    writeFileSync(join(dir, 'iot-telemetry/extra.js'), `${header}\n`);
    writeFileSync(join(dir, 'iot-telemetry/notes.md'), 'not ours\n');
    const drift = checkOutputs(dir, outputs, true);
    expect(drift).toMatchObject({ stale: ['iot-telemetry/index.js'], missing: [], extra: ['iot-telemetry/extra.js', 'old-contract/index.js'] });

    writeOutputs(dir, outputs, true);
    expect(checkOutputs(dir, outputs, true)).toMatchObject({ stale: [], missing: [], extra: [] });
    expect(existsSync(join(dir, 'old-contract'))).toBe(false);
    expect(existsSync(join(dir, 'iot-telemetry/notes.md'))).toBe(true);
  });

  it('with explicit files, folders of other contracts are left alone', () => {
    const dir = join(out, 'generated');
    mkdirSync(join(dir, 'other'), { recursive: true });
    cpSync(join(dir, 'iot-telemetry/index.js'), join(dir, 'other/index.js'));
    expect(checkOutputs(dir, outputs, false).extra).toEqual([]);
    expect(checkOutputs(dir, outputs, true).extra).toEqual(['other/index.js']);
  });
});

describe('specwire generate (CLI)', () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, [join(ROOT, 'bin/specwire.js'), 'generate', ...args], { cwd: ROOT }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'specwire-cli-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('--check exits 1 naming what is missing, then 0 once generated', async () => {
    const args = [FIXTURE_FILES[1]!, '--out', out];
    const stale = await cli([...args, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('missing');
    expect(stale.stdout).toContain('chat-rooms/index.d.ts');
    expect((await cli(args)).code).toBe(0);
    const fresh = await cli([...args, '--check']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('up to date');
  });

  it('an unparseable document exits 2 with file:line:col diagnostics and writes nothing', async () => {
    const bad = join(out, 'broken.yaml');
    writeFileSync(bad, 'asyncapi: 3.0.0\ninfo:\n  title: x\n  version: 1.0.0\nchannels:\n  a: { address: /a, messages: { m: { $ref: "#/components/messages/nope" } } }\n');
    const result = await cli([bad, '--out', join(out, 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+/);
    expect(existsSync(join(out, 'never'))).toBe(false);
  });
});
