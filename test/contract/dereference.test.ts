import { afterAll, describe, expect, it } from 'vitest';
import { dereference } from '../../contract/dereference.js';
import { SourceMap } from '../../contract/source-map.js';
import { tempFiles } from '../support/temp-files.js';

type Json = Record<string, any>;

describe('dereference', () => {
  const dir = tempFiles({
    'doc.yaml': `channels:
  orders:
    messages:
      changed: { $ref: '#/components/messages/changed' }
      alias: { $ref: '#/channels/orders/messages/changed' }
      shared: { $ref: './common.yaml#/messages/ping' }
components:
  messages:
    changed:
      payload:
        type: object
        properties:
          status: { $ref: '#/components/schemas/a~1b' }
          thread: { $ref: '#/components/schemas/Node' }
  schemas:
    a/b: { type: string, enum: [paid, shipped] }
    Node:
      type: object
      properties:
        replies: { type: array, items: { $ref: '#/components/schemas/Node' } }
    loopA: { $ref: '#/components/schemas/loopB' }
    loopB: { $ref: '#/components/schemas/loopA' }
`,
    'common.yaml': 'messages:\n  ping: { payload: { type: object } }\n',
  });
  afterAll(() => dir.remove());

  it('makes every ref to one target the same object, across files and through chains of refs', () => {
    const sources = new SourceMap();
    const { document } = dereference(dir.path('doc.yaml'), sources) as { document: Json };
    const messages = document.channels.orders.messages;
    expect(messages.changed).toBe(document.components.messages.changed);
    expect(messages.alias).toBe(messages.changed);
    expect(messages.shared).toEqual({ payload: { type: 'object' } });
    expect(messages.changed.payload.properties.status).toEqual({ type: 'string', enum: ['paid', 'shipped'] }); // `~1` is `/`
  });

  it('keeps a ref back up a recursive schema while validating, and closes the cycle after', () => {
    const { document, closeCycles } = dereference(dir.path('doc.yaml'), new SourceMap()) as { document: Json; closeCycles(): void };
    const node = document.components.schemas.Node;
    expect(node.properties.replies.items).toEqual({ $ref: '#/components/schemas/Node' });
    expect(() => JSON.stringify(document)).not.toThrow();
    closeCycles();
    expect(node.properties.replies.items).toBe(node);
    expect(document.components.messages.changed.payload.properties.thread).toBe(node);
  });

  it('leaves a loop of refs that points at nothing as written, and never changes the parsed files', () => {
    const sources = new SourceMap();
    const { document } = dereference(dir.path('doc.yaml'), sources) as { document: Json };
    expect(document.components.schemas.loopA).toEqual({ $ref: '#/components/schemas/loopB' }); // where the loop closes
    expect((sources.data(dir.path('doc.yaml')) as Json).channels.orders.messages.changed).toEqual({ $ref: '#/components/messages/changed' });
  });
});
