import type { LintRule } from '../rule.js';
import { messagePath } from '../paths.js';
import { compileSchemaOnce, formatAjvError } from '../../schema-validator.js';

/** The parser does not check examples against payloads; wrong examples mislead every reader and mock. */
export const exampleValid: LintRule = {
  id: 'example-valid',
  set: 'generic',
  severity: 'error',
  description: 'Every message example validates against the message payload schema.',
  check(contract) {
    return contract.messages.flatMap((m) => {
      const validate = compileSchemaOnce(m.payload);
      if (!validate.ok) return [{ path: [...messagePath(m), 'payload'], message: `message "${m.id}": payload schema does not compile: ${validate.error}` }];
      return m.examples.flatMap((example, i) => {
        if (validate.fn(example.payload)) return [];
        const first = validate.fn.errors?.[0];
        return [{ path: [...messagePath(m), 'examples', i], message: `example ${example.name ? `"${example.name}" ` : ''}of "${m.id}" is invalid: ${first ? formatAjvError(first) : 'does not match'}` }];
      });
    });
  },
};
