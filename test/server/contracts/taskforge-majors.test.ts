/**
 * A migration between wire majors: taskforge v1 (`asyncapi/taskforge.yaml`) and v2
 * (`asyncapi/taskforge.v2.yaml`) served side by side on one `/realtime`, the major picked at connect
 * from the offered subprotocol, each connection getting its own major's payloads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../protocol/close-codes.js';
import { pickMajor } from '../../../server/core/version.js';
import { loadContract } from '../../../contract/load.js';
import { compileSchema } from '../../../contract/schema-validator.js';
import { closeAll, connect, open_, startServer, token, trigger } from '../helpers.js';

const ALICE = { sub: '7d1e4b52-3c9f-4a8e-b6d2-0f1a2b3c4d5e', teams: ['team-a'] };
const BOB = 'a3c5e7f9-1b2d-4c6e-8f0a-2b4c6d8e0f13';
const BOTH = ['taskforge', 'taskforge.v2'];

afterEach(closeAll);

async function subscribed(server: { url: string }, protocols: string[], audience = 'taskforge') {
  const c = await open_(`${server.url}/realtime?token=${await token(audience, ALICE)}`, { protocols });
  c.send({ type: 'subscribe', teamId: 'team-a' });
  await c.next((f) => f.type === 'subscribed');
  return c;
}

async function activitySchema(file: string) {
  const loaded = await loadContract(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const compiled = compileSchema(loaded.contract.messages.find((m) => m.id === 'activity')!.payload);
  if (!compiled.ok) throw new Error(compiled.error);
  return (frame: unknown) => compiled.fn(frame) as boolean;
}

describe('taskforge v1 and v2 on one endpoint', () => {
  it('picks the major from the offered subprotocol; none offered is v1; an unknown major is closed with 4406', async () => {
    const server = await startServer({ contracts: BOTH });
    const t = await token('taskforge', ALICE);
    const v1 = await connect(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v1'] });
    const v2 = await connect(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v2'] });
    const preferV2 = await connect(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v2', 'taskforge.v1'] });
    expect([v1.ok && v1.protocol, v2.ok && v2.protocol, preferV2.ok && preferV2.protocol]).toEqual(['taskforge.v1', 'taskforge.v2', 'taskforge.v2']);
    const v9 = await open_(`${server.url}/realtime?token=${t}`, { protocols: ['taskforge.v9'] });
    expect((await v9.waitClose()).code).toBe(CloseCode.UnsupportedVersion);
    // No subprotocol: a client from before the migration, served v1 (it gets v1 activity, not v2).
    const legacy = await subscribed(server, []);
    await trigger(server, 'taskforge.v2', 'activity', 'team-a', { example: 'task created' });
    await trigger(server, 'taskforge', 'activity', 'team-a', { example: 'comment deleted' });
    // seq 1: its own presence.joined, announced before its ack and not sent to it.
    expect(await legacy.next((f) => f.type === 'activity')).toMatchObject({ seq: 2, activity: { type: 'comment.deleted' } });
    await legacy.barrier();
    expect(legacy.pending('activity')).toEqual([]);
  });

  it('one token works for both majors during the migration; a token for another contract for neither', async () => {
    const server = await startServer({ contracts: BOTH });
    for (const audience of BOTH) {
      for (const protocol of ['taskforge.v1', 'taskforge.v2']) {
        const r = await connect(`${server.url}/realtime?token=${await token(audience, ALICE)}`, { protocols: [protocol] });
        expect(r.ok && r.protocol, `${audience} token on ${protocol}`).toBe(protocol);
      }
    }
    const foreign = await connect(`${server.url}/realtime?token=${await token('leaderboard', ALICE)}`, { protocols: ['taskforge.v2'] });
    expect(foreign).toEqual({ ok: false, status: 401 });
  });

  it('each connection gets its own major\u2019s task.assigned, valid against its own contract and not the other', async () => {
    const server = await startServer({ contracts: BOTH });
    const [v1Valid, v2Valid] = await Promise.all([activitySchema('asyncapi/taskforge.yaml'), activitySchema('asyncapi/taskforge.v2.yaml')]);
    const v1 = await subscribed(server, ['taskforge.v1']);
    const v2 = await subscribed(server, ['taskforge.v2']);
    const assigned = (data: Record<string, unknown>) => ({ example: 'task created', payload: { activity: { type: 'task.assigned', data: { ...data, task: { assigneeUserId: BOB } } } } });
    await trigger(server, 'taskforge', 'activity', 'team-a', assigned({ previousAssigneeUserId: null }));
    await trigger(server, 'taskforge.v2', 'activity', 'team-a', assigned({ assignment: { previousUserId: null, userId: BOB } }));
    const old = await v1.next((f) => f.type === 'activity');
    const now = await v2.next((f) => f.type === 'activity');
    expect(old.activity.data).toMatchObject({ previousAssigneeUserId: null });
    expect(now.activity.data).toMatchObject({ assignment: { previousUserId: null, userId: BOB } });
    expect([v1Valid(old), v2Valid(old), v2Valid(now), v1Valid(now)]).toEqual([true, false, true, false]);
    await v1.barrier();
    await v2.barrier();
    expect([v1.pending('activity'), v2.pending('activity')]).toEqual([[], []]);
  });
});

describe('pickMajor', () => {
  const route = (id: string, major: number) => ({ id, rt: { majors: [major], model: { specwire: { versioning: { subprotocol: `taskforge.v${major}` } } } } });
  const routes = [route('v2', 2), route('v1', 1)];

  it('takes the first offered subprotocol a route speaks, else the oldest major', () => {
    expect(pickMajor(routes, ['taskforge.v2']).id).toBe('v2');
    expect(pickMajor(routes, ['other', 'taskforge.v1', 'taskforge.v2']).id).toBe('v1');
    expect(pickMajor(routes, []).id).toBe('v1');
    expect(pickMajor(routes, ['taskforge.v7']).id).toBe('v1');
  });
});
