/**
 * Every promise of a contract that a conformance suite can test, each named by a JSON pointer into
 * the document (the same pointers scenarios write under `contract:`): each `x-specwire` limit,
 * heartbeat timer, refusal, close code, polling endpoint, the SLO, version negotiation, allowed
 * origins, each channel's access rule and stream (ordering, replay, resync), each SSE promise, each
 * error code and each message in each direction.
 */
import type { ContractView } from '../contract-view.js';
import type { JsonSchema } from '../../contract/model.js';
import { YamlSource } from '../../contract/yaml-source.js';
import { CloseCode } from '../../protocol/close-codes.js';

export type PromiseKind =
  | 'limit'
  | 'heartbeat'
  | 'refusal'
  | 'close-code'
  | 'error-code'
  | 'polling'
  | 'slo'
  | 'versioning'
  | 'allowed-origins'
  | 'access'
  | 'stream'
  | 'sse'
  | 'message';

export interface ContractPromise {
  kind: PromiseKind;
  /** JSON pointer of the clause (an error code: the error message's, with `code` in `label`). */
  pointer: string;
  /** What it is, for people: `limits.maxPayloadBytes`, `activity (server→client)`, `error code rate_limited`. */
  label: string;
  /**
   * Only steps can cover it, not a `contract:` reference: a reference to the `error` message does not
   * prove any one of its codes, nor a reference to a channel's message map any one message.
   */
  stepsOnly?: boolean;
  /** Why no black-box run can test it (listed, not counted as uncovered). */
  untestable?: string;
  /** For step matching: the wire `type` and channel of a message, the code, the polling path. */
  match?: { channel?: string; type?: string; direction?: 'server-to-client' | 'client-to-server'; code?: string | number; path?: string };
}

const XS = '#/info/x-specwire';

