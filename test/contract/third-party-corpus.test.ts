/**
 * `specwire lint` on documents written by others (test/fixtures/third-party/, the AsyncAPI project's
 * published examples): no false errors, no convention finding on documents without x-specwire, and
 * every real defect — those the documents already have and those planted in copies here — reported
 * with the right rule at the right line. Expectations are written by hand from reading the
 * documents; `asyncapi validate` (AsyncAPI CLI 6.2) accepts every document here except the one whose
 * remote `$ref`s cannot be fetched (docs/lint.md has the figures).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { lintFiles } from '../../contract/lint/lint.js';
import { LINT_RULES } from '../../contract/lint/registry.js';
import { tempFiles } from '../support/temp-files.js';

const CORPUS = resolve(import.meta.dirname, '../fixtures/third-party');

interface CorpusDoc {
  doc: string;
  /** The real defects the document has, as `rule line:column`. */
  errors: string[];
  exit: 0 | 1 | 2;
}

const KRAKEN_EXAMPLES = (first: number) => [`example-valid ${first}:13`, `example-valid ${first + 9}:13`];

const DOCS: CorpusDoc[] = [
  // Kraken's subscriptionStatus examples write `pair` as a string where the schema wants an array
  { doc: 'asyncapi-kraken-websocket.yaml', errors: KRAKEN_EXAMPLES(155), exit: 1 },
  { doc: 'asyncapi-kraken-websocket-reply-filter.yaml', errors: KRAKEN_EXAMPLES(149), exit: 1 },
  { doc: 'asyncapi-gemini-websocket.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-slack-rtm.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-streetlights-mqtt.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-streetlights-kafka.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-streetlights-operation-security.yaml', errors: [], exit: 0 },
  // remote Avro $refs: not readable offline, an input error (asyncapi validate fails on them too)
  { doc: 'asyncapi-adeo-kafka-request-reply.yaml', errors: ['invalid-ref 174:17', 'invalid-ref 204:17'], exit: 2 },
  // the response reuses the request's correlationId ($message.header#/REQUEST_ID), a header its own
  // headers schema (CALCULATION_ID, CORRELATION_ID, ...) does not declare
  { doc: 'asyncapi-adeo-kafka-request-reply-local.yaml', errors: ['correlation-id-resolves 148:7'], exit: 1 },
  { doc: 'asyncapi-anyof.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-oneof.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-not.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-application-headers.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-correlation-id.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-gitter-streaming.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-mercure.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-operation-security.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-rpc-client.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-rpc-server.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-simple.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-tutorial.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-default-example.json', errors: [], exit: 0 },
  { doc: 'asyncapi-generator-websocket-query.yaml', errors: [], exit: 0 },
  { doc: 'asyncapi-generator-refs/asyncapi.yaml', errors: [], exit: 0 },
];

/** Rules that are off for documents without info.x-specwire: specwire's conventions. */
const CONVENTIONS = new Set(LINT_RULES.filter((r) => r.level.generic === 'off').map((r) => r.id));

const lint = (file: string) => lintFiles([file], { config: false });

