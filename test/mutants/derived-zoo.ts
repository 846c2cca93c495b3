/**
 * The derived-conformance zoo: `specwire mock` of third-party documents, broken one way each — an
 * altered copy of the document (the mock then implements the alteration faithfully) or a mock fault
 * (server/mock/faults.ts) — tested with the suite derived from the *unaltered* document. Every
 * mutant names the derived check that must catch it; every derived check has a mutant. The unbroken
 * mock of each document must pass first, or a kill would prove nothing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { runConformance } from '../../conformance/run-conformance.js';
import type { RunResult } from '../../conformance/result.js';
import { loadContract } from '../../contract/load.js';
import { silentLogger } from '../../server/core/log.js';
import type { MockFault } from '../../server/mock/faults.js';
import { startMockServer } from '../../server/mock/server.js';

const REPO = resolve(import.meta.dirname, '../..');

export interface DerivedFixture {
  file: string;
  /** Credentials the document's security asks for (the mock checks presence only). */
  query?: Record<string, string>;
}

export const FIXTURES = {
  kraken: { file: 'test/fixtures/third-party/asyncapi-kraken-websocket.yaml' },
  krakenFilter: { file: 'test/fixtures/third-party/asyncapi-kraken-websocket-reply-filter.yaml' },
  gemini: { file: 'test/fixtures/third-party/asyncapi-gemini-websocket.yaml' },
  slack: { file: 'test/fixtures/third-party/asyncapi-slack-rtm.yaml', query: { token: 'xoxb-test' } },
  greenhouse: { file: 'test/fixtures/mock/greenhouse-controller.yaml', query: { api_key: 'k' } },
  ticker: { file: 'test/fixtures/mock/without-examples.yaml' },
} satisfies Record<string, DerivedFixture>;

export interface DerivedMutant {
  name: string;
  description: string;
  fixture: DerivedFixture;
  /** Text edits of the document the mock serves: [find, replace], each must apply. */
  edits?: [string, string][];
  faults?: MockFault[];
  /** The mock lets everyone in (its `auth: false`). */
  noAuth?: boolean;
  /** The derived check that must fail. */
  check: string;
}

const PONG_CORRELATION = "$ref: '#/components/schemas/pong' \n      correlationId:\n        location: $message.payload#/reqid\n";
const PING_CORRELATION = "$ref: '#/components/schemas/ping'\n      correlationId:\n        location: $message.payload#/reqid\n";

export const DERIVED_MUTANTS: readonly DerivedMutant[] = [
  { name: 'address-moved', description: 'serves the channels at /v2 instead of the declared /', fixture: FIXTURES.kraken, edits: [['address: /\n', 'address: /v2\n']], check: 'connect-accepted' },
  { name: 'auth-ignored', description: 'accepts upgrades without the declared token', fixture: FIXTURES.slack, noAuth: true, check: 'auth-required' },
  { name: 'reply-renamed', description: "answers ping with `event: pongg` (pong's discriminator renamed)", fixture: FIXTURES.kraken, edits: [['const: pong\n', 'const: pongg\n']], check: 'reply-message' },
  {
    name: 'correlation-dropped',
    description: "pong no longer carries ping's `reqid`",
    fixture: FIXTURES.kraken,
    edits: [
      ["          const: pong\n        reqid:\n          $ref: '#/components/schemas/reqid'\n", '          const: pong\n'],
      [PONG_CORRELATION, "$ref: '#/components/schemas/pong' \n"],
      [PING_CORRELATION, "$ref: '#/components/schemas/ping'\n"],
    ],
    check: 'correlation-id',
  },
  {
    name: 'field-type-changed',
    description: '`socket_sequence` of market data is a string, not an integer',
    fixture: FIXTURES.gemini,
    edits: [
      ['        socket_sequence:\n          type: integer\n', '        socket_sequence:\n          type: string\n'],
      ['socket_sequence: 661\n', "socket_sequence: '661'\n"],
      ['socket_sequence: 1656\n', "socket_sequence: '1656'\n"],
    ],
    check: 'declared-message',
  },
  { name: 'discriminator-changed', description: 'heartbeats go out as `event: beat`', fixture: FIXTURES.kraken, edits: [['const: heartbeat\n', 'const: beat\n']], check: 'declared-message' },
  {
    name: 'error-renamed',
    description: 'bad frames are answered with an undeclared error frame (the error message renamed)',
    fixture: FIXTURES.greenhouse,
    edits: [
      ['command_error', 'command_refusal'],
      ['commandError', 'commandRefusal'],
      ['Command error', 'Command refusal'],
    ],
    check: 'bad-frame-answer',
  },
  { name: 'crash-on-bad-frame', description: 'a bad frame ends every connection with 1011', fixture: FIXTURES.kraken, faults: ['crash-on-bad-frame'], check: 'bad-frame-survived' },
  { name: 'close-on-valid-frame', description: 'a valid client message closes its connection', fixture: FIXTURES.slack, faults: ['close-on-valid-frame'], check: 'valid-input-kept' },
];

