/**
 * A conformance suite derived from a document alone (no scenarios): per WebSocket endpoint, connect
 * with and without credentials, listen, send every request the server receives (its examples, else
 * a schema sample) and expect a declared reply with the correlation id echoed, then bad frames and a
 * property run of generated valid messages. Pure data from the contract model: `run.ts` executes it,
 * `scaffold.ts` writes it as scenario YAML. What cannot be derived is listed with the reason.
 */
import { correlationPointer, getAt, setAt } from '../../contract/correlation.js';
import { labelOf } from '../../contract/discriminator.js';
import { problemOf } from '../../contract/match-message.js';
import type { ContractModel, JsonSchema, MessageModel } from '../../contract/model.js';
import { validSample } from '../../contract/schema-sample.js';
import { wsEndpoints, type WsEndpoint } from '../../contract/ws-endpoints.js';
import { credentialPlace, describeScheme } from '../../contract/ws-server.js';
import { type BadFrame, brokenFrames, notJsonFrames, validValues } from './arbitrary.js';
import { DERIVE_DEFAULTS } from './defaults.js';

export interface DeriveOptions {
  /** Seed of every generated input (bad frames, property run). Default 1. */
  seed?: number;
  /** Generated valid client messages per endpoint in the property run. Default 20; 0 turns it off. */
  runs?: number;
  /** How long to listen to what the server sends on its own after connecting, in ms. Default 3000. */
  listenMs?: number;
}

/** What a derived check was derived from, for the report. */
export interface DerivedFrom {
  /** Channel ids of the endpoint. */
  channels: string[];
  operation?: string;
  message?: string;
  /** JSON pointer into the document of what the check rests on (`#/components/messages/ping/payload`). */
  schemaPath?: string;
  /** One line: the example used, the correlation pointer, the seed… */
  detail?: string;
}

export interface NotDerived {
  /** What could not be derived (`reply to subscribe`). */
  what: string;
  reason: string;
}

export interface DerivedRequest {
  operation: string;
  message: MessageModel;
  frame: unknown;
  /** `example "cooling"`, `example 2` or `schema sample`. */
  source: string;
  /** Messages that may answer it; empty: the operation declares no reply (nothing is expected). */
  replies: MessageModel[];
  /** Where the request carries its correlation id and where each reply must echo it. */
  correlation?: { pointer: string; value: unknown; replyPointers: Record<string, string> };
}

export type DerivedCase =
  | { kind: 'refused'; name: string; from: DerivedFrom }
  | { kind: 'connect'; name: string; from: DerivedFrom }
  | { kind: 'listen'; name: string; from: DerivedFrom }
  | { kind: 'request'; name: string; from: DerivedFrom; request: DerivedRequest }
  | { kind: 'robustness'; name: string; from: DerivedFrom; frames: BadFrame[] }
  | { kind: 'property'; name: string; from: DerivedFrom; values: { message: MessageModel; value: unknown }[] };

export interface DerivedEndpoint {
  endpoint: WsEndpoint;
  /** Address parameters, from their examples, enum, or a placeholder. */
  params: Record<string, string>;
  /** Query parameters and headers from `bindings.ws` (required and value-naming ones). */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The endpoint declares security a WebSocket upgrade can carry: credentials are needed. */
  secured: boolean;
  cases: DerivedCase[];
}

export interface DerivedSuite {
  model: ContractModel;
  seed: number;
  runs: number;
  listenMs: number;
  endpoints: DerivedEndpoint[];
  notDerived: NotDerived[];
}

export { DERIVE_DEFAULTS };

export function deriveSuite(model: ContractModel, options: DeriveOptions = {}): DerivedSuite {
  const seed = options.seed ?? DERIVE_DEFAULTS.seed;
  const runs = options.runs ?? DERIVE_DEFAULTS.runs;
  const listenMs = options.listenMs ?? DERIVE_DEFAULTS.listenMs;
  const notDerived: NotDerived[] = [];
  const { endpoints, skipped } = wsEndpoints(model);
  for (const s of skipped) notDerived.push({ what: `channel ${s.id}`, reason: s.reason });
  const derived = endpoints.map((e, i) => deriveEndpoint(model, e, { seed: seed + 1000 * i, runs, listenMs }, notDerived));
  for (const op of model.operations.filter((o) => o.action === 'send' && o.replyMessageIds.length)) {
    notDerived.push({ what: `reply to ${op.id}`, reason: 'the server sends the request here: a client reply is not derived' });
  }
  return { model, seed, runs, listenMs, endpoints: derived, notDerived };
}

