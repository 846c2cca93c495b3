import type { ErrorObject } from 'ajv';
import { DEFECT, type LintFinding, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';
import type { JsonSchema, MessageModel } from '../../model.js';
import { closestError } from '../../schema-failure.js';
import { compileSchemaOnce, formatAjvError } from '../../schema-validator.js';
import { pointerTokens } from '../../json-pointer.js';

/**
 * The parser does not check examples against payloads; wrong examples mislead every reader and mock.
 * A finding points at the failing value inside the example, and for a `oneOf`/`anyOf` names the
 * failure of the branch the example is closest to (contract/schema-failure.ts).
 */
export const exampleValid: LintRule = {
  id: 'example-valid',
  level: DEFECT,
  description: 'Every message example validates against the message payload (and headers) schema.',
  check(contract) {
    return contract.messages.flatMap((m) => [...checkPart(m, 'payload', m.payload), ...(m.headers ? checkPart(m, 'headers', m.headers) : [])]);
  },
};

function checkPart(m: MessageModel, part: 'payload' | 'headers', schema: JsonSchema): LintFinding[] {
  const validate = compileSchemaOnce(schema);
  if (!validate.ok) return [{ path: [...messagePath(m), part], message: `message "${m.id}": ${part} schema does not compile: ${validate.error}` }];
  return m.examples.flatMap((example, i) => {
    const value = example[part];
    if (value === undefined) return []; // an example may show only headers, or only a payload
    if (validate.fn(value)) return [];
    const error = closestError(schema, value) ?? validate.fn.errors?.[0];
    const name = example.name ? `"${example.name}" ` : '';
    const what = part === 'headers' ? 'has invalid headers' : 'is invalid';
    return [{ path: [...messagePath(m), 'examples', i, part, ...pointerSegments(error)], message: `example ${name}of "${m.id}" ${what}: ${error ? formatAjvError(error) : 'does not match'}` }];
  });
}

/** Where the failing value is written; an extra property is pointed at itself, not its object. */
function pointerSegments(error: ErrorObject | undefined): string[] {
  if (!error) return [];
  const segments = pointerTokens(error.instancePath);
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return extra === undefined ? segments : [...segments, extra];
}
