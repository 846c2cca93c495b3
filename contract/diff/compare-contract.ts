/**
 * Walks two contract models side by side: messages (by id, payloads through `compare-schema.ts`, in
 * each direction they travel), channels (by address), servers and security, and the specwire
 * connection terms (versioning, refusal, close codes, limits, heartbeat, polling endpoints).
 * Renames are not guessed: a message or channel under a new name is a removal plus an addition.
 */
import type { ChannelModel, ContractModel, Direction, MessageModel, SpecwireInfo } from '../model.js';
import { compareSchema, sameJson, show } from './compare-schema.js';
import type { DetectedChange, ModelPath } from './types.js';

type Emit = (change: DetectedChange) => void;

export function compareContracts(before: ContractModel, after: ContractModel): DetectedChange[] {
  const out: DetectedChange[] = [];
  const emit: Emit = (c) => out.push(c);
  compareMessages(before, after, emit);
  compareChannels(before, after, emit);
  compareServers(before, after, emit);
  compareSpecwire(before.specwire ?? {}, after.specwire ?? {}, emit);
  return out;
}

/** Document path of a message as written in its (first) channel; `locate` follows the `$ref`s. */
function messageDocPath(m: MessageModel): ModelPath {
  return m.channelIds.length ? ['channels', m.channelIds[0]!, 'messages', m.key ?? m.id] : ['components', 'messages', m.key ?? m.id];
}

function directionWord(d: Direction): string {
  return d === 'server-to-client' ? 'server→client' : 'client→server';
}

function compareMessages(before: ContractModel, after: ContractModel, emit: Emit): void {
  const old = new Map(before.messages.map((m) => [m.id, m]));
  const now = new Map(after.messages.map((m) => [m.id, m]));
  for (const [id, m] of old) {
    if (now.has(id)) continue;
    for (const direction of m.directions) {
      emit({ kind: 'message-removed', path: ['messages', id], direction, summary: `${directionWord(direction)} message "${id}" removed`, at: { side: 'old', path: messageDocPath(m) } });
    }
  }
  for (const [id, m] of now) {
    const prev = old.get(id);
    if (!prev) {
      for (const direction of m.directions) {
        emit({ kind: 'message-added', path: ['messages', id], direction, summary: `${directionWord(direction)} message "${id}" added`, at: { side: 'new', path: messageDocPath(m) } });
      }
      continue;
    }
    for (const direction of prev.directions) {
      if (!m.directions.includes(direction)) {
        emit({ kind: 'message-direction-removed', path: ['messages', id], direction, summary: `message "${id}" no longer travels ${directionWord(direction)}`, at: { side: 'new', path: messageDocPath(m) } });
      }
    }
    for (const direction of m.directions) {
      if (!prev.directions.includes(direction)) {
        emit({ kind: 'message-added', path: ['messages', id], direction, summary: `message "${id}" now also travels ${directionWord(direction)}`, at: { side: 'new', path: messageDocPath(m) } });
        continue;
      }
      compareSchema(prev.payload, m.payload, { path: ['messages', id, 'payload'], direction, docPath: { old: [...messageDocPath(prev), 'payload'], new: [...messageDocPath(m), 'payload'] } }, emit);
    }
    if (prev.authority !== m.authority && prev.authority && m.authority) {
      emit({ kind: 'authority-changed', path: ['messages', id, 'x-specwire-authority'], summary: `authority "${prev.authority}" → "${m.authority}"`, before: prev.authority, after: m.authority, at: { side: 'new', path: [...messageDocPath(m), 'x-specwire-authority'] } });
    }
  }
}

/** Channels are what clients connect to: their identity on the wire is the address, not the id. */
function addressKey(c: ChannelModel): string {
  return c.address.replace(/\{[^}]*\}/g, '{}');
}

