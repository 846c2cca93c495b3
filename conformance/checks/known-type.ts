import { discriminatesOnType, type FrameCheck } from './check.js';

export const knownType: FrameCheck = {
  id: 'known-type',
  description: "The frame's `type` is a server message of the channel in the negotiated contract version",
  check(frame, ctx) {
    const obj = frame.json;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined; // json-frame reports it
    if (!discriminatesOnType(ctx.channel)) return undefined; // declared-message judges such channels
    const type = (obj as Record<string, unknown>).type;
    if (typeof type !== 'string') return { message: 'no string `type` discriminator', instancePath: '/type' };
    const message = ctx.channel.serverTypes.get(type);
    if (!message) {
      return { message: `unknown type "${type}" on ${ctx.channel.channel.address} (known: ${[...ctx.channel.serverTypes.keys()].join(', ')})`, instancePath: '/type' };
    }
    const since = message.since ? Number.parseInt(message.since, 10) : undefined;
    if (since !== undefined && ctx.conn.version !== undefined && since > ctx.conn.version) {
      return { message: `"${type}" was introduced in ${message.since}, after the negotiated wire version ${ctx.conn.version}`, instancePath: '/type' };
    }
    return undefined;
  },
};
