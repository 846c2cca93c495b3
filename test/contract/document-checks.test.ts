/**
 * The loader checks documents against the official AsyncAPI JSON Schema and the parser's 3.x core
 * rules itself (contract/document-checks.ts) instead of running @asyncapi/parser's Spectral. Each
 * case breaks clean-generic.yaml in one way; the findings (rule, line:column, message) are written
 * here by hand from reading the broken text. The second block holds the loader to what the parser
 * itself reports, on these cases and on every lint fixture.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { compareDiagnostics } from '../../contract/diagnostic.js';
import { loadContract, loadContractWithParser, type LoadResult } from '../../contract/load.js';
import { SourceMap } from '../../contract/source-map.js';
import { tempFiles } from '../support/temp-files.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/lint');
const CLEAN = readFileSync(resolve(FIXTURES, 'clean-generic.yaml'), 'utf8');

interface Case {
  name: string;
  /** Text replacements applied to clean-generic.yaml, in order; each must match. */
  edits: [string, string][];
  /** `line:column rule message`, sorted by position. */
  findings: string[];
}

const CASES: Case[] = [
  {
    name: 'a required field missing (info.version)',
    edits: [['  version: 2.1.0\n', '  # no version\n']],
    findings: ['4:6 asyncapi-document-resolved "info" property must have required property "version"'],
  },
  {
    name: 'a value outside its enum (operation action)',
    edits: [['    action: send\n', '    action: push\n']],
    findings: ['28:13 asyncapi-document-resolved "action" property must be equal to one of the allowed values: "send", "receive"'],
  },
  {
    name: 'a value of the wrong type (info.title)',
    edits: [['  title: Order status notifications\n', '  title: 42\n']],
    findings: ['5:10 asyncapi-document-resolved "title" property type must be string'],
  },
  {
    name: 'a field the specification does not know (message colour)',
    edits: [['      title: Watch an order\n', '      title: Watch an order\n      colour: red\n']],
    findings: ['60:15 asyncapi-document-resolved Property "colour" is not expected to be here'],
  },
  {
    name: 'an address parameter not declared, and a declared one not in the address',
    edits: [['    address: /ws/orders\n', '    address: /ws/orders/{orderId}\n    parameters: { shopId: { description: the shop } }\n']],
    findings: [
      `20:16 asyncapi3-channel-parameters Not all channel's parameters are described with "parameters" object. Missed: orderId.`,
      `20:26 asyncapi3-channel-parameters Channel's "parameters" object has redundant defined "shopId" parameter.`,
    ],
  },
  {
    name: "an operation message that is not one of its channel's",
    edits: [["      - $ref: '#/channels/orders/messages/statusChanged'", "      - $ref: '#/components/messages/statusChanged'"]],
    findings: ['32:9 asyncapi3-operation-messages-from-referred-channel Operation message does not belong to the specified channel.'],
  },
  {
    name: 'an operation channel outside the root channels',
    edits: [
      ["    action: send\n    channel:\n      $ref: '#/channels/orders'", "    action: send\n    channel:\n      $ref: '#/components/channels/orders'"],
      ['components:\n', "components:\n  channels:\n    orders: { $ref: '#/channels/orders' }\n"],
    ],
    findings: [
      '30:13 asyncapi3-required-operation-channel-unambiguity The "channel" field of an operation under the root "operations" object must always reference a channel under the root "channels" object.',
      '32:9 asyncapi3-operation-messages-from-referred-channel Operation message does not belong to the specified channel.',
    ],
  },
  {
    name: 'a channel server outside the root servers',
    edits: [
      ['    address: /ws/orders\n', "    address: /ws/orders\n    servers: [{ $ref: '#/components/servers/backup' }]\n"],
      ['components:\n', 'components:\n  servers:\n    backup: { host: backup.example.com, protocol: wss }\n'],
    ],
    findings: ['20:23 asyncapi3-required-channel-servers-unambiguity The "servers" field of a channel under the root "channels" object must always reference a subset of the servers under the root "servers" object.'],
  },
  {
    name: 'a query delimiter in a channel key',
    edits: [
      ['channels:\n  orders:\n', 'channels:\n  orders?live:\n'],
      ["'#/channels/orders'", "'#/channels/orders?live'"],
      ["'#/channels/orders'", "'#/channels/orders?live'"],
      ["'#/channels/orders/messages/statusChanged'", "'#/channels/orders?live/messages/statusChanged'"],
      ["'#/channels/orders/messages/watch'", "'#/channels/orders?live/messages/watch'"],
    ],
    findings: ['18:15 asyncapi3-channel-no-query-nor-fragment Channel address should not include query ("?") or fragment ("#") delimiter.'],
  },
  {
    name: 'a $ref where the specification allows none (info)',
    edits: [
      ["info:\n  title: Order status notifications\n  version: 2.1.0\n  description: Pushes order status changes to the shop's browser clients.\n", "info: { $ref: '#/components/x-info' }\n#\n#\n#\n"],
      ['  securitySchemes:\n', '  x-info: { title: Orders, version: 2.1.0 }\n  securitySchemes:\n'],
    ],
    findings: ['4:6 asyncapi-document-unresolved Referencing in this place is not allowed'],
  },
  {
    name: 'an AsyncAPI version the schemas do not cover',
    edits: [['asyncapi: 3.0.0', 'asyncapi: 3.0.7']],
    findings: [
      '3:1 asyncapi-is-asyncapi Version "3.0.7" is not supported. Please use "3.1.0" (latest) version of the specification.',
      '3:11 asyncapi-document-resolved "asyncapi" property must be equal to constant',
    ],
  },
];

