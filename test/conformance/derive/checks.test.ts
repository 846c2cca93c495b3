/** Each derived check judges its observation: quiet when the server did what the document states, a finding when not. */
import { describe, expect, it } from 'vitest';
import { authRequired } from '../../../conformance/derive/checks/auth-required.js';
import { badFrameAnswer } from '../../../conformance/derive/checks/bad-frame-answer.js';
import { badFrameSurvived } from '../../../conformance/derive/checks/bad-frame-survived.js';
import { connectAccepted } from '../../../conformance/derive/checks/connect-accepted.js';
import { correlationId } from '../../../conformance/derive/checks/correlation-id.js';
import { DERIVED_CHECKS } from '../../../conformance/derive/checks/registry.js';
import { replyMessage } from '../../../conformance/derive/checks/reply-message.js';
import { validInputKept } from '../../../conformance/derive/checks/valid-input-kept.js';
import { FRAME_CHECKS, RUNNER_CHECKS } from '../../../conformance/checks/registry.js';
import type { MessageModel } from '../../../contract/model.js';

const message = (id: string, payload: Record<string, unknown>, directions: MessageModel['directions'] = ['server-to-client']): MessageModel => ({ id, directions, channelIds: ['c'], payload, examples: [], control: false, extensions: {} });
const pong = message('pong', { type: 'object', properties: { event: { const: 'pong' }, reqid: { type: 'integer' } } });
const error = message('error', { type: 'object', required: ['event', 'errorMessage'], properties: { event: { const: 'error' }, errorMessage: { type: 'string' } } });
const heartbeat = message('heartbeat', { type: 'object', required: ['event'], properties: { event: { const: 'heartbeat' } } });