function compareChannels(before: ContractModel, after: ContractModel, emit: Emit): void {
  const old = new Map(before.channels.map((c) => [addressKey(c), c]));
  const now = new Map(after.channels.map((c) => [addressKey(c), c]));
  for (const [key, c] of old) {
    if (!now.has(key)) emit({ kind: 'channel-removed', path: ['channels', c.id], summary: `channel "${c.id}" at ${c.address} removed`, before: c.address, at: { side: 'old', path: ['channels', c.id] } });
  }
  for (const [key, c] of now) {
    const prev = old.get(key);
    if (!prev) {
      emit({ kind: 'channel-added', path: ['channels', c.id], summary: `channel "${c.id}" at ${c.address} added`, after: c.address, at: { side: 'new', path: ['channels', c.id] } });
      continue;
    }
    const at = { side: 'new' as const, path: ['channels', c.id] };
    if (!sameJson(prev.access, c.access)) {
      emit({ kind: 'access-changed', path: ['channels', c.id, 'x-specwire-access'], summary: `access ${show(prev.access?.rule ?? null)} → ${show(c.access?.rule ?? null)}${prev.access?.key !== c.access?.key ? ` (key ${show(prev.access?.key ?? null)} → ${show(c.access?.key ?? null)})` : ''}`, before: prev.access, after: c.access, at: { side: 'new', path: [...at.path, 'x-specwire-access'] } });
    }
    if (!sameJson(prev.stream, c.stream)) {
      emit({ kind: 'stream-changed', path: ['channels', c.id, 'x-specwire-stream'], summary: `stream ${show(prev.stream ?? null)} → ${show(c.stream ?? null)}`, before: prev.stream, after: c.stream, at: { side: 'new', path: [...at.path, 'x-specwire-stream'] } });
    }
  }
}

function compareServers(before: ContractModel, after: ContractModel, emit: Emit): void {
  const old = new Map(before.servers.map((s) => [s.id, s]));
  const now = new Map(after.servers.map((s) => [s.id, s]));
  const schemesBefore = new Map(before.securitySchemes.map((s) => [s.id, s]));
  const schemesAfter = new Map(after.securitySchemes.map((s) => [s.id, s]));
  for (const [id, s] of old) if (!now.has(id)) emit({ kind: 'server-removed', path: ['servers', id], summary: `server "${id}" (${s.host}) removed`, at: { side: 'old', path: ['servers', id] } });
  for (const [id, s] of now) {
    const prev = old.get(id);
    if (!prev) {
      emit({ kind: 'server-added', path: ['servers', id], summary: `server "${id}" (${s.host}) added`, at: { side: 'new', path: ['servers', id] } });
      continue;
    }
    for (const key of ['host', 'protocol', 'pathname'] as const) {
      if (prev[key] !== s[key]) emit({ kind: 'server-changed', path: ['servers', id, key], summary: `server "${id}" ${key} ${show(prev[key] ?? null)} → ${show(s[key] ?? null)}`, before: prev[key], after: s[key], at: { side: 'new', path: ['servers', id, key] } });
    }
    // `security` lists alternatives: a client satisfying any one of them connects.
    const ids = (list: typeof s.security) => list.map((r) => r.scheme);
    for (const scheme of ids(prev.security)) {
      if (!ids(s.security).includes(scheme)) emit({ kind: 'security-removed', path: ['servers', id, 'security', scheme], summary: `server "${id}" no longer accepts security scheme "${scheme}"`, at: { side: 'new', path: ['servers', id, 'security'] } });
    }
    for (const scheme of ids(s.security)) {
      if (!ids(prev.security).includes(scheme)) {
        emit({
          kind: prev.security.length ? 'security-added' : 'security-required',
          path: ['servers', id, 'security', scheme],
          summary: prev.security.length ? `server "${id}" also accepts security scheme "${scheme}"` : `server "${id}" now requires security scheme "${scheme}"`,
          at: { side: 'new', path: ['servers', id, 'security'] },
        });
      }
    }
  }
  for (const [id, scheme] of schemesAfter) {
    const prev = schemesBefore.get(id);
    if (!prev) continue;
    for (const key of ['type', 'in', 'name', 'scheme', 'bearerFormat'] as const) {
      if (prev[key] !== scheme[key]) emit({ kind: 'security-scheme-changed', path: ['components', 'securitySchemes', id, key], summary: `security scheme "${id}" ${key} ${show(prev[key] ?? null)} → ${show(scheme[key] ?? null)}`, before: prev[key], after: scheme[key], at: { side: 'new', path: ['components', 'securitySchemes', id, key] } });
    }
  }
}