const dir = tempFiles();
afterAll(() => dir.remove());

function broken(c: Case): string {
  let text = CLEAN;
  for (const [from, to] of c.edits) {
    expect(text, `edit of "${c.name}" must apply`).toContain(from);
    text = text.replace(from, to);
  }
  return dir.write(`${c.name.replace(/\W+/g, '-')}.yaml`, text);
}

const show = (r: LoadResult) => r.diagnostics.map((d) => `${relative(dir.root, d.file)}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`).sort();

describe('document checks: what the parser reported, where it reported it', () => {
  it.each(CASES)('$name', async (c) => {
    const file = broken(c);
    const r = await loadContract(file);
    expect(r.ok).toBe(false);
    expect([...r.diagnostics].sort(compareDiagnostics).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(c.findings);
    expect(r.diagnostics.every((d) => d.file === file && d.severity === 'error')).toBe(true);
    expect(r.ok ? 'ok' : r.reason).toBe(c.findings.some((f) => f.includes('asyncapi-is-asyncapi')) ? 'version' : 'invalid');
  });

  it('finds nothing in the clean document', async () => {
    const r = await loadContract(dir.write('clean.yaml', CLEAN));
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('the same findings and model as @asyncapi/parser (~1 s per document)', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => /\.ya?ml$|\.json$/.test(f));
  it.each(CASES.map((c) => c.name))('broken clean-generic.yaml: %s', async (name) => {
    const file = broken(CASES.find((c) => c.name === name)!);
    expect(show(await loadContract(file))).toEqual(show(await loadContractWithParser(file)));
  });

  const ROOT = resolve(import.meta.dirname, '../..');
  const documents = [
    ...readdirSync(resolve(ROOT, 'asyncapi')).filter((f) => f.endsWith('.yaml')).map((f) => `asyncapi/${f}`),
    'test/fixtures/codegen/chat-rooms.yaml', // a recursive schema: a cycle in the model
    'test/fixtures/codegen/iot-telemetry.yaml',
    'test/fixtures/mock/greenhouse-controller.yaml', // a third-party document
    // real-world AsyncAPI 3.x documents (bindings, replies, traits); those with remote refs go
    // through the parser either way
    ...readdirSync(resolve(ROOT, 'test/fixtures/third-party'))
      .filter((f) => /\.(ya?ml|json)$/.test(f) && !new SourceMap().remoteRefs(resolve(ROOT, 'test/fixtures/third-party', f)).length)
      .map((f) => `test/fixtures/third-party/${f}`),
  ];
  it.each(documents)('model of %s', async (name) => {
    const ours = await loadContract(resolve(ROOT, name));
    const theirs = await loadContractWithParser(resolve(ROOT, name));
    if (!ours.ok || !theirs.ok) throw new Error(`${name} does not load: ${show(ours).join('; ')} / ${show(theirs).join('; ')}`);
    // The one deliberate difference: an operation with traits keeps its channel (the parser copied
    // the channel while merging the traits, so its model could not tell which channel it was).
    const operations = theirs.contract.operations.map((op, i) => {
      const mine = ours.contract.operations[i];
      return op.channelId === '' && mine?.id === op.id && mine.channelId !== '' ? { ...op, channelId: mine.channelId } : op;
    });
    // same content, sharing and cycles; `locate` is a closure over each load's own source map
    expect({ ...ours.contract, locate: null }).toEqual({ ...theirs.contract, operations, locate: null });
    expect(ours.contract.locate(['info', 'title'])).toEqual(theirs.contract.locate(['info', 'title']));
  });

  it.each(fixtures)('test/fixtures/lint/%s', async (name) => {
    const file = resolve(FIXTURES, name);
    const ours = await loadContract(file);
    const theirs = await loadContractWithParser(file);
    expect(show(ours)).toEqual(show(theirs));
    expect(ours.ok ? 'ok' : ours.reason).toBe(theirs.ok ? 'ok' : theirs.reason);
  });
});