/** The fixture's text with every edit applied (all occurrences); an edit that matches nothing throws: the mutant would be the original. */
export function alter(text: string, edits: [string, string][] = []): string {
  let out = text;
  for (const [find, replace] of edits) {
    if (!out.includes(find)) throw new Error(`the alteration ${JSON.stringify(find.slice(0, 60))} does not apply: update the mutant`);
    out = out.split(find).join(replace);
  }
  return out;
}

export interface DerivedRunOptions {
  /** Listening window of the derived suite. Default 500 ms (the mock emits every 50 ms). */
  listenMs?: number;
  runs?: number;
  seed?: number;
}

/** The suite derived from `fixture` (unaltered) against the mock of a mutant's document (or of the fixture itself). */
export async function runDerivedAgainstMock(fixture: DerivedFixture, mutant?: Pick<DerivedMutant, 'edits' | 'faults' | 'noAuth'>, options: DerivedRunOptions = {}): Promise<RunResult> {
  const original = resolve(REPO, fixture.file);
  const dir = mkdtempSync(join(tmpdir(), 'specwire-derived-zoo-'));
  try {
    const served = join(dir, basename(original));
    writeFileSync(served, alter(readFileSync(original, 'utf8'), mutant?.edits));
    const loaded = await loadContract(served);
    if (!loaded.ok) throw new Error(`the altered ${fixture.file} does not load: ${JSON.stringify(loaded.diagnostics.slice(0, 2))}`);
    const mock = await startMockServer(loaded.contract, { port: 0, emitEveryMs: 50, logger: silentLogger, auth: !mutant?.noAuth, faults: new Set(mutant?.faults ?? []) });
    try {
      return await runConformance({ contract: original, url: mock.url, derive: { listenMs: options.listenMs ?? 500, runs: options.runs ?? 10, seed: options.seed ?? 1 }, query: fixture.query });
    } finally {
      await mock.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every check that failed in the run, with the first case it failed in. */
export function failedChecks(run: RunResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of run.scenarios) for (const f of s.failures) if (!out.has(f.check)) out.set(f.check, s.name);
  return out;
}

export function derivedMarkdownTable(rows: { mutant: DerivedMutant; caught: Map<string, string> }[]): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  const lines = rows.map(({ mutant, caught }) => {
    const others = [...caught.keys()].filter((c) => c !== mutant.check);
    return `| \`${mutant.name}\` | ${esc(basename(mutant.fixture.file))} | ${esc(mutant.description)} | ${caught.has(mutant.check) ? `\`${mutant.check}\`` : '**SURVIVED**'} | ${others.map((c) => `\`${c}\``).join(', ') || '—'} |`;
  });
  return ['| mutant | document | the broken mock… | caught by | also failed |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
}