describe('derived checks', () => {
  it('connect-accepted: an open upgrade that stays open', () => {
    expect(connectAccepted.judge({ handshake: { kind: 'open' }, url: 'ws://x/' })).toBeUndefined();
    expect(connectAccepted.judge({ handshake: { kind: 'http', status: 404 }, url: 'ws://x/' })?.message).toBe('expected the upgrade to ws://x/ to be accepted, got HTTP 404');
    expect(connectAccepted.judge({ handshake: { kind: 'open', code: 1008, closedAfterMs: 12 }, url: 'ws://x/' })?.message).toMatch(/closed the connection \(1008\) 12 ms after accepting it/);
  });

  it('auth-required: any refusal counts; an open, silent connection does not', () => {
    const base = { firstFrameIsError: false, schemes: 'token (query parameter "token")', windowMs: 2000 };
    expect(authRequired.judge({ ...base, handshake: { kind: 'http', status: 401 } })).toBeUndefined();
    expect(authRequired.judge({ ...base, handshake: { kind: 'http', status: 403 } })).toBeUndefined();
    expect(authRequired.judge({ ...base, handshake: { kind: 'closed', code: 4401 } })).toBeUndefined();
    expect(authRequired.judge({ ...base, handshake: { kind: 'open', code: 1008, closedAfterMs: 5 } })).toBeUndefined();
    expect(authRequired.judge({ ...base, handshake: { kind: 'open' }, firstFrameIsError: true })).toBeUndefined();
    expect(authRequired.judge({ ...base, handshake: { kind: 'open' } })?.message).toBe('accepted without credentials and still open after 2000 ms; the document declares token (query parameter "token")');
    expect(authRequired.judge({ ...base, handshake: { kind: 'timeout' } })?.message).toMatch(/no answer within the handshake deadline/);
  });

  it('reply-message: a declared reply passes; a misfit, a close or silence fail', () => {
    const o = { replies: [pong], request: 'ping (schema sample)', withinMs: 2000 };
    expect(replyMessage.judge({ ...o, outcome: { kind: 'reply', message: pong, frame: { event: 'pong' }, raw: '{}' } })).toBeUndefined();
    expect(replyMessage.judge({ ...o, outcome: { kind: 'misfit', raw: '{"event":"pongg"}', why: 'unknown message', instancePath: '/event' } })).toEqual({ message: 'ping (schema sample) was answered with a frame that is not pong: unknown message', instancePath: '/event', schemaPath: undefined });
    expect(replyMessage.judge({ ...o, outcome: { kind: 'closed', code: 1011 } })?.message).toBe('ping (schema sample): the server closed the connection (1011) instead of replying pong');
    expect(replyMessage.judge({ ...o, outcome: { kind: 'timeout', others: 2 } })?.message).toBe('ping (schema sample): no pong within 2000 ms (2 other frame(s) arrived)');
  });

  it('correlation-id: the same value at the pointer', () => {
    const o = { reply: pong, pointer: '/reqid', expected: 7000, location: '$message.payload#/reqid' };
    expect(correlationId.judge({ ...o, frame: { event: 'pong', reqid: 7000 } })).toBeUndefined();
    expect(correlationId.judge({ ...o, frame: { event: 'pong' } })).toEqual({ message: 'pong lacks the correlation id 7000 at /reqid ($message.payload#/reqid)', instancePath: '/reqid' });
    expect(correlationId.judge({ ...o, frame: { event: 'pong', reqid: '7000' } })?.message).toMatch(/has "7000" for the correlation id 7000/);
  });

  it('bad-frame-answer: the error message or an event, nothing else', () => {
    const o = { errorMessage: error, events: [heartbeat] };
    expect(badFrameAnswer.judge({ ...o, frames: [] })).toBeUndefined();
    expect(badFrameAnswer.judge({ ...o, frames: [{ json: { event: 'error', errorMessage: 'bad' }, raw: '' }, { json: { event: 'heartbeat' }, raw: '' }] })).toBeUndefined();
    const finding = badFrameAnswer.judge({ ...o, frames: [{ json: { type: 'error', error: { code: 'invalid' } }, raw: '' }] });
    expect(finding?.message).toMatch(/^a bad frame was answered with a frame that is not error \(/);
  });

  it('bad-frame-survived: a deliberate close is fine; 1006/1011, a dead bystander or no new connection are not', () => {
    const o = { bystander: 'alive' as const, fresh: true, sent: '3 bad frame(s) (not-json)' };
    expect(badFrameSurvived.judge(o)).toBeUndefined();
    expect(badFrameSurvived.judge({ ...o, offenderClose: 1003 })).toBeUndefined();
    expect(badFrameSurvived.judge({ ...o, offenderClose: 4400 })).toBeUndefined();
    expect(badFrameSurvived.judge({ ...o, offenderClose: 1011 })?.message).toMatch(/ended with 1011 \(internal error\)/);
    expect(badFrameSurvived.judge({ ...o, offenderClose: 1006 })?.message).toMatch(/no close frame/);
    expect(badFrameSurvived.judge({ ...o, bystander: 'silent', bystanderDetail: 'ping was answered before, not now' })?.message).toMatch(/another connection got no answer \(ping was answered before, not now\)/);
    expect(badFrameSurvived.judge({ ...o, fresh: false })?.message).toMatch(/a new connection is not accepted/);
  });

  it('valid-input-kept: a close after valid input names the input and the seed', () => {
    expect(validInputKept.judge({ after: 'ping' })).toBeUndefined();
    expect(validInputKept.judge({ closed: { code: 1000 }, after: 'ping {"event":"ping"}', index: 4, seed: 9 })?.message).toBe('the server closed the connection (1000) after the valid ping {"event":"ping"} (generated input #5, seed 9)');
  });

  it('have unique ids, distinct from the frame and runner checks, and one-line descriptions', () => {
    const ids = DERIVED_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect([...FRAME_CHECKS.map((c) => c.id), ...Object.keys(RUNNER_CHECKS)]).not.toContain(id);
    for (const c of DERIVED_CHECKS) expect(c.description).not.toMatch(/\n/);
  });
});
