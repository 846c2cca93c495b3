import { afterAll, describe, expect, it } from 'vitest';
import { SourceMap } from '../../contract/source-map.js';
import { tempFiles } from '../support/temp-files.js';

// Line numbers below are those of the texts as written here (line 1 = first line of the file).
const MAIN = `asyncapi: 3.0.0
info:
  title: Orders
  version: 1.0.0
servers:
  production:
    host: orders.example.com
    security:
      - $ref: '#/components/securitySchemes/bearer'
      - $ref: './common/security.yaml#/schemes/query'
channels:
  orders:
    address: /ws/orders
    messages:
      statusChanged:
        $ref: './common/messages.yaml#/messages/statusChanged'
      hop:
        $ref: '#/components/messages/viaComponents'
components:
  messages:
    viaComponents:
      $ref: './common/messages.yaml#/messages/statusChanged'
  schemas:
    a~b/c:
      type: string
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
`;

const MESSAGES = `messages:
  statusChanged:
    name: order.status_changed
    payload:
      type: object
      required: [type]
      properties:
        type: { type: string, const: order.status_changed }
        status:
          $ref: '../orders.yaml#/components/schemas/a~0b~1c'
    examples:
      - name: shipped
        payload: { type: order.status_changed }
`;

const SECURITY = `schemes:
  query: { type: httpApiKey, in: query, name: token }
`;

describe('SourceMap.locate', () => {
  const dir = tempFiles({ 'orders.yaml': MAIN, 'common/messages.yaml': MESSAGES, 'common/security.yaml': SECURITY });
  afterAll(() => dir.remove());
  const main = dir.path('orders.yaml');
  const messages = dir.path('common/messages.yaml');
  const at = (path: (string | number)[]) => {
    const p = new SourceMap().locate(main, path);
    return `${p.file === main ? 'orders' : p.file === messages ? 'messages' : p.file}:${p.line}:${p.column}`;
  };

  it('points at the key of a mapping entry, whether its value is a scalar or a block', () => {
    expect(at(['info', 'version'])).toBe('orders:4:3');
    expect(at(['info'])).toBe('orders:2:1');
    expect(at(['channels', 'orders', 'address'])).toBe('orders:13:5');
  });

  it('points at a sequence item by index (items have no key)', () => {
    expect(at(['servers', 'production', 'security', 0])).toBe('orders:9:9');
    expect(at(['servers', 'production', 'security', 1])).toBe('orders:10:9');
  });

  it('follows a $ref into another file and reports positions there', () => {
    expect(at(['channels', 'orders', 'messages', 'statusChanged', 'payload'])).toBe('messages:4:5');
    expect(at(['channels', 'orders', 'messages', 'statusChanged', 'examples', 0])).toBe('messages:12:9');
    expect(at(['channels', 'orders', 'messages', 'statusChanged', 'payload', 'properties', 'type'])).toBe('messages:8:9');
  });

  it('follows chains of refs (local component, then another file)', () => {
    expect(at(['channels', 'orders', 'messages', 'hop', 'name'])).toBe('messages:3:5');
  });

  it('follows a ref back from a fragment into the document, decoding ~0 and ~1 in the pointer', () => {
    expect(at(['channels', 'orders', 'messages', 'statusChanged', 'payload', 'properties', 'status', 'type'])).toBe('orders:25:7');
  });

  it('stops at the deepest node it reached when the path runs out', () => {
    expect(at(['channels', 'orders', 'nothing', 'here'])).toBe('orders:12:3');
    expect(at(['channels', 'orders', 'messages', 'statusChanged', 'payload', 'properties', 'missing'])).toBe('messages:7:7');
  });

  it('keeps the ref position itself for the message key (the line a reader looks for)', () => {
    expect(at(['channels', 'orders', 'messages', 'statusChanged'])).toBe('orders:15:7');
  });

  it('answers 1:1 for an unreadable file instead of throwing', () => {
    expect(new SourceMap().locate(dir.path('nope.yaml'), ['info'])).toEqual({ file: dir.path('nope.yaml'), line: 1, column: 1 });
  });

  it('reads JSON documents (JSON is YAML)', () => {
    const json = dir.write('doc.json', JSON.stringify({ asyncapi: '3.0.0', info: { title: 'x', version: '1.0.0' } }, null, 2));
    expect(new SourceMap().locate(json, ['info', 'version'])).toEqual({ file: json, line: 5, column: 5 });
    expect(new SourceMap().scalarAt(json, ['asyncapi'])).toBe('3.0.0');
  });
});

