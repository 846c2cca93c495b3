import { CONVENTION, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

/** Decoders and generated unions narrow on `type`; without a string const there is nothing to narrow on. */
export const messageTypeConst: LintRule = {
  id: 'message-type-const',
  level: CONVENTION,
  description: 'Every message payload has a string `type` property that is a `const` and is required.',
  check(contract) {
    return contract.messages.flatMap((m) => {
      const props = (m.payload.properties ?? {}) as Record<string, Record<string, unknown>>;
      const type = props.type;
      if (!type) return [{ path: [...messagePath(m), 'payload'], message: `message "${m.id}" has no \`type\` property` }];
      if (typeof type.const !== 'string') {
        return [{ path: [...messagePath(m), 'payload', 'properties', 'type'], message: `message "${m.id}": \`type\` must be a string \`const\`` }];
      }
      const required = Array.isArray(m.payload.required) ? m.payload.required : [];
      if (!required.includes('type')) {
        return [{ path: [...messagePath(m), 'payload'], message: `message "${m.id}": \`type\` must be listed in \`required\`` }];
      }
      return [];
    });
  },
};
