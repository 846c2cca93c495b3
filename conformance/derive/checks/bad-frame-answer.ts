import { labelOf } from '../../../contract/discriminator.js';
import { matchMessage } from '../../../contract/match-message.js';
import type { MessageModel } from '../../../contract/model.js';
import type { DerivedCheck } from './check.js';

/**
 * Where the document declares an error message, a frame the server sends in answer to bad input is
 * that error message. Events the server sends on its own may arrive meanwhile; silence or a close is
 * not judged here (`bad-frame-survived` is).
 */
export const badFrameAnswer: DerivedCheck<{ errorMessage: MessageModel; events: MessageModel[]; frames: { json: unknown; raw: string }[] }> = {
  id: 'bad-frame-answer',
  description: 'Where the document declares an error message, the answer to a bad frame (if any) is that message',
  judge({ errorMessage, events, frames }) {
    for (const f of frames) {
      const asError = matchMessage([errorMessage], f.json);
      if (asError.ok) continue;
      const asEvent = matchMessage(events, f.json);
      if (asEvent.ok && !asEvent.message.directions.includes('client-to-server')) continue;
      return { message: `a bad frame was answered with a frame that is not ${labelOf(errorMessage)} (${asError.problem.text})`, instancePath: asError.problem.instancePath || '/', schemaPath: asError.problem.schemaPath || undefined };
    }
    return undefined;
  },
};
