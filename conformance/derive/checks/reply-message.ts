import type { CheckFinding } from '../../checks/check.js';
import { labelOf } from '../../../contract/discriminator.js';
import type { MessageModel } from '../../../contract/model.js';
import type { DerivedCheck } from './check.js';

/** What came back after a request, as `../reply.ts` sorted it. */
export type ReplyOutcome =
  | { kind: 'reply'; message: MessageModel; frame: unknown; raw: string }
  | { kind: 'misfit'; raw: string; why: string; instancePath?: string; schemaPath?: string }
  | { kind: 'closed'; code: number }
  | { kind: 'timeout'; others: number };

/** A request whose operation declares a reply gets one of the reply messages, valid against its schema. */
export const replyMessage: DerivedCheck<{ outcome: ReplyOutcome; replies: MessageModel[]; request: string; withinMs: number }> = {
  id: 'reply-message',
  description: "A request whose operation declares a reply is answered with one of the reply messages, valid against its schema",
  judge({ outcome, replies, request, withinMs }): CheckFinding | undefined {
    const expected = replies.map(labelOf).join(' | ');
    switch (outcome.kind) {
      case 'reply':
        return undefined;
      case 'misfit':
        return { message: `${request} was answered with a frame that is not ${expected}: ${outcome.why}`, instancePath: outcome.instancePath, schemaPath: outcome.schemaPath };
      case 'closed':
        return { message: `${request}: the server closed the connection (${outcome.code}) instead of replying ${expected}` };
      case 'timeout':
        return { message: `${request}: no ${expected} within ${withinMs} ms${outcome.others ? ` (${outcome.others} other frame(s) arrived)` : ''}` };
    }
  },
};