describe('SourceMap.refTargets', () => {
  const dir = tempFiles({ 'orders.yaml': MAIN, 'common/messages.yaml': MESSAGES, 'common/security.yaml': SECURITY });
  afterAll(() => dir.remove());

  it('collects refs of the document and of every file it reaches, as absolute file#pointer', () => {
    const targets = new SourceMap().refTargets(dir.path('orders.yaml'));
    expect([...targets].sort()).toEqual(
      [
        `${dir.path('common/messages.yaml')}#/messages/statusChanged`,
        `${dir.path('common/security.yaml')}#/schemes/query`,
        `${dir.path('orders.yaml')}#/components/messages/viaComponents`,
        `${dir.path('orders.yaml')}#/components/schemas/a~0b~1c`,
        `${dir.path('orders.yaml')}#/components/securitySchemes/bearer`,
      ].sort(),
    );
  });

  it('terminates on files that reference each other', () => {
    const loop = tempFiles({ 'a.yaml': "x: { $ref: './b.yaml#/y' }\n", 'b.yaml': "y: { $ref: './a.yaml#/x' }\n" });
    try {
      expect(new SourceMap().refTargets(loop.path('a.yaml')).size).toBe(2);
      expect(new SourceMap().locate(loop.path('a.yaml'), ['x', 'z'])).toMatchObject({ line: 1 });
    } finally {
      loop.remove();
    }
  });
});

describe('SourceMap.syntaxErrors and brokenRefs', () => {
  const dir = tempFiles({
    'orders.yaml': MAIN,
    'common/messages.yaml': MESSAGES,
    'common/security.yaml': SECURITY,
    'bad-root.yaml': 'info:\n  title: Orders: the feed\n  version: 1.0.0\n',
    'bad-fragment.yaml': "channels:\n  a: { $ref: './common/bad.yaml#/x' }\n",
    'common/bad.yaml': 'x:\n  description: "never closed\n',
    'refs.yaml': [
      "a: { $ref: '#/nothing' }",
      "b: { $ref: './common/messages.yaml#/messages/statusChange' }",
      "c: { $ref: './missing.yaml#/x' }",
      "d: { $ref: './common/messages.yaml#/messages/statusChanged/payload/properties/status/type' }",
      "e: { $ref: 'https://example.com/schemas/order.yaml#/Order' }",
      "f: { $ref: '#/g~1h' }",
      'g/h: 1',
      '',
    ].join('\n'),
  });
  afterAll(() => dir.remove());

  it('finds nothing in a well-formed set of files', () => {
    const map = new SourceMap();
    expect(map.syntaxErrors(dir.path('orders.yaml'))).toEqual([]);
    expect(map.brokenRefs(dir.path('orders.yaml'))).toEqual([]);
  });

  it('reports the first YAML error of the root file with its position', () => {
    expect(new SourceMap().syntaxErrors(dir.path('bad-root.yaml'))).toEqual([
      { file: dir.path('bad-root.yaml'), line: 2, column: 10, message: 'Nested mappings are not allowed in compact mappings' },
    ]);
  });

  it('reports YAML errors in a referenced file, in that file', () => {
    const [problem, ...rest] = new SourceMap().syntaxErrors(dir.path('bad-fragment.yaml'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: dir.path('common/bad.yaml'), message: expect.stringContaining('closing "quote') });
  });

  it('reports each broken ref at its value (missing pointer, missing target in another file, missing file); follows refs inside pointers; leaves remote refs alone', () => {
    const broken = new SourceMap().brokenRefs(dir.path('refs.yaml'));
    expect(broken.map((b) => `${b.line}:${b.column} ${b.message}`)).toEqual([
      "1:12 '#/nothing' does not exist",
      "2:12 './common/messages.yaml#/messages/statusChange' does not exist",
      "3:12 './missing.yaml#/x' cannot be resolved: cannot read file ./missing.yaml",
    ]);
  });
});

