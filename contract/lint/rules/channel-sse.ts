import { DEFECT, type LintFinding, type LintRule } from '../rule.js';
import { isSseChannel, positiveMs, sseEventName } from '../../sse.js';

const HTTP = /^https?$/i;

/**
 * An SSE endpoint (`x-specwire-sse`, docs/conventions.md) must be usable by a browser's
 * `EventSource`: served over http(s), one way, every message with an `event:` name, a stream named
 * in the address (there is no subscribe frame), a credential a browser can send, and the same
 * frames as the WebSocket channel it mirrors. Generic: any document may use the convention.
 */
export const channelSse: LintRule = {
  id: 'channel-sse',
  // Only channels that opt in with x-specwire-sse are read: breaking the convention they chose is a defect in any profile.
  level: DEFECT,
  description: 'An SSE channel (x-specwire-sse): timers, http(s) servers a browser can authenticate to, send only, stream in the address, the frames of its `of` channel.',
  check(contract) {
    const byId = new Map(contract.messages.map((m) => [m.id, m]));
    const findings: LintFinding[] = [];
    for (const c of contract.channels.filter(isSseChannel)) {
      const at = ['channels', c.id];
      const sse = c.sse!;
      for (const key of ['retryMs', 'heartbeatIntervalMs'] as const) {
        if (positiveMs(sse[key]) === undefined) findings.push({ path: [...at, 'x-specwire-sse', key], message: `channel "${c.id}": x-specwire-sse.${key} must be a positive integer (ms)` });
      }
      const servers = (c.servers ?? []).map((id) => contract.servers.find((s) => s.id === id));
      if (!servers.length) findings.push({ path: at, message: `channel "${c.id}" is an SSE endpoint: list its http(s) servers under \`servers\`` });
      for (const s of servers) {
        if (s && !HTTP.test(s.protocol)) findings.push({ path: ['servers', s.id, 'protocol'], message: `server "${s.id}" serves SSE channel "${c.id}" but its protocol is ${s.protocol}, not http or https` });
        if (s && s.security.length && !s.security.some((r) => browserCredential(contract.securitySchemes.find((x) => x.id === r.scheme)))) {
          findings.push({ path: ['servers', s.id, 'security'], message: `server "${s.id}": EventSource cannot set headers, so an SSE server needs a query or cookie credential among its security schemes` });
        }
      }
      for (const op of contract.operations.filter((o) => o.channelId === c.id && o.action === 'receive')) {
        findings.push({ path: ['operations', op.id, 'action'], message: `operation "${op.id}" receives on SSE channel "${c.id}": Server-Sent Events are server→client only` });
      }
      for (const id of c.messageIds) {
        const m = byId.get(id);
        if (m && !m.directions.includes('server-to-client')) findings.push({ path: [...at, 'messages', m.key ?? m.id], message: `message "${m.id}" on SSE channel "${c.id}" is not sent by the server: Server-Sent Events are server→client only` });
        if (m && sseEventName(m) === undefined) findings.push({ path: [...at, 'messages', m.key ?? m.id], message: `message "${m.id}" on SSE channel "${c.id}" has neither a \`type\` const nor a \`name\` for its \`event:\` line` });
      }
      if (c.stream?.subscribe || c.stream?.unsubscribe) findings.push({ path: [...at, 'x-specwire-stream'], message: `channel "${c.id}": an SSE stream is named in the address, not joined with ${c.stream.subscribe ?? c.stream.unsubscribe} frames` });
      else if (c.stream && !c.parameters.some((p) => p.name === c.stream!.key)) findings.push({ path: [...at, 'x-specwire-stream', 'key'], message: `channel "${c.id}": stream key "${c.stream.key}" must be an address parameter of the SSE endpoint` });
      if (sse.of !== undefined) findings.push(...mirrorFindings(contract, c.id, sse.of, at));
    }
    return findings;
  },
};

function browserCredential(scheme: { type: string; in?: string } | undefined): boolean {
  return !!scheme && (scheme.in === 'query' || scheme.in === 'cookie');
}

function mirrorFindings(contract: Parameters<LintRule['check']>[0], id: string, of: string, at: (string | number)[]): LintFinding[] {
  const socket = contract.channels.find((c) => c.id === of);
  if (!socket || isSseChannel(socket)) return [{ path: [...at, 'x-specwire-sse', 'of'], message: `channel "${id}": x-specwire-sse.of names no WebSocket channel ("${of}")` }];
  const mirrored = new Set(socket.messageIds);
  const sse = contract.channels.find((c) => c.id === id)!;
  return sse.messageIds
    .filter((m) => !mirrored.has(m))
    .map((m) => ({ path: [...at, 'messages', m], message: `message "${m}" of SSE channel "${id}" is not a message of "${of}": an SSE stream carries the same frames as its WebSocket channel` }));
}
