import { PRACTICE, type LintRule } from '../rule.js';
import { messagePath } from '../paths.js';

/**
 * When a request carries a correlation id, a reply that declares none cannot be matched to its
 * request by a client with several in flight. Good practice, not a defect: a document may mean one
 * request at a time.
 */
export const replyCorrelationId: LintRule = {
  id: 'reply-correlation-id',
  level: PRACTICE,
  description: 'When request messages declare a correlationId, so does every message of the reply.',
  check(contract) {
    const byId = new Map(contract.messages.map((m) => [m.id, m]));
    const channelMessages = (id: string | undefined) => contract.channels.find((c) => c.id === id)?.messageIds ?? [];
    const reported = new Set<string>();
    const findings = [];
    for (const op of contract.operations) {
      if (!op.reply) continue;
      const requests = (op.messageIds.length ? op.messageIds : channelMessages(op.channelId)).map((id) => byId.get(id));
      const correlated = requests.find((m) => m?.correlationId);
      if (!correlated) continue;
      const inChannel = channelMessages(op.reply.channelId ?? op.channelId);
      // a listed reply outside its channel is reply-in-channel's finding, not this one's
      const replies = (op.reply.messageIds ?? inChannel).filter((id) => inChannel.includes(id));
      for (const id of replies) {
        const reply = byId.get(id);
        if (!reply || reply.correlationId || reported.has(reply.id)) continue;
        reported.add(reply.id);
        findings.push({ path: messagePath(reply), message: `reply "${reply.id}" of operation "${op.id}" declares no correlationId, but request "${correlated.id}" does (${correlated.correlationId!.location}): a client cannot tell which request it answers` });
      }
    }
    return findings;
  },
};
