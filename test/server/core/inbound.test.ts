/** The inbound gate: the generated decoders decide, their detail reaches the error frame, and missing generated code stops the start-up. */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../../../server/core/codec.js';
import { tempFiles } from '../../support/temp-files.js';
import { closeAll, open_, startServer, token } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };

afterEach(closeAll);

async function taskforge() {
  const server = await startServer({ contracts: ['taskforge'] });
  return open_(`${server.url}/realtime?token=${await token('taskforge', ALICE)}`, { protocols: ['taskforge.v1'] });
}

describe('inbound frames', () => {
  it('names the field that failed and the frame type it belongs to', async () => {
    const c = await taskforge();
    c.send({ type: 'subscribe', teamId: 42 });
    const e = await c.next();
    expect(e).toMatchObject({ type: 'error', code: 'invalid_payload', ref: 'subscribe' });
    expect(e.message).toContain('/teamId');
    c.send({ type: 'subscribe', teamId: 'team-a', extra: true });
    expect((await c.next()).message).toContain('/extra');
  });

  it('maps each kind of undecodable frame to its error code, then keeps serving', async () => {
    const c = await taskforge();
    const cases: [string | Buffer, string][] = [
      ['{"type":', 'bad_frame'],
      ['[1,2]', 'bad_frame'],
      ['{"type":7}', 'bad_frame'],
      ['{"teamId":"team-a"}', 'bad_frame'],
      ['{"type":"launch"}', 'unknown_type'],
      // A server frame type is not a client frame.
      ['{"type":"subscribed","teamId":"team-a","seq":0}', 'unknown_type'],
    ];
    for (const [raw, code] of cases) {
      c.send(raw);
      expect(await c.next(), String(raw)).toMatchObject({ type: 'error', code });
    }
    c.ws.send(Buffer.from(JSON.stringify({ type: 'ping', id: 'bin' })), { binary: true });
    expect(await c.next()).toMatchObject({ type: 'error', code: 'bad_frame' });
    await c.barrier();
  });
});

describe('generated code at start-up', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

  it('refuses to start a contract whose generated code is missing, naming the fix', async () => {
    const empty = tempFiles();
    dirs.push(empty);
    await expect(startServer({ contracts: ['taskforge'], generatedDir: empty.root })).rejects.toThrow(/no generated code for contract "taskforge".*specwire generate --out/);
  });

  it('refuses generated code of another contract version', async () => {
    const dir = tempFiles();
    dirs.push(dir);
    const src = join(GENERATED_DIR, 'taskforge');
    dir.write('taskforge/index.js', readFileSync(join(src, 'index.js'), 'utf8').replace(/CONTRACT_VERSION = "[^"]+"/, 'CONTRACT_VERSION = "0.9.0"'));
    copyFileSync(join(src, 'validators.js'), dir.path('taskforge/validators.js'));
    await expect(startServer({ contracts: ['taskforge'], generatedDir: dir.root })).rejects.toThrow(/generated for taskforge 0\.9\.0, but the contract is taskforge \d/);
  });
});