export function contractPromises(view: ContractView): ContractPromise[] {
  const out: ContractPromise[] = [];
  const xs = view.contract.specwire;
  if (xs) {
    for (const key of Object.keys(xs.limits ?? {})) out.push({ kind: 'limit', pointer: `${XS}/limits/${esc(key)}`, label: `limits.${key}` });
    for (const key of Object.keys(xs.heartbeat ?? {})) out.push({ kind: 'heartbeat', pointer: `${XS}/heartbeat/${esc(key)}`, label: `heartbeat.${key}` });
    for (const [key, how] of Object.entries(xs.refusal ?? {})) out.push({ kind: 'refusal', pointer: `${XS}/refusal/${esc(key)}`, label: `refusal.${key} ${JSON.stringify(how)}` });
    for (const [code, c] of Object.entries(xs.closeCodes ?? {})) {
      const untestable = Number(code) === CloseCode.GoingAway ? { untestable: 'sent when the server shuts down; the hooks protocol has no restart' } : {};
      out.push({ kind: 'close-code', pointer: `${XS}/closeCodes/${esc(code)}`, label: `close ${code} ${c.name}`, match: { code: Number(code) }, ...untestable });
    }
    (xs.polling ?? []).forEach((p, i) => out.push({ kind: 'polling', pointer: `${XS}/polling/${i}`, label: `GET ${p.path}`, match: { path: p.path } }));
    if (xs.slo) out.push({ kind: 'slo', pointer: `${XS}/slo`, label: 'slo' });
    if (xs.versioning) out.push({ kind: 'versioning', pointer: `${XS}/versioning`, label: `versioning ${JSON.stringify(xs.versioning)}` });
    if (xs.allowedOrigins) out.push({ kind: 'allowed-origins', pointer: `${XS}/allowedOrigins`, label: 'allowedOrigins' });
  }
  const errorCodes = new Map<string, string>();
  for (const [id, cv] of view.channels) {
    const ch = cv.channel;
    const base = `#/channels/${esc(id)}`;
    if (ch.access) out.push({ kind: 'access', pointer: `${base}/x-specwire-access`, label: `${id}: access ${ch.access.rule}` });
    if (ch.stream) out.push({ kind: 'stream', pointer: `${base}/x-specwire-stream`, label: `${id}: stream ${ch.stream.key} (seq order, resume)` });
    if (ch.sse) {
      for (const key of ['retryMs', 'heartbeatIntervalMs', 'of'] as const) {
        if (ch.sse[key] !== undefined) out.push({ kind: 'sse', pointer: `${base}/x-specwire-sse/${key}`, label: `${id}: sse ${key}` });
      }
    }
    for (const messageId of ch.messageIds) {
      const m = view.contract.messages.find((x) => x.id === messageId);
      if (!m) continue;
      const pointer = `${base}/messages/${esc(m.key ?? m.id)}`;
      for (const direction of m.directions) {
        const arrow = direction === 'server-to-client' ? 'server→client' : 'client→server';
        out.push({ kind: 'message', pointer, label: `${id}: ${m.type ?? m.name ?? m.id} (${arrow})`, stepsOnly: m.type !== undefined, match: { channel: id, type: m.type, direction } });
      }
      if (m.type === 'error' && m.directions.includes('server-to-client')) {
        for (const code of codesOf(m.payload)) if (!errorCodes.has(code)) errorCodes.set(code, pointer);
      }
    }
  }
  // The shared ErrorCode enum is a superset: a code is this contract's promise when its own text says
  // when it is sent (a description or example naming it), when it answers a malformed frame (4400),
  // or, for rate_limited, when the contract declares limits.messagesPerSecond.
  const text = ownStrings(view.contract.file);
  for (const [code, pointer] of errorCodes) {
    const rateLimited = code === 'rate_limited' && view.limit('messagesPerSecond') !== undefined;
    if (MALFORMED_FRAME_CODES.has(code) || rateLimited || new RegExp(`\\b${code}\\b`).test(text)) out.push({ kind: 'error-code', pointer, label: `error code ${code}`, stepsOnly: true, match: { code } });
  }
  return out.filter((p) => p.kind !== 'close-code' || closeCodePromised(view, p.match?.code as number));
}

/**
 * A shared close code is a promise of this contract only where the contract can send it: the handshake
 * refusals where `refusal` names them, 4508 SlowConsumer where `limits.sendBufferBytes` is declared.
 */
function closeCodePromised(view: ContractView, code: number): boolean {
  if (REFUSAL_CLOSE_CODES.has(code)) return refusalCloses(view).has(code);
  if (code === CloseCode.SlowConsumer) return view.limit('sendBufferBytes') !== undefined;
  return true;
}

/** Error codes of a malformed frame, which every contract answers (the 4400 close code names them). */
const MALFORMED_FRAME_CODES = new Set(['bad_frame', 'unknown_type', 'invalid_payload']);

/** Close codes that only mean something as a handshake refusal: a promise where `refusal` names them. */
const REFUSAL_CLOSE_CODES = new Set<number>([CloseCode.Unauthenticated, CloseCode.Forbidden]);

function refusalCloses(view: ContractView): Set<number> {
  return new Set(Object.values(view.contract.specwire?.refusal ?? {}).flatMap((r) => (r && 'close' in r ? [r.close] : [])));
}

/** Every string value of the document's own file (descriptions, examples), not its keys or comments. */
function ownStrings(file: string): string {
  let data: unknown;
  try {
    data = new YamlSource(file).data;
  } catch {
    return '';
  }
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(data);
  return out.join('\n');
}

/** The `code` enum of an error payload: at the top level, or under `payload` (`{type, payload}` wire shapes). */
function codesOf(schema: JsonSchema): string[] {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  const code = props?.code ?? (props?.payload?.properties as Record<string, JsonSchema> | undefined)?.code;
  return Array.isArray(code?.enum) ? (code.enum as unknown[]).map(String) : [];
}

function esc(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
