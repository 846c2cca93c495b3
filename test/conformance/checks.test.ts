import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { FRAME_CHECKS } from '../../conformance/checks/registry.js';
import type { CheckContext } from '../../conformance/checks/check.js';
import { ConnectionState } from '../../conformance/connection-state.js';
import { ContractView } from '../../conformance/contract-view.js';
import { classifyFrame } from '../../conformance/frame.js';
import { loadContract } from '../../contract/load.js';

const loaded = await loadContract(resolve(import.meta.dirname, '../../asyncapi/taskforge.yaml'));
if (!loaded.ok) throw new Error('taskforge contract does not load');
const view = new ContractView(loaded.contract);
const channel = view.channel()!;
const NOW = Date.parse('2026-03-14T09:30:00Z');

const example = (name: string) => structuredClone(loaded.contract.messages.find((m) => m.id === 'activity')!.examples.find((e) => e.name === name)!.payload) as Record<string, unknown>;

function setup(claims = { sub: 'u-alice', teams: ['team-a'] }) {
  const conn = new ConnectionState(channel, claims);
  conn.observeSent({ type: 'subscribe', teamId: 'team-a' });
  const ctx: CheckContext = { contract: view, channel, conn, now: NOW, clockSkewMs: 2000 };
  const run = (frame: unknown, raw = JSON.stringify(frame)) => {
    const f = classifyFrame(raw, false, channel, {}, NOW);
    const findings = Object.fromEntries(FRAME_CHECKS.map((c) => [c.id, c.check(f, ctx)]).filter(([, v]) => v));
    conn.observeReceived(f);
    return findings as Record<string, { message: string; schemaPath?: string } | undefined>;
  };
  return { conn, run };
}

function activity(seq: number, teamId = 'team-a') {
  const a = example('task created');
  a.seq = seq;
  a.teamId = teamId;
  (a.activity as Record<string, unknown>).teamId = teamId;
  (((a.activity as Record<string, unknown>).data as Record<string, unknown>).task as Record<string, unknown>).teamId = teamId;
  return a;
}

describe('always-on checks', () => {
  it('stay quiet on a valid, in-order, subscribed stream', () => {
    const { run } = setup();
    expect(run({ type: 'subscribed', teamId: 'team-a', seq: 4 })).toEqual({});
    expect(run(activity(5))).toEqual({});
    expect(run(activity(6))).toEqual({});
  });

  it('json-frame fires on garbage and on a non-object', () => {
    const { run } = setup();
    expect(run(undefined, '{"type": "activ')['json-frame']?.message).toMatch(/not JSON/);
    expect(run([1, 2])['json-frame']?.message).toMatch(/array/);
  });

  it('known-type fires on a type the channel does not send', () => {
    const { run } = setup();
    expect(run({ type: 'teleported', teamId: 'team-a' })['known-type']?.message).toMatch(/unknown type "teleported"/);
    expect(run({ type: 'subscribe', teamId: 'team-a' })['known-type']).toBeTruthy(); // a client message from the server
  });

  it('payload-schema fires with the schema path of the failed keyword', () => {
    const { run } = setup();
    const bad = activity(1);
    (((bad.activity as Record<string, unknown>).data as Record<string, unknown>).task as Record<string, unknown>).status = 'sleeping';
    const finding = run(bad)['payload-schema'];
    expect(finding?.message).toMatch(/activity/);
    expect(finding?.schemaPath).toMatch(/^#\//);
  });

  it('payload-schema names the failure of the activity type the frame is (a oneOf branch), not the first type', () => {
    const { run } = setup();
    const bad = example('comment deleted');
    bad.seq = 1;
    ((bad.activity as Record<string, unknown>).data as Record<string, unknown>).commentId = 42;
    expect(run(bad)['payload-schema']?.message).toBe('activity: /activity/data/commentId must be string');
  });

  it('seq-order fires on a gap, a duplicate and reordering', () => {
    const { run } = setup();
    run({ type: 'subscribed', teamId: 'team-a', seq: 0 });
    expect(run(activity(1))).toEqual({});
    expect(run(activity(3))['seq-order']?.message).toMatch(/gap: 1 event/);
    expect(run(activity(3))['seq-order']?.message).toMatch(/duplicate/);
    expect(run(activity(2))['seq-order']?.message).toMatch(/out of order/);
  });

  it('ts-sane fires on a timestamp without zone and one in the future', () => {
    const { run } = setup();
    expect(run({ type: 'pong', ts: '2026-03-14 09:30:00' })['ts-sane']).toBeTruthy();
    expect(run({ type: 'pong', ts: '2026-03-14T09:31:00Z' })['ts-sane']?.message).toMatch(/future/);
    expect(run({ type: 'pong', ts: '2026-03-14T09:30:01Z' })['ts-sane']).toBeUndefined();
  });

  it('stream-subscribed and stream-authorized fire on a leaked team', () => {
    const { run } = setup();
    const findings = run(activity(1, 'team-b'));
    expect(findings['stream-subscribed']?.message).toMatch(/team-b/);
    expect(findings['stream-authorized']?.message).toMatch(/leaked/);
  });

  it('after-unsubscribe fires only once the unsubscribe is acknowledged', () => {
    const { conn, run } = setup();
    run({ type: 'subscribed', teamId: 'team-a', seq: 0 });
    conn.observeSent({ type: 'unsubscribe', teamId: 'team-a' });
    expect(run(activity(1))['after-unsubscribe']).toBeUndefined(); // in flight before the ack: allowed
    run({ type: 'unsubscribed', teamId: 'team-a' });
    expect(run(activity(2))['after-unsubscribe']?.message).toMatch(/acknowledged/);
  });

  it('has unique ids and one-line descriptions', () => {
    const ids = FRAME_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of FRAME_CHECKS) expect(c.description).not.toMatch(/\n/);
  });
});

