import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, canonicalKeys, typeConstsOf, type Catalog } from '../../codegen/catalog.js';
import { loadContract } from '../../contract/load.js';
import { FIXTURE_FILES } from '../support/generated-contracts.js';

describe('buildCatalog on a third-party document', () => {
  let iot: Catalog;
  let chat: Catalog;
  beforeAll(async () => {
    const [a, b] = await Promise.all(FIXTURE_FILES.map((f) => loadContract(f)));
    if (!a!.ok || !b!.ok) throw new Error('fixtures do not load');
    iot = buildCatalog(a!.contract);
    chat = buildCatalog(b!.contract);
  });

  it('names untitled schemas after their component keys, never AnonymousSchema', () => {
    expect(iot.named.map((n) => n.name)).toEqual([
      'Alert', 'DeviceId', 'DeviceInfo', 'Envelope', 'Operator', 'Quality', 'RebootCommand', 'Sample', 'SetThresholdCommand', 'ThresholdRule', 'UpdateFirmwareCommand',
    ]);
  });

  it('finds components again inside dereferenced payloads', () => {
    const reading = iot.messages.find((m) => m.message.id === 'device_reading')!;
    const envelope = (reading.message.payload.allOf as unknown[])[0];
    expect(iot.nameOf(envelope)).toBe('Envelope');
  });

  it('names messages <Name>Message with their type discriminators and directions', () => {
    expect(iot.messages.map((m) => [m.typeName, m.typeConsts])).toEqual([
      ['AlertClearedMessage', ['alert_cleared']],
      ['AlertRaisedMessage', ['alert_raised']],
      ['CommandAckMessage', ['command_ack']],
      ['DeviceReadingMessage', ['device_reading']],
      ['DeviceStatusMessage', ['device_status']],
      ['OperatorCommandMessage', ['set_threshold', 'reboot', 'update_firmware']],
    ]);
    expect(iot.client.map((m) => m.typeName)).toEqual(['OperatorCommandMessage']);
    expect(iot.server).toHaveLength(5);
  });

  it('keeps built-in names free, names recursive schemas once, and warns about untyped messages', () => {
    expect(chat.named.map((n) => n.name)).toContain('ErrorSchema');
    expect(chat.named.filter((n) => n.name.startsWith('ThreadNode'))).toHaveLength(1);
    expect(chat.warnings).toEqual([expect.stringContaining('"heartbeat" has no string "type" const')]);
  });
});

describe('buildCatalog naming rules', () => {
  const model = (schemas: Record<string, unknown>, payloads: Record<string, unknown> = {}) =>
    ({
      id: 'x', file: '/x.yaml', asyncapi: '3.0.0', title: 'x', version: '1', servers: [], channels: [], operations: [], securitySchemes: [],
      components: {}, references: new Set<string>(), locate: () => ({ file: '/x.yaml', line: 1, column: 1 }),
      schemas,
      messages: Object.entries(payloads).map(([id, payload]) => ({ id, name: id, directions: ['server-to-client'], channelIds: [], payload, examples: [], control: false, extensions: {} })),
    }) as unknown as Parameters<typeof buildCatalog>[0];

  it('two different schemas with one title: the second gets a suffix and a warning', () => {
    const catalog = buildCatalog(model({}, { a: { title: 'Item', type: 'string' }, b: { title: 'Item', type: 'integer' } }));
    expect(catalog.named.map((n) => n.name)).toEqual(['Item', 'Item2']);
    expect(catalog.warnings[0]).toContain('"Item"');
  });

  it('the same titled schema met twice is one declaration', () => {
    const catalog = buildCatalog(model({}, { a: { title: 'Item', type: 'string' }, b: { title: 'Item', type: 'string' } }));
    expect(catalog.named.map((n) => n.name)).toEqual(['Item']);
  });

  it('a bare { type: string } component does not name every string', () => {
    const catalog = buildCatalog(model({ Name: { type: 'string' } }, { a: { type: 'object', properties: { type: { const: 'a' }, label: { type: 'string' } } } }));
    const label = (catalog.messages[0]!.message.payload.properties as Record<string, unknown>).label;
    expect(catalog.nameOf(label)).toBeUndefined();
  });

  it('a payload titled like its message is the message type, not an alias of itself', () => {
    const catalog = buildCatalog(model({}, { ping: { title: 'PingMessage', type: 'object', properties: { type: { const: 'ping' } } } }));
    expect(catalog.messages[0]).toMatchObject({ typeName: 'PingMessage', payloadName: undefined });
  });
});

describe('typeConstsOf', () => {
  it('reads const, a one-value enum, oneOf branches and allOf parts', () => {
    expect(typeConstsOf({ properties: { type: { const: 'a' } } })).toEqual(['a']);
    expect(typeConstsOf({ properties: { type: { enum: ['a'] } } })).toEqual(['a']);
    expect(typeConstsOf({ oneOf: [{ properties: { type: { const: 'a' } } }, { properties: { type: { const: 'b' } } }] })).toEqual(['a', 'b']);
    expect(typeConstsOf({ oneOf: [{ properties: { type: { const: 'a' } } }, { type: 'null' }] })).toEqual([]);
    expect(typeConstsOf({ allOf: [{ required: ['x'] }, { properties: { type: { const: 'c' } } }] })).toEqual(['c']);
  });
});

describe('canonicalKeys', () => {
  it('ignores key order and fingerprints recursion the same wherever it is met', () => {
    const key = canonicalKeys();
    expect(key({ a: 1, b: [true, null] })).toBe(key({ b: [true, null], a: 1 }));
    const tree: Record<string, unknown> = { type: 'object' };
    tree.properties = { child: tree };
    const copy: Record<string, unknown> = { type: 'object' };
    copy.properties = { child: copy };
    expect(key(tree)).toBe(key(copy));
    expect(key({ wrapper: tree })).toContain(key(tree).slice(0, 10));
  });
});