/** Limits where a lower number admits less; every one of them is a promise to clients. */
const LIMITS = ['maxPayloadBytes', 'messagesPerSecond', 'messagesPerSecondBeforeClose', 'malformedFramesBeforeClose', 'connectionsPerIp', 'replayBuffer'] as const;

function compareSpecwire(a: SpecwireInfo, b: SpecwireInfo, emit: Emit): void {
  const doc = (...p: (string | number)[]): ModelPath => ['info', 'x-specwire', ...p];
  const path = (...p: (string | number)[]): ModelPath => ['x-specwire', ...p];
  if (!sameJson(a.versioning, b.versioning)) {
    emit({ kind: 'versioning-changed', path: path('versioning'), summary: `version negotiation ${show(a.versioning ?? null)} → ${show(b.versioning ?? null)}`, before: a.versioning, after: b.versioning, at: { side: 'new', path: doc('versioning') } });
  }
  if (!sameJson(a.refusal, b.refusal)) {
    emit({ kind: 'refusal-changed', path: path('refusal'), summary: `handshake refusal ${show(a.refusal ?? null)} → ${show(b.refusal ?? null)}`, before: a.refusal, after: b.refusal, at: { side: 'new', path: doc('refusal') } });
  }
  const ca = a.closeCodes ?? {};
  const cb = b.closeCodes ?? {};
  for (const code of Object.keys(ca)) {
    if (!(code in cb)) emit({ kind: 'close-code-removed', path: path('closeCodes', code), summary: `close code ${code} (${ca[code]!.name}) removed`, at: { side: 'old', path: doc('closeCodes', code) } });
    else if (ca[code]!.name !== cb[code]!.name) emit({ kind: 'close-code-changed', path: path('closeCodes', code), summary: `close code ${code} ${ca[code]!.name} → ${cb[code]!.name}`, before: ca[code]!.name, after: cb[code]!.name, at: { side: 'new', path: doc('closeCodes', code) } });
  }
  for (const code of Object.keys(cb)) {
    if (!(code in ca)) emit({ kind: 'close-code-added', path: path('closeCodes', code), summary: `close code ${code} (${cb[code]!.name}) added`, at: { side: 'new', path: doc('closeCodes', code) } });
  }
  for (const key of LIMITS) compareLimit(a.limits?.[key], b.limits?.[key], path('limits', key), doc('limits', key), key, emit);
  compareLimit(a.heartbeat?.idleTimeoutMs, b.heartbeat?.idleTimeoutMs, path('heartbeat', 'idleTimeoutMs'), doc('heartbeat', 'idleTimeoutMs'), 'heartbeat idle timeout', emit);

  const pa = new Map((a.polling ?? []).map((p, i) => [p.path.replace(/\{[^}]*\}/g, '{}'), { p, i }]));
  const pb = new Map((b.polling ?? []).map((p, i) => [p.path.replace(/\{[^}]*\}/g, '{}'), { p, i }]));
  for (const [key, { p, i }] of pa) if (!pb.has(key)) emit({ kind: 'polling-endpoint-removed', path: path('polling', p.path), summary: `polling endpoint GET ${p.path} removed`, at: { side: 'old', path: doc('polling', i) } });
  for (const [key, { p, i }] of pb) {
    const prev = pa.get(key);
    if (!prev) {
      emit({ kind: 'polling-endpoint-added', path: path('polling', p.path), summary: `polling endpoint GET ${p.path} added`, at: { side: 'new', path: doc('polling', i) } });
      continue;
    }
    if (prev.p.response && p.response) {
      compareSchema(prev.p.response, p.response, { path: path('polling', p.path, 'response'), direction: 'server-to-client', docPath: { old: doc('polling', prev.i, 'response'), new: doc('polling', i, 'response') } }, emit);
    }
  }
}

function compareLimit(x: number | undefined, y: number | undefined, path: ModelPath, docPath: ModelPath, name: string, emit: Emit): void {
  if (x === y || x === undefined || y === undefined) return;
  emit({ kind: y < x ? 'limit-tightened' : 'limit-loosened', path, summary: `${name} ${x} → ${y}`, before: x, after: y, at: { side: 'new', path: docPath } });
}
