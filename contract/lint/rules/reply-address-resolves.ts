import { DEFECT, type LintRule } from '../rule.js';
import { parseRuntimeExpression, undeclaredSegment } from '../../runtime-expression.js';

/**
 * A dynamic reply address (`reply.address.location: $message.header#/replyTo`) is read from the
 * request: at least one request message must have that field, or no reply can ever be addressed.
 * Headers are judged only where a request declares a `headers` schema (else it may be a protocol
 * header the document need not describe).
 */
export const replyAddressResolves: LintRule = {
  id: 'reply-address-resolves',
  level: DEFECT,
  description: 'A reply address location points at a field that a request message of the operation declares.',
  check(contract) {
    return contract.operations.flatMap((op) => {
      const location = op.reply?.addressLocation;
      const expression = location ? parseRuntimeExpression(location) : undefined;
      if (!location || !expression) return [];
      const channel = contract.channels.find((c) => c.id === op.channelId);
      const requestIds = op.messageIds.length ? op.messageIds : (channel?.messageIds ?? []);
      const requests = requestIds.map((id) => contract.messages.find((m) => m.id === id)).filter((m) => m !== undefined);
      if (!requests.length) return [];
      // a header without a declared headers schema may be a protocol header: nothing to prove there
      const resolves = requests.some((m) => {
        const schema = expression.source === 'payload' ? m.payload : m.headers;
        return schema === undefined || undeclaredSegment(schema, expression.segments) < 0;
      });
      if (resolves) return [];
      const where = expression.source === 'payload' ? 'payload' : 'headers';
      return [{ path: ['operations', op.id, 'reply', 'address', 'location'], message: `operation "${op.id}": reply address ${location} is in no request message's ${where} (${requests.map((m) => `"${m.id}"`).join(', ')})` }];
    });
  },
};