describe('always-on checks on documents without `type` consts', () => {
  const third = async (file: string) => {
    const r = await loadContract(resolve(import.meta.dirname, '../fixtures/third-party', file));
    if (!r.ok) throw new Error(`${file} does not load`);
    const v = new ContractView(r.contract);
    const ch = v.channel()!;
    const conn = new ConnectionState(ch, { sub: 'u' });
    const ctx: CheckContext = { contract: v, channel: ch, conn, now: NOW, clockSkewMs: 2000 };
    return (frame: unknown) =>
      Object.fromEntries(FRAME_CHECKS.map((c) => [c.id, c.check(classifyFrame(JSON.stringify(frame), false, ch, {}, NOW), ctx)]).filter(([, f]) => f)) as Record<string, { message: string; instancePath?: string } | undefined>;
  };

  it('declared-message accepts any server message of the address (Kraken: pong is declared on another channel at /), and only those', async () => {
    const run = await third('asyncapi-kraken-websocket.yaml');
    expect(run({ event: 'pong', reqid: 7 })).toEqual({});
    expect(run({ event: 'heartbeat' })).toEqual({});
    expect(run({ event: 'systemStatus', status: 'online', connectionID: 1 })).toEqual({});
    const wrongType = run({ event: 'systemStatus', connectionID: 'one' })['declared-message'];
    expect(wrongType).toEqual(expect.objectContaining({ message: 'invalid systemStatus: /connectionID must be integer', instancePath: '/connectionID' }));
    const renamed = run({ event: 'heartbeat2' })['declared-message'];
    expect(renamed?.message).toMatch(/^unknown message on \/: \/event is "heartbeat2", not one of /);
    expect(renamed?.instancePath).toBe('/event');
    // A client message coming from the server is not a server message.
    expect(run({ event: 'ping' })['declared-message']?.message).toMatch(/unknown message/);
  });

  it("known-type stays quiet (there is no `type`), and so does ts-sane on Slack's own `ts` convention", async () => {
    const run = await third('asyncapi-slack-rtm.yaml');
    expect(run({ type: 'message', channel: 'C1', text: 'hi', ts: '1355517523.000005' })).toEqual({});
    expect(run({ type: 'hello' })).toEqual({});
    expect(run({ type: 'message', text: 7 })['declared-message']?.message).toMatch(/text must be string/);
  });
});
