/** JSON paths of model elements in the document, for lint findings. */
import type { ContractModel, MessageModel } from '../model.js';

/** Where a message is declared: under its first channel's `messages` map. */
export function messagePath(message: MessageModel): (string | number)[] {
  return ['channels', message.channelIds[0] ?? '', 'messages', message.key ?? message.id];
}

/** Messages that travel server→client and are stream events (not acks, errors, pongs). */
export function serverEvents(contract: ContractModel): MessageModel[] {
  return contract.messages.filter((m) => m.directions.includes('server-to-client') && !m.control);
}