describe('the third-party corpus', () => {
  it('lists every document in the folder', () => {
    const found = readdirSync(CORPUS)
      .flatMap((name) => (statSync(resolve(CORPUS, name)).isDirectory() ? [`${name}/asyncapi.yaml`] : /\.(ya?ml|json)$/.test(name) ? [name] : []))
      .sort();
    expect(DOCS.map((d) => d.doc).sort()).toEqual(found);
  });

  it.each(DOCS)('$doc: only its real defects are errors ($errors), exit $exit, no convention finding', async ({ doc, errors, exit }) => {
    const report = await lint(resolve(CORPUS, doc));
    expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.line}:${d.column}`)).toEqual(errors);
    expect(report.diagnostics.filter((d) => CONVENTIONS.has(d.rule))).toEqual([]);
    expect(report.exitCode).toBe(exit);
  });

  it("reports Kraken's invalid examples by the branch they are closest to: /pair must be array", async () => {
    const report = await lint(resolve(CORPUS, 'asyncapi-kraken-websocket.yaml'));
    expect(report.diagnostics.filter((d) => d.rule === 'example-valid').map((d) => d.message)).toEqual([
      'example of "subscriptionStatus" is invalid: /pair must be array',
      'example of "subscriptionStatus" is invalid: /pair must be array',
    ]);
  });
});

interface Seed {
  /** What was planted. */
  defect: string;
  doc: string;
  /** Exact text to replace, and its replacement: the line of the replacement is where the finding must be. */
  find: string;
  plant: string;
  /** Where the finding must be when not on the planted text (a deletion): the line of this text. */
  anchor?: string;
  rule: string;
  /** Part of the message that says what is wrong. */
  says: string;
  exit: 1 | 2;
}

const SEEDS: Seed[] = [
  { defect: 'an example whose field has the wrong type', doc: 'asyncapi-gemini-websocket.yaml', find: 'socket_sequence: 661', plant: "socket_sequence: '661'", rule: 'example-valid', says: '/socket_sequence must be integer', exit: 1 },
  { defect: 'a broken $ref', doc: 'asyncapi-slack-rtm.yaml', find: "$ref: '#/components/messages/hello'", plant: "$ref: '#/components/messages/helo'", rule: 'invalid-ref', says: 'does not exist', exit: 2 },
  {
    defect: "an operation message that is not in the operation's channel",
    doc: 'asyncapi-streetlights-mqtt.yaml',
    find: "- $ref: '#/channels/lightTurnOn/messages/turnOn'",
    plant: "- $ref: '#/channels/lightTurnOff/messages/turnOff'",
    rule: 'asyncapi3-operation-messages-from-referred-channel',
    says: 'does not belong',
    exit: 1,
  },
  {
    defect: 'a reply message that is not in the reply channel',
    doc: 'asyncapi-kraken-websocket.yaml',
    find: "- $ref: '#/channels/currencyInfo/messages/subscriptionStatus'",
    plant: "- $ref: '#/channels/ping/messages/ping'",
    rule: 'reply-in-channel',
    says: 'reply message "ping" is not a message of reply channel "currencyInfo"',
    exit: 1,
  },
  {
    defect: 'a correlation id pointing at a field the payload does not have',
    doc: 'asyncapi-kraken-websocket.yaml',
    find: "        $ref: '#/components/schemas/ping'\n      correlationId:\n        location: $message.payload#/reqid",
    plant: "        $ref: '#/components/schemas/ping'\n      correlationId:\n        location: $message.payload#/reqId",
    rule: 'correlation-id-resolves',
    says: 'points at /reqId',
    exit: 1,
  },
  {
    defect: 'a reply address read from a header no request declares',
    doc: 'asyncapi-adeo-kafka-request-reply-local.yaml',
    find: 'location: $message.header#/REPLY_TOPIC',
    plant: 'location: $message.header#/REPLY_TO',
    rule: 'reply-address-resolves',
    says: 'reply address $message.header#/REPLY_TO',
    exit: 1,
  },
  {
    defect: 'a channel address parameter that is not declared',
    doc: 'asyncapi-streetlights-mqtt.yaml',
    find: "        $ref: '#/components/messages/dimLight'\n    parameters:\n      streetlightId:\n        $ref: '#/components/parameters/streetlightId'\n",
    plant: "        $ref: '#/components/messages/dimLight'\n",
    anchor: "address: 'smartylighting/streetlights/1/0/action/{streetlightId}/dim'",
    rule: 'channel-parameters-declared',
    says: 'address parameter {streetlightId} not declared',
    exit: 1,
  },
  { defect: 'a YAML syntax error', doc: 'asyncapi-gemini-websocket.yaml', find: '    protocol: wss', plant: '    protocol: wss: wss', rule: 'yaml-syntax', says: '', exit: 2 },
];

describe('defects planted in copies of the corpus', () => {
  const dir = tempFiles();
  afterAll(() => dir.remove());

  it.each(SEEDS)('$defect ($doc) → $rule at the planted line', async ({ doc, find, plant, anchor, rule, says, exit }) => {
    const original = readFileSync(resolve(CORPUS, doc), 'utf8');
    expect(original.split(find)).toHaveLength(2); // the seed plants exactly one defect
    const text = original.replace(find, plant);
    const file = dir.write(`${rule}/${doc}`, text);
    const report = await lint(file);
    const lineOf = (t: string) => text.slice(0, text.indexOf(t)).split('\n').length;
    const line = anchor ? lineOf(anchor) : lineOf(plant);
    const lines = anchor ? 1 : plant.split('\n').length;
    const findings = report.diagnostics.filter((d) => d.rule === rule);
    expect(findings.map((d) => [relative(dir.root, d.file), d.line])).toContainEqual([`${rule}/${doc}`, expect.any(Number)]);
    const planted = findings.find((d) => d.message.includes(says));
    expect(planted, JSON.stringify(findings)).toBeDefined();
    // the finding is on the planted text: its first line, or within a multi-line plant
    expect(planted!.line).toBeGreaterThanOrEqual(line);
    expect(planted!.line).toBeLessThanOrEqual(line + lines - 1);
    expect(report.exitCode).toBe(exit);
  });
});
