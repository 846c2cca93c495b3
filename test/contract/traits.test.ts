import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadContract } from '../../contract/load.js';
import { tempFiles } from '../support/temp-files.js';

const CLEAN = readFileSync(resolve(import.meta.dirname, '../fixtures/lint/clean-generic.yaml'), 'utf8');

/** clean-generic.yaml with an operation trait and a message trait (shared through components). */
const WITH_TRAITS = CLEAN.replace(
  '  receiveWatch:\n    action: receive\n',
  "  receiveWatch:\n    action: receive\n    traits:\n      - summary: From the trait\n        description: Overridden by the operation's own\n    description: The operation's own\n",
)
  .replace('      title: Watch an order\n', "      title: Watch an order\n      traits:\n        - $ref: '#/components/messageTraits/traced'\n")
  .replace('  securitySchemes:\n', '  messageTraits:\n    traced:\n      summary: Carries a trace id\n      title: Not this one\n      headers:\n        type: object\n        properties:\n          traceId: { type: string }\n  securitySchemes:\n');

describe('traits', () => {
  const dir = tempFiles({ 'traits.yaml': WITH_TRAITS });
  afterAll(() => dir.remove());

  it("merge into messages and operations, the object's own fields winning", async () => {
    const r = await loadContract(dir.path('traits.yaml'));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    const watch = r.contract.messages.find((m) => m.id === 'watch')!;
    expect([watch.summary, watch.title]).toEqual(['Carries a trace id', 'Watch an order']);
    const op = r.contract.operations.find((o) => o.id === 'receiveWatch')!;
    expect([op.summary, op.description]).toEqual(['From the trait', "The operation's own"]);
  });

  it('leave an operation its channel and messages (the parser lost both)', async () => {
    const r = await loadContract(dir.path('traits.yaml'));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    const op = r.contract.operations.find((o) => o.id === 'receiveWatch')!;
    expect([op.channelId, op.messageIds]).toEqual(['orders', ['watch']]);
    expect(r.contract.messages.find((m) => m.id === 'watch')!.directions).toEqual(['client-to-server']);
  });
});
