/**
 * The generated runtime (index.js) of every contract and fixture: every example decodes, every
 * systematic mutation of an example is rejected with the right kind and path, bad input of any
 * shape is an error value (never a throw), and encoding validates first.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContractModel, Direction, MessageModel } from '../../contract/model.js';
import { mutationsOf } from '../support/frame-mutations.js';
import { GENERATED_CASES, loadCase, type DecodeResult, type GeneratedModule } from '../support/generated-contracts.js';

const decoderFor = (runtime: GeneratedModule, direction: Direction) =>
  direction === 'server-to-client' ? runtime.decodeServerMessage : runtime.decodeClientMessage;

describe.each(GENERATED_CASES)('$name', (c) => {
  let contract: ContractModel;
  let runtime: GeneratedModule;
  let messages: MessageModel[];

  beforeAll(async () => {
    ({ contract, runtime } = await loadCase(c));
    messages = contract.messages.filter((m) => m.directions.length && m.examples.length);
  });

  it('decodes every example, as a string and as UTF-8 bytes, in each direction of its message', () => {
    expect(messages.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const m of messages) {
      for (const [i, example] of m.examples.entries()) {
        for (const direction of m.directions) {
          const text = JSON.stringify(example.payload);
          for (const data of [text, new TextEncoder().encode(text), Buffer.from(text)]) {
            const result = decoderFor(runtime, direction)(data);
            if (!result.ok) failures.push(`${m.id} example ${example.name ?? i} (${direction}): ${result.error.message}`);
            else expect(result.message).toEqual(example.payload);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects systematically mutated examples with the right kind, path and expectation', () => {
    const failures: string[] = [];
    let count = 0;
    for (const m of messages) {
      for (const example of m.examples) {
        for (const mutation of mutationsOf(m.payload, example.payload)) {
          for (const direction of m.directions) {
            count++;
            const result = decoderFor(runtime, direction)(JSON.stringify(mutation.frame));
            const problem = mismatch(result, mutation);
            if (problem) failures.push(`${m.id} / ${mutation.name} (${direction}): ${problem}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(messages.length * 2);
  });

  it('reports a frame of the other direction as an unknown type', () => {
    const serverOnly = messages.filter((m) => m.type && !m.directions.includes('client-to-server') && !runtime.CLIENT_MESSAGE_TYPES.includes(m.type));
    for (const m of serverOnly) {
      const result = runtime.decodeClientMessage(JSON.stringify(m.examples[0]!.payload));
      if (runtime.CLIENT_MESSAGE_TYPES.length) expect(result).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/unknown-type|invalid/), type: m.type } });
      else expect(result.ok).toBe(false);
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array()), (data) => {
        const server = runtime.decodeServerMessage(data);
        const client = runtime.decodeClientMessage(data);
        return typeof server.ok === 'boolean' && typeof client.ok === 'boolean';
      }),
      { numRuns: 500 },
    );
  });

  it('encodes valid frames and refuses invalid ones without throwing', () => {
    for (const m of messages) {
      const example = m.examples[0]!.payload;
      for (const direction of m.directions) {
        const encode = direction === 'server-to-client' ? runtime.encodeServerMessage : runtime.encodeClientMessage;
        expect(encode(example)).toEqual({ ok: true, data: JSON.stringify(example) });
        const [mutation] = mutationsOf(m.payload, example).filter((x) => x.kind === 'invalid');
        if (mutation) expect(encode(mutation.frame)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
      }
    }
  });

  it('exports a guard per message that agrees with decoding', () => {
    for (const m of messages) {
      const guardName = Object.keys(runtime).find((k) => k.startsWith('is') && k.toLowerCase() === `is${m.name ?? m.id}message`.replace(/[^a-z]/gi, '').toLowerCase());
      expect(guardName, `guard for ${m.id}`).toBeDefined();
      expect(runtime[guardName as `is${string}`]!(m.examples[0]!.payload)).toBe(true);
      expect(runtime[guardName as `is${string}`]!({})).toBe(false);
    }
  });

  it('exports the contract version and the type lists', () => {
    expect(runtime.CONTRACT_ID).toBe(contract.id);
    expect(runtime.CONTRACT_VERSION).toBe(contract.version);
    expect(Object.isFrozen(runtime.SERVER_MESSAGE_TYPES)).toBe(true);
    expect([...runtime.MESSAGE_TYPES]).toEqual([...new Set([...runtime.SERVER_MESSAGE_TYPES, ...runtime.CLIENT_MESSAGE_TYPES])].sort());
  });
});

describe('decode errors', () => {
  let runtime: GeneratedModule;
  beforeAll(async () => {
    ({ runtime } = await loadCase(GENERATED_CASES.find((c) => c.name === 'iot-telemetry.yaml')!));
  });

  it('not JSON, not an object, no type', () => {
    expect(runtime.decodeServerMessage('{"type": ')).toMatchObject({ ok: false, error: { kind: 'not-json' } });
    expect(runtime.decodeServerMessage('[]')).toMatchObject({ ok: false, error: { kind: 'not-object', actual: 'an array of 0' } });
    expect(runtime.decodeServerMessage('null')).toMatchObject({ ok: false, error: { kind: 'not-object', actual: 'null' } });
    expect(runtime.decodeServerMessage(new ArrayBuffer(0))).toMatchObject({ ok: false, error: { kind: 'not-json' } });
    expect(runtime.decodeServerMessage('{}')).toMatchObject({ ok: false, error: { kind: 'unknown-type', path: '/type', actual: 'missing' } });
    expect(runtime.decodeServerMessage('{"type":"constructor"}')).toMatchObject({ ok: false, error: { kind: 'unknown-type', type: 'constructor' } });
  });

  it('names path, expectation and what was found', () => {
    const frame = { type: 'device_status', device_id: 'therm-0042', status: 'asleep', last_seen: null };
    expect(runtime.decodeServerMessage(JSON.stringify(frame))).toEqual({
      ok: false,
      error: {
        kind: 'invalid',
        type: 'device_status',
        path: '/status',
        schemaPath: '#/properties/status/enum',
        expected: 'one of "online", "offline", "degraded"',
        actual: '"asleep"',
        message: 'invalid "device_status" frame at /status: expected one of "online", "offline", "degraded", got "asleep"',
      },
    });
  });

  it('a discriminated union reports the branch the frame claims, and the values it knows', () => {
    const wrongRule = { type: 'set_threshold', device_id: 'therm-0042', rule: { metric: 'temperature', op: 'gt', threshold: 'hot' } };
    expect(runtime.decodeClientMessage(JSON.stringify(wrongRule))).toMatchObject({ ok: false, error: { path: '/rule/threshold', expected: 'number', actual: '"hot"' } });
    const unknown = { type: 'self_destruct', device_id: 'therm-0042' };
    expect(runtime.decodeClientMessage(JSON.stringify(unknown))).toMatchObject({ ok: false, error: { kind: 'unknown-type', expected: '"reboot", "set_threshold", "update_firmware"'.replace(/^/, 'one of ') } });
  });
});

describe('messages without a type const', () => {
  let runtime: GeneratedModule;
  beforeAll(async () => {
    ({ runtime } = await loadCase(GENERATED_CASES.find((c) => c.name === 'chat-rooms.yaml')!));
  });

  it('are tried when the type lookup misses, and their own error is reported', () => {
    expect(runtime.decodeServerMessage('{"at":"2025-01-02T03:04:05Z"}')).toEqual({ ok: true, message: { at: '2025-01-02T03:04:05Z' } });
    expect(runtime.decodeServerMessage('{"at":"yesterday"}')).toMatchObject({ ok: false, error: { kind: 'invalid', path: '/at', expected: 'format "date-time"' } });
  });

  it('recursive schemas validate to any depth', () => {
    const message = (id: number) => ({ id, author: 'ada', body: { text: 'x' }, sentAt: '2025-01-02T03:04:05Z', replyTo: null });
    let node: Record<string, unknown> = { message: message(50), replies: [] };
    for (let i = 49; i > 0; i--) node = { message: message(i), replies: [node] };
    expect(runtime.decodeServerMessage(JSON.stringify({ type: 'thread-snapshot', root: node })).ok).toBe(true);
    (node.replies as { message: { id: number } }[])[0]!.message.id = 0;
    expect(runtime.decodeServerMessage(JSON.stringify({ type: 'thread-snapshot', root: node }))).toMatchObject({ ok: false, error: { path: '/root/replies/0/message/id', expected: '>= 1' } });
  });
});

function mismatch(result: DecodeResult, expected: ReturnType<typeof mutationsOf>[number]): string | undefined {
  if (result.ok) return 'accepted';
  const { error } = result;
  if (error.kind !== expected.kind) return `kind ${error.kind}, wanted ${expected.kind} (${error.message})`;
  if (expected.exactPath && error.path !== expected.path) return `path ${error.path}, wanted ${expected.path} (${error.message})`;
  if (expected.exactPath && expected.expected && !error.expected?.includes(expected.expected)) return `expected "${error.expected}", wanted "${expected.expected}" (${error.message})`;
  return undefined;
}
