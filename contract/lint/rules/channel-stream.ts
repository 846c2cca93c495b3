import { CONVENTION, type LintRule } from '../rule.js';

/** `seq` is per stream: the runner and server must know what identifies one, and how to join it. */
export const channelStream: LintRule = {
  id: 'channel-stream',
  level: CONVENTION,
  description: 'Every channel names its stream key (a parameter or event field) and existing subscribe/unsubscribe types.',
  check(contract) {
    const types = new Set(contract.messages.map((m) => m.type));
    return contract.channels.flatMap((c) => {
      const at = ['channels', c.id, 'x-specwire-stream'];
      if (!c.stream?.key) return [{ path: ['channels', c.id], message: `channel "${c.id}" does not name its stream key (x-specwire-stream.key)` }];
      const findings = [];
      const isParam = c.parameters.some((p) => p.name === c.stream!.key);
      const events = c.messageIds
        .map((id) => contract.messages.find((m) => m.id === id)!)
        .filter((m) => m && m.directions.includes('server-to-client') && !m.control);
      const inEvents = events.length > 0 && events.every((m) => Object.hasOwn((m.payload.properties ?? {}) as object, c.stream!.key));
      if (!isParam && !inEvents) findings.push({ path: [...at, 'key'], message: `stream key "${c.stream.key}" is neither a channel parameter nor a field of every event` });
      for (const op of ['subscribe', 'unsubscribe'] as const) {
        const t = c.stream[op];
        if (t && !types.has(t)) findings.push({ path: [...at, op], message: `${op} type "${t}" is not a message of the contract` });
      }
      return findings;
    });
  },
};
