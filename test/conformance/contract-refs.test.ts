import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ContractRefResolver } from '../../conformance/scenario/contract-refs.js';
import { specwire } from '../support/specwire-cli.js';
import { tempFiles } from '../support/temp-files.js';

const TASKFORGE = resolve(import.meta.dirname, '../../asyncapi/taskforge.yaml');
const FIXTURES = 'test/fixtures/conformance/contract-refs';

describe('contract: references', () => {
  const refs = new ContractRefResolver(TASKFORGE);

  it('resolve in the document, into info.x-specwire and list items', () => {
    expect(refs.resolve('#/info/x-specwire/limits/maxPayloadBytes')).toEqual({ ok: true, value: 65536 });
    expect(refs.resolve('#/info/x-specwire/polling/0/method')).toEqual({ ok: true, value: 'GET' });
  });

  it('follow $refs on the way, into common/components.yaml', () => {
    // closeCodes is `$ref: './common/components.yaml#/x-specwire-close-codes'`
    const close = refs.resolve('#/info/x-specwire/closeCodes/4400/name');
    expect(close).toEqual({ ok: true, value: 'BadFrame' });
    const code = refs.resolve('#/channels/realtime/messages/error/payload/properties/code/enum');
    expect(code.ok && (code.value as string[]).includes('rate_limited')).toBe(true);
  });

  it('refuse a pointer that leads nowhere, a bad list index and a bare #/', () => {
    expect(refs.resolve('#/info/x-specwire/limits/maxPayloadByte')).toEqual({ ok: false, reason: '#/info/x-specwire/limits/maxPayloadByte is not in the contract' });
    expect(refs.resolve('#/info/x-specwire/polling/01').ok).toBe(false);
    expect(refs.resolve('#/').ok).toBe(false);
  });

  it('unescape ~1 and ~0 as RFC 6901 says', () => {
    const temp = tempFiles({ 'doc.yaml': "channels:\n  '/ws/{id}': { x~y: 1 }\n" });
    try {
      const doc = new ContractRefResolver(temp.path('doc.yaml'));
      expect(doc.resolve('#/channels/~1ws~1{id}/x~0y')).toEqual({ ok: true, value: 1 });
      expect(doc.resolve('#/channels/ws/{id}').ok).toBe(false);
    } finally {
      temp.remove();
    }
  });
});

describe('specwire test --check and contract: references', () => {
  it('fails (exit 2, file:line:col) on a scenario without contract: and on a pointer that does not resolve', async () => {
    const run = await specwire(['test', '--contract', 'taskforge', '--scenarios', FIXTURES, '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-contract-ref.yaml:1:1  error  scenario-no-contract-ref  no contract: references');
    expect(run.stderr).toMatch(/unresolved-ref\.yaml:6:5 +error +scenario-unresolved-contract-ref +contract reference #\/info\/x-specwire\/limits\/maxPayloadByte does not resolve in taskforge/);
    expect(run.stderr.match(/scenario-unresolved-contract-ref/g)).toHaveLength(1);
  });

  it('passes on the shipped scenarios: every one names clauses that resolve', async () => {
    const run = await specwire(['test', '--check']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