describe('SourceMap.locateValue (where the parser placed its findings)', () => {
  const dir = tempFiles({ 'orders.yaml': MAIN, 'common/messages.yaml': MESSAGES, 'common/security.yaml': SECURITY });
  afterAll(() => dir.remove());
  const main = dir.path('orders.yaml');
  const messages = dir.path('common/messages.yaml');
  const at = (path: (string | number)[], refs: 'resolved' | 'as-written') => {
    const p = new SourceMap().locateValue(main, path, { refs });
    return `${p.file === main ? 'orders' : p.file === messages ? 'messages' : p.file}:${p.line}:${p.column}`;
  };

  it('puts a map after its key, a scalar at its first character, a list item at its start', () => {
    expect(at(['info'], 'resolved')).toBe('orders:2:6');
    expect(at(['info', 'title'], 'resolved')).toBe('orders:3:10');
    expect(at(['servers', 'production', 'security', 0], 'as-written')).toBe('orders:9:9');
  });

  it('follows refs, the last one included, in the dereferenced document; stops at them as written', () => {
    expect(at(['channels', 'orders', 'messages', 'statusChanged'], 'resolved')).toBe('messages:2:17');
    expect(at(['channels', 'orders', 'messages', 'statusChanged'], 'as-written')).toBe('orders:15:21');
    expect(at(['channels', 'orders', 'messages', 'hop', 'payload', 'type'], 'resolved')).toBe('messages:5:13');
  });

  it('stops at the deepest node that exists', () => {
    expect(at(['info', 'nope', 'deeper'], 'resolved')).toBe('orders:2:6');
    expect(at([], 'resolved')).toBe('orders:1:1');
  });
});

describe('SourceMap.data and remoteRefs', () => {
  const dir = tempFiles({
    'doc.yaml': "a: { $ref: './part.yaml#/x' }\nb: { $ref: 'https://example.com/remote.yaml#/y' }\n",
    'part.yaml': "x: { $ref: 'http://example.com/other.yaml' }\n",
  });
  afterAll(() => dir.remove());

  it('lists the remote refs reachable through local files', () => {
    expect(new SourceMap().remoteRefs(dir.path('doc.yaml')).sort()).toEqual(['http://example.com/other.yaml', 'https://example.com/remote.yaml#/y']);
  });

  it('gives each file as plain data, parsed once', () => {
    const map = new SourceMap();
    expect(map.data(dir.path('part.yaml'))).toEqual({ x: { $ref: 'http://example.com/other.yaml' } });
    expect(map.data(dir.path('part.yaml'))).toBe(map.data(dir.path('part.yaml')));
    expect(map.data(dir.path('missing.yaml'))).toBeUndefined();
  });
});

describe('SourceMap syntax errors and data, from js-yaml or yaml', () => {
  const dir = tempFiles({
    'tagged.yaml': 'a: !custom 1\nb: [x, y]\n',
    'alias.yaml': 'a: 1\nb: *nowhere\n',
    'glued.yaml': 'a: 1\nb: "x" "y"\n',
  });
  afterAll(() => dir.remove());

  it("uses yaml's data where only js-yaml refuses the file (an unknown tag)", () => {
    const map = new SourceMap();
    expect(map.syntaxErrors(dir.path('tagged.yaml'))).toEqual([]);
    expect(map.data(dir.path('tagged.yaml'))).toEqual({ a: '1', b: ['x', 'y'] });
  });

  it("reports yaml's first error with its position where both refuse it, else js-yaml's", () => {
    expect(new SourceMap().syntaxErrors(dir.path('glued.yaml'))).toEqual([{ file: dir.path('glued.yaml'), line: 2, column: 8, message: expect.any(String) }]);
    const [alias] = new SourceMap().syntaxErrors(dir.path('alias.yaml'));
    expect(alias).toMatchObject({ file: dir.path('alias.yaml'), line: 2, message: expect.stringContaining('nowhere') });
  });
});