function deriveEndpoint(model: ContractModel, e: WsEndpoint, o: { seed: number; runs: number; listenMs: number }, notDerived: NotDerived[]): DerivedEndpoint {
  const from = (extra: Omit<DerivedFrom, 'channels'> = {}): DerivedFrom => ({ channels: e.channelIds, ...extra });
  const { params, notes } = paramsOf(e);
  const query = scalars(e.channel.wsBinding?.query);
  const headers = scalars(e.channel.wsBinding?.headers);
  const where = `${e.path}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  const checkable = e.security.filter((s) => credentialPlace(s));
  for (const s of e.security.filter((x) => !credentialPlace(x))) notDerived.push({ what: `refusal without ${s.id} on ${e.path}`, reason: `${s.type} credentials do not travel on a WebSocket upgrade` });
  const cases: DerivedCase[] = [];
  const channelPointer = `#/channels/${e.channelIds[0]}`;
  if (checkable.length) {
    cases.push({ kind: 'refused', name: `${e.path}: refused without credentials`, from: from({ schemaPath: '#/components/securitySchemes', detail: `declared: ${checkable.map(describeScheme).join(' or ')}` }) });
  }
  cases.push({ kind: 'connect', name: `${e.path}: accepted${checkable.length ? ' with credentials' : ''}`, from: from({ schemaPath: `${channelPointer}/address`, detail: where }) });
  cases.push({ kind: 'listen', name: `${e.path}: every frame in ${o.listenMs} ms is a declared server message`, from: from({ schemaPath: channelPointer, detail: `server messages: ${e.serverMessages.map(labelOf).join(', ') || 'none'}` }) });

  const receiveOps = model.operations.filter((op) => op.action === 'receive' && e.channelIds.includes(op.channelId));
  const byId = new Map(model.messages.map((m) => [m.id, m]));
  let k = 0;
  for (const op of receiveOps) {
    const replies = op.replyMessageIds.map((id) => byId.get(id)).filter((m): m is MessageModel => !!m);
    for (const message of op.messageIds.map((id) => byId.get(id)).filter((m): m is MessageModel => !!m)) {
      for (const { frame, source } of framesOf(message, `${op.id}`, notDerived)) {
        const request = withCorrelation({ operation: op.id, message, frame, source, replies }, k++, notDerived);
        const expects = replies.length ? `expects ${replies.map(labelOf).join(' | ')}${request.correlation ? `, ${request.correlation.pointer} echoed` : ''}` : 'no reply declared: nothing expected';
        cases.push({
          kind: 'request',
          name: `${e.path}: ${op.id} sends ${labelOf(message)} (${source}), ${expects}`,
          from: from({ operation: op.id, message: message.id, schemaPath: `#/operations/${op.id}${replies.length ? '/reply' : ''}`, detail: request.correlation ? `correlationId ${message.correlationId!.location}` : undefined }),
          request,
        });
      }
    }
  }

  // Garbage must not crash a server, whatever its clients may send; typed faults need client messages.
  const bases = e.clientMessages
    .map((message) => ({ message, value: message.examples.find((x) => !problemOf(message, x.payload))?.payload ?? validSample(message.payload) }))
    .filter((b) => b.value !== undefined && !problemOf(b.message, b.value));
  const frames = [...notJsonFrames(2, o.seed), ...brokenFrames('wrong-type', bases, e.clientMessages, 3, o.seed + 1), ...brokenFrames('missing-required', bases, e.clientMessages, 3, o.seed + 2)];
  for (const kind of ['wrong-type', 'missing-required'] as const) {
    if (e.clientMessages.length && !frames.some((f) => f.kind === kind)) notDerived.push({ what: `${kind} frames on ${e.path}`, reason: kind === 'missing-required' ? 'no client message has a required field whose removal every client message rejects' : 'no client message has a typed field whose wrong type every client message rejects' });
  }
  const error = e.errorMessage ? `the answer must be ${labelOf(e.errorMessage)}` : 'no error message declared: any answer or none';
  cases.push({ kind: 'robustness', name: `${e.path}: survives ${frames.length} bad frames (seed ${o.seed}); ${error}`, from: from({ message: e.errorMessage?.id, schemaPath: channelPointer, detail: frames.map((f) => f.why).join('; ') }), frames });
  if (e.clientMessages.length) {
    if (o.runs > 0) {
      const values = propertyValues(e.clientMessages, o.runs, o.seed + 3, notDerived, e.path);
      if (values.length) cases.push({ kind: 'property', name: `${e.path}: ${values.length} generated valid client messages (seed ${o.seed + 3}) get a valid reply or none`, from: from({ schemaPath: channelPointer, detail: `messages: ${[...new Set(values.map((v) => labelOf(v.message)))].join(', ')}` }), values });
    }
  } else {
    notDerived.push({ what: `requests, typed bad frames and a property run on ${e.path}`, reason: 'clients send nothing there' });
  }
  return { endpoint: e, params, query, headers, secured: checkable.length > 0, cases };
}

