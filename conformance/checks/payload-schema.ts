import { closestError } from '../../contract/schema-failure.js';
import { compileSchema, formatAjvError } from '../../contract/schema-validator.js';
import type { FrameCheck } from './check.js';

export const payloadSchema: FrameCheck = {
  id: 'payload-schema',
  description: "The frame is valid against its message's payload schema",
  check(frame) {
    if (!frame.message) return undefined;
    const compiled = compileSchema(frame.message.payload);
    if (!compiled.ok) return { message: `the contract's schema for ${frame.message.id} does not compile: ${compiled.error}` };
    if (compiled.fn(frame.json)) return undefined;
    // for a oneOf/anyOf, the failure of the branch the frame is closest to, not the first branch's
    const error = closestError(frame.message.payload, frame.json) ?? compiled.fn.errors?.[0];
    if (!error) return { message: 'invalid payload' };
    return { message: `${frame.message.type}: ${formatAjvError(error)}`, schemaPath: error.schemaPath, instancePath: error.instancePath || '/' };
  },
};
