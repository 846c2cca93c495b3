/**
 * Contract models built in memory for rule unit tests: `contract()` is a small opted-in contract on
 * which every lint rule is quiet; a test changes one thing and expects one finding. Rules read only
 * the model, so no YAML and no parser are involved (the fixtures test covers the loader path).
 */
import type { ChannelModel, ContractModel, MessageModel, OperationModel } from '../../contract/model.js';

export const MODEL_FILE = '/virtual/quiz.yaml';

/** A server→client stream event with `type`, `seq`, `ts`, authority and an example. */
export function event(id: string, type: string, over: Partial<MessageModel> = {}): MessageModel {
  return {
    id,
    name: type,
    title: `Event ${type}`,
    description: `The ${type} event.`,
    type,
    directions: ['server-to-client'],
    channelIds: ['room'],
    payload: {
      type: 'object',
      required: ['type', 'seq', 'ts'],
      properties: {
        type: { type: 'string', const: type },
        seq: { type: 'integer', minimum: 1 },
        ts: { type: 'string', format: 'date-time' },
      },
    },
    examples: [{ name: 'example', payload: { type, seq: 1, ts: '2026-03-01T10:00:00Z' } }],
    authority: 'state',
    control: false,
    extensions: {},
    ...over,
  };
}

/** A message of the given direction that is not a stream event (ack, pong, or a client frame). */
export function frame(id: string, type: string, direction: 'server-to-client' | 'client-to-server', over: Partial<MessageModel> = {}): MessageModel {
  return {
    ...event(id, type),
    directions: [direction],
    payload: { type: 'object', required: ['type'], properties: { type: { type: 'string', const: type } } },
    examples: [{ name: 'example', payload: { type } }],
    authority: undefined,
    control: direction === 'server-to-client',
    ...over,
  };
}

export function channel(over: Partial<ChannelModel> = {}): ChannelModel {
  return {
    id: 'room',
    address: '/ws/rooms/{roomId}',
    parameters: [{ name: 'roomId' }],
    messageIds: ['scoreUpdated', 'pong', 'ping'],
    access: { rule: 'game-player', key: 'roomId', description: 'Players of the room.' },
    stream: { key: 'roomId' },
    extensions: {},
    ...over,
  };
}

export function operation(id: string, over: Partial<OperationModel> = {}): OperationModel {
  return {
    id,
    action: 'send',
    direction: 'server-to-client',
    channelId: 'room',
    messageIds: [],
    replyMessageIds: [],
    security: [],
    ...over,
  };
}

export function contract(over: Partial<ContractModel> = {}): ContractModel {
  return {
    id: 'quiz',
    file: MODEL_FILE,
    asyncapi: '3.0.0',
    title: 'Quiz room scores',
    version: '1.0.0',
    specwire: {
      id: 'quiz',
      naming: 'dot',
      slo: { p95Ms: 200 },
      polling: [{ path: '/api/rooms/{roomId}/scores', method: 'GET', intervalMs: 5000, describes: ['score.updated'] }],
    },
    servers: [{ id: 'production', host: 'quiz.example.com', protocol: 'wss', security: [{ scheme: 'jwt', scopes: [] }] }],
    channels: [channel()],
    operations: [
      operation('sendScoreUpdated', { messageIds: ['scoreUpdated'] }),
      operation('sendPong', { messageIds: ['pong'] }),
      operation('receivePing', { action: 'receive', direction: 'client-to-server', messageIds: ['ping'] }),
    ],
    messages: [event('scoreUpdated', 'score.updated'), frame('pong', 'pong', 'server-to-client'), frame('ping', 'ping', 'client-to-server')],
    securitySchemes: [{ id: 'jwt', type: 'httpApiKey', in: 'query', name: 'token' }],
    schemas: {},
    components: { securitySchemes: ['jwt'] },
    references: new Set([`${MODEL_FILE}#/components/securitySchemes/jwt`]),
    locate: () => ({ file: MODEL_FILE, line: 1, column: 1 }),
    ...over,
  };
}
