/**
 * The two derived cases that feed the server generated input: bad frames (not JSON, a field of the
 * wrong type, a required field missing), after which the server must carry on — and answer with the
 * document's error message if it answers at all; and a property run of valid client messages, each
 * of which must get a valid reply or nothing, never a dropped connection.
 */
import { labelOf } from '../../contract/discriminator.js';
import type { MessageModel } from '../../contract/model.js';
import type { TestConnection } from '../connection.js';
import { preview } from '../frame.js';
import type { BadFrame } from './arbitrary.js';
import { badFrameAnswer } from './checks/bad-frame-answer.js';
import { badFrameSurvived } from './checks/bad-frame-survived.js';
import { validInputKept } from './checks/valid-input-kept.js';
import { awaitReply } from './reply.js';
import type { DerivedRunOptions } from './run.js';
import type { EndpointSession } from './session.js';
import type { DerivedRequest } from './suite.js';

export async function robustness(session: EndpointSession, bystander: TestConnection, frames: BadFrame[], probe: DerivedRequest | undefined, options: DerivedRunOptions): Promise<void> {
  const { conn: offender, handshake } = await session.open('offender', true);
  if (handshake.kind !== 'open') {
    session.fail(badFrameSurvived.id, { message: `a second connection for the bad frames was not accepted (${handshake.kind})` });
    return;
  }
  const from = offender.inbox.length;
  const error = session.derived.endpoint.errorMessage;
  if (!error) session.answersUnjudged(offender);
  let sent = 0;
  for (const f of frames) {
    if (!(await session.send(offender, f.text))) break;
    sent++;
    session.note(`bad frame (${f.kind}): ${f.why}`);
  }
  // Answers, if any, come one per bad frame; a server that stays silent costs one reply bound.
  const withinMs = session.options.replyWithinMs;
  await offender.waitUntil(() => (offender.closed || offender.inbox.length - from >= sent ? true : undefined), withinMs, options.signal);
  const answers = offender.inbox.slice(from).map((i) => ({ json: i.frame.json, raw: i.frame.raw }));
  offender.inbox.slice(from).forEach((i) => (i.consumed = true));
  if (error) {
    const finding = badFrameAnswer.judge({ errorMessage: error, events: session.derived.endpoint.events, frames: answers.filter((a) => a.json !== undefined) });
    if (finding) session.fail(badFrameAnswer.id, { ...finding, client: offender.name, frame: preview(answers.find((a) => a.json !== undefined)?.raw ?? '') });
  }
  const bystanderState = await probeConnection(session, bystander, probe, options);
  const fresh = await session.open('newcomer', true);
  const accepted = fresh.handshake.kind === 'open';
  fresh.conn.terminate();
  const what = `${sent} bad frame(s) (${[...new Set(frames.slice(0, sent).map((f) => f.kind))].join(', ')})`;
  const finding = badFrameSurvived.judge({ offenderClose: offender.closed?.code, bystander: bystanderState.state, bystanderDetail: bystanderState.detail, fresh: accepted, sent: what });
  if (finding) session.fail(badFrameSurvived.id, { ...finding, client: offender.name });
  session.note(`${answers.length} answer(s) to ${sent} bad frame(s); offender ${offender.closed ? `closed ${offender.closed.code}` : 'open'}; bystander ${bystanderState.state}; new connection ${accepted ? 'accepted' : 'refused'}`);
  offender.terminate();
}

/** Is the other connection still served? A request that was answered before must be answered again. */
async function probeConnection(session: EndpointSession, conn: TestConnection, probe: DerivedRequest | undefined, options: DerivedRunOptions): Promise<{ state: 'alive' | 'closed' | 'silent'; detail?: string }> {
  if (conn.closed) return { state: 'closed', detail: `close ${conn.closed.code}` };
  if (!probe) return { state: 'alive' };
  const from = conn.inbox.length;
  if (!(await session.send(conn, JSON.stringify(probe.frame), probe.frame))) return { state: 'closed' };
  const outcome = await awaitReply(conn, { replies: probe.replies, correlation: probe.correlation, from, withinMs: session.options.replyWithinMs, signal: options.signal });
  if (outcome.kind === 'reply') return { state: 'alive' };
  if (outcome.kind === 'closed') return { state: 'closed', detail: `close ${outcome.code}` };
  return { state: 'silent', detail: `${labelOf(probe.message)} was answered before, not now` };
}

export async function propertyRun(session: EndpointSession, values: { message: MessageModel; value: unknown }[], options: DerivedRunOptions): Promise<void> {
  const { conn, handshake } = await session.open('generated', true);
  if (handshake.kind !== 'open') {
    session.fail(validInputKept.id, { message: `the connection for the property run was not accepted (${handshake.kind})` });
    return;
  }
  const seed = session.options.suite.seed;
  let replied = 0;
  for (const [index, { message, value }] of values.entries()) {
    const text = JSON.stringify(value);
    const from = conn.inbox.length;
    const after = `${labelOf(message)} ${preview(text)}`;
    if (!(await session.send(conn, text, value))) {
      const prev = values[index - 1];
      session.fail(validInputKept.id, { ...validInputKept.judge({ closed: conn.closed ?? { code: 1006 }, after: prev ? `${labelOf(prev.message)} ${preview(JSON.stringify(prev.value))}` : 'connection', index: index - 1, seed })!, client: conn.name });
      return;
    }
    const replies = session.derived.endpoint.replies.get(message.id) ?? [];
    if (replies.length) {
      const outcome = await awaitReply(conn, { replies, from, withinMs: session.options.replyWithinMs, signal: options.signal });
      // A misfit that is a declared server message is still "a valid reply"; an invalid frame is the frame checks' to report.
      if (outcome.kind === 'reply' || outcome.kind === 'misfit') replied++;
    }
    const finding = validInputKept.judge({ closed: conn.closed, after, index, seed });
    if (finding) {
      session.fail(validInputKept.id, { ...finding, client: conn.name, frame: preview(text) });
      return;
    }
  }
  // The last message may be the one that ends the connection.
  await conn.waitUntil(() => (conn.closed ? true : undefined), 300, options.signal);
  const last = values.at(-1);
  const finding = validInputKept.judge({ closed: conn.closed, after: last ? `${labelOf(last.message)} ${preview(JSON.stringify(last.value))}` : '', index: values.length - 1, seed });
  if (finding) session.fail(validInputKept.id, { ...finding, client: conn.name });
  session.note(`${values.length} generated message(s), ${replied} answered`);
  conn.terminate();
}
