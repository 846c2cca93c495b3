import { DEFECT, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';
import { parseRuntimeExpression, undeclaredSegment } from '../../runtime-expression.js';

/**
 * A correlation id that points at a field the message does not have cannot tie a reply to its
 * request: every client and test that follows the document looks in the wrong place. A location
 * that is not a runtime expression at all is the parser's finding (the document schema's pattern).
 * A header location is checked only against a declared `headers` schema: without one it may name a
 * protocol header (AMQP's `correlation_id`, IBM MQ's `MQMD`), which the document need not describe.
 */
export const correlationIdResolves: LintRule = {
  id: 'correlation-id-resolves',
  level: DEFECT,
  description: "A message's correlationId location points at a field its payload or headers schema declares.",
  check(contract) {
    return contract.messages.flatMap((m) => {
      const location = m.correlationId?.location;
      const expression = location ? parseRuntimeExpression(location) : undefined;
      if (!location || !expression) return [];
      const path = [...messagePath(m), 'correlationId', 'location'];
      const schema = expression.source === 'payload' ? m.payload : m.headers;
      if (!schema) return [];
      const missing = undeclaredSegment(schema, expression.segments);
      if (missing < 0) return [];
      const field = `/${expression.segments.slice(0, missing + 1).join('/')}`;
      return [{ path, message: `message "${m.id}": correlationId ${location} points at ${field}, which its ${expression.source === 'payload' ? 'payload' : 'headers'} schema does not declare` }];
    });
  },
};
