import { getAt } from '../../../contract/correlation.js';
import { labelOf } from '../../../contract/discriminator.js';
import type { MessageModel } from '../../../contract/model.js';
import type { DerivedCheck } from './check.js';

/** The reply carries the request's correlation id where the reply message's `correlationId` says it lives. */
export const correlationId: DerivedCheck<{ reply: MessageModel; frame: unknown; pointer: string; expected: unknown; location: string }> = {
  id: 'correlation-id',
  description: "The reply echoes the request's correlation id where the reply message's correlationId.location says",
  judge({ reply, frame, pointer, expected, location }) {
    const got = getAt(frame, pointer);
    if (JSON.stringify(got) === JSON.stringify(expected)) return undefined;
    return {
      message: `${labelOf(reply)} ${got === undefined ? 'lacks' : `has ${JSON.stringify(got)} for`} the correlation id ${JSON.stringify(expected)} at ${pointer} (${location})`,
      instancePath: pointer,
    };
  },
};