function paramsOf(e: WsEndpoint): { params: Record<string, string>; notes: string[] } {
  const params: Record<string, string> = {};
  const notes: string[] = [];
  for (const name of [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)) {
    const p = e.channel.parameters.find((x) => x.name === name);
    const value = p?.examples?.[0] ?? p?.enum?.[0];
    params[name] = value ?? `specwire-${name}`;
    notes.push(`${name}=${params[name]} from ${p?.examples?.length ? 'its examples' : p?.enum?.length ? 'its enum' : 'nothing: a placeholder'}`);
  }
  return { params, notes };
}

/** Scalar values of a schema sample of a `bindings.ws` query or headers object. */
function scalars(schema: JsonSchema | undefined): Record<string, string> {
  if (!schema) return {};
  const sample = validSample(schema);
  if (!sample || typeof sample !== 'object') return {};
  return Object.fromEntries(Object.entries(sample).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)).map(([k, v]) => [k, String(v)]));
}

/** The message's valid examples, else its schema sample; invalid examples are reported, not sent. */
function framesOf(message: MessageModel, op: string, notDerived: NotDerived[]): { frame: unknown; source: string }[] {
  const out: { frame: unknown; source: string }[] = [];
  message.examples.forEach((ex, i) => {
    const problem = problemOf(message, ex.payload);
    const source = ex.name === undefined ? `example ${i}` : `example "${ex.name}"`;
    if (problem) notDerived.push({ what: `${op}: ${labelOf(message)} ${source}`, reason: `it violates its own schema (${problem.text})` });
    else out.push({ frame: structuredClone(ex.payload), source });
  });
  if (out.length || message.examples.length) return out;
  const sample = validSample(message.payload);
  if (sample === undefined) notDerived.push({ what: `${op}: ${labelOf(message)}`, reason: 'no example, and no valid sample could be built from its schema (add an example)' });
  else out.push({ frame: sample, source: 'schema sample' });
  return out;
}

/** Where the request's correlation id lives, given a value the reply can be told by when the frame has none. */
function withCorrelation(request: DerivedRequest, k: number, notDerived: NotDerived[]): DerivedRequest {
  const pointer = correlationPointer(request.message);
  if (!request.replies.length) return request;
  if (!pointer) {
    if (request.message.correlationId) notDerived.push({ what: `correlation id of ${labelOf(request.message)}`, reason: `${request.message.correlationId.location} is not in the payload: a WebSocket frame has no headers` });
    return request;
  }
  let frame = request.frame;
  let value = getAt(frame, pointer);
  if (value === undefined) {
    for (const candidate of [7000 + k, `specwire-${7000 + k}`]) {
      const next = setAt(frame, pointer, candidate);
      if (!problemOf(request.message, next)) {
        [frame, value] = [next, candidate];
        break;
      }
    }
  }
  if (value === undefined) return request;
  const replyPointers: Record<string, string> = {};
  for (const r of request.replies) {
    const p = correlationPointer(r);
    if (p) replyPointers[r.id] = p;
    else notDerived.push({ what: `correlation id echoed by ${labelOf(r)} (reply to ${request.operation})`, reason: `${labelOf(r)} declares no correlationId` });
  }
  return { ...request, frame, correlation: { pointer, value, replyPointers } };
}

function propertyValues(messages: MessageModel[], runs: number, seed: number, notDerived: NotDerived[], path: string): { message: MessageModel; value: unknown }[] {
  const per = Math.ceil(runs / messages.length);
  const pools = messages.map((message, i) => ({ message, values: validValues(message, per, seed + i) }));
  for (const p of pools) if (!p.values.length) notDerived.push({ what: `generated ${labelOf(p.message)} on ${path}`, reason: 'no valid value was generated from its schema' });
  const out: { message: MessageModel; value: unknown }[] = [];
  for (let i = 0; out.length < runs && i < per; i++) for (const p of pools) if (out.length < runs && p.values[i] !== undefined) out.push({ message: p.message, value: p.values[i] });
  return out;
}
