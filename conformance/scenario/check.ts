/**
 * Checks a loaded scenario against its contract: every client, channel, parameter, message type and
 * field a scenario names must exist, so a typo fails at load time with file:line (exit 2) instead of
 * as a confusing timeout at run time. Rule ids: `scenario-*`.
 */
import type { Diagnostic } from '../../contract/diagnostic.js';
import type { JsonSchema } from '../../contract/model.js';
import type { ContractView } from '../contract-view.js';
import { discriminatesOnType } from '../checks/check.js';
import { claims, discriminatorOf } from '../../contract/discriminator.js';
import { describeMismatch, matchMessage } from '../../contract/match-message.js';
import { UNORDERED, unorderedOf } from '../match.js';
import type { Scenario, Step } from './types.js';
import type { YamlPositions } from '../../contract/yaml-positions.js';
import { ContractRefResolver } from './contract-refs.js';
import { pointerTokens } from '../../contract/json-pointer.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

export interface ScenarioCheckOptions {
  /** A scenario without `contract:` references is an error (`specwire test --check`). Default false. */
  requireContractRefs?: boolean;
}

export function checkScenario(scenario: Scenario, view: ContractView, positions: YamlPositions, options: ScenarioCheckOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (rule: string, path: Path, message: string) => {
    const at = positions.locate(path);
    out.push({ file: scenario.file, line: at.line, column: at.column, severity: 'error', rule, message, path });
  };
  checkContractRefs(scenario, view, report, options);
  (scenario.given ?? []).forEach((g, i) =>
    g.members.forEach((name, j) => {
      if (!scenario.clients[name]) report('scenario-unknown-client', ['given', i, 'members', j], `client "${name}" is not declared under clients`);
    }),
  );
  const channelOfClient = new Map<string, string | undefined>();
  for (const step of scenario.steps) {
    const base: Path = ['steps', step.index, step.kind];
    if ('client' in step && step.client !== undefined && !scenario.clients[step.client]) {
      report('scenario-unknown-client', [...base, 'client'], `client "${step.client}" is not declared under clients`);
      continue;
    }
    if (step.kind === 'sameEvents') {
      step.clients.forEach((c, i) => {
        if (!scenario.clients[c]) report('scenario-unknown-client', [...base, 'clients', i], `client "${c}" is not declared under clients`);
      });
    }
    checkStep(step, base, view, report, channelOfClient);
  }
  return out;
}

type Report = (rule: string, path: Path, message: string) => void;

const resolvers = new Map<string, ContractRefResolver>();

/** Every `contract:` pointer must resolve in the contract document (rules in contract-refs.ts). */
function checkContractRefs(scenario: Scenario, view: ContractView, report: Report, options: ScenarioCheckOptions): void {
  if (!scenario.contractRefs) {
    if (options.requireContractRefs) report('scenario-no-contract-ref', [], `no contract: references: name the clause(s) of ${view.id} this scenario enforces ('#/info/x-specwire/...', '#/components/messages/...')`);
    return;
  }
  let resolver = resolvers.get(view.contract.file);
  if (!resolver) resolvers.set(view.contract.file, (resolver = new ContractRefResolver(view.contract.file)));
  scenario.contractRefs.forEach((pointer, i) => {
    const found = resolver.resolve(pointer);
    if (!found.ok) report('scenario-unresolved-contract-ref', ['contract', i], `contract reference ${pointer} does not resolve in ${view.id}: ${found.reason}`);
  });
}

function checkStep(step: Step, base: Path, view: ContractView, report: Report, channelOfClient: Map<string, string | undefined>): void {
  switch (step.kind) {
    case 'connect': {
      const ch = view.connectChannel(step.channel, step.transport);
      if (!ch && step.transport === 'sse' && view.channel(step.channel)) {
        return report('scenario-no-sse', [...base, 'transport'], `contract ${view.id} declares no Server-Sent Events channel for ${view.channel(step.channel)!.channel.id} (x-specwire-sse)`);
      }
      if (!ch) return report('scenario-unknown-channel', [...base, 'channel'], `channel "${step.channel}" is not in contract ${view.id} (${[...view.channels.keys()].join(', ')})`);
      channelOfClient.set(step.client, ch.channel.id);
      const declared = new Set(ch.channel.parameters.map((p) => p.name));
      for (const name of Object.keys(step.params)) {
        if (!declared.has(name)) report('scenario-unknown-param', [...base, 'params', name], `channel ${ch.channel.id} (${ch.channel.address}) has no parameter "${name}"`);
      }
      for (const p of declared) if (!(p in step.params)) report('scenario-missing-param', [...base], `channel ${ch.channel.address} needs parameter "${p}"`);
      // Over SSE a named refusal is the convention's HTTP status, whatever the contract's WebSocket refusal says.
      if (!ch.channel.sse && 'refused' in step.expect && typeof step.expect.refused === 'string' && step.expect.refused !== 'any' && !view.refusal(step.expect.refused)) {
        report('scenario-unknown-refusal', [...base, 'expect'], `contract ${view.id} declares no x-specwire.refusal.${step.expect.refused}`);
      }
      return;
    }
    case 'send': {
      if (typeof step.repeat === 'object' && view.limit(step.repeat.limit) === undefined) {
        report('scenario-unknown-limit', [...base, 'repeat', 'limit'], `contract ${view.id} declares no x-specwire.limits.${step.repeat.limit} to repeat by`);
      }
      const sseChannel = view.channel(channelOfClient.get(step.client));
      if (sseChannel?.channel.sse) return report('scenario-sse-send', [...base], `client "${step.client}" is on Server-Sent Events channel ${sseChannel.channel.id}: SSE is one-way, the client cannot send`);
      if (!step.message || step.unchecked) return;
      const ch = view.channel(channelOfClient.get(step.client));
      if (ch && !ch.clientMessages.every((m) => m.type !== undefined)) {
        // Messages not told apart by a `type` const (Kraken's `event`): the frame must be one of them.
        const match = matchMessage(ch.clientMessages, step.message);
        if (!match.ok) report('scenario-invalid-message', [...base, 'message', ...pointerPath(match.problem.instancePath)], `${describeMismatch(match, ch.channel.address)}; mark the step unchecked: true to send it on purpose`);
        return;
      }
      const type = step.message.type;
      const m = typeof type === 'string' ? ch?.clientTypes.get(type) : undefined;
      if (!m) {
        return report('scenario-unknown-type', [...base, 'message', 'type'], `"${String(type)}" is not a client message of ${view.id} (${[...(ch?.clientTypes.keys() ?? [])].join(', ')}); mark the step unchecked: true to send it on purpose`);
      }
      for (const p of unknownFields(step.message, m.payload)) report('scenario-unknown-field', [...base, 'message', ...p], `${m.type} has no field "${p.join('.')}"`);
      return;
    }
    case 'expect':
    case 'expectNone': {
      if (!step.message) return;
      const ch = view.channel(channelOfClient.get(step.client));
      if (ch && !discriminatesOnType(ch)) {
        const named = ch.serverMessages.filter((m) => claims(m, step.message));
        const key = [...new Set(ch.serverMessages.map((m) => discriminatorOf(m)?.key))].find((k) => k !== undefined && k in step.message!);
        if (!named.length && key !== undefined) {
          const known = ch.serverMessages.map((m) => discriminatorOf(m)?.value).filter((v) => v !== undefined).map((v) => JSON.stringify(v));
          return report('scenario-unknown-type', [...base, 'message', key], `${JSON.stringify(step.message[key])} is not the ${key} of a server message on ${ch.channel.address} (${known.join(', ')})`);
        }
        if (named.length && named.every((m) => unknownFields(step.message, m.payload).length)) {
          for (const p of unknownFields(step.message, named[0]!.payload)) report('scenario-unknown-field', [...base, 'message', ...p], `${named[0]!.name ?? named[0]!.id} has no field "${p.join('.')}"`);
        }
        return;
      }
      const type = step.message.type;
      if (typeof type !== 'string') return;
      const m = ch?.serverTypes.get(type);
      if (!m) return report('scenario-unknown-type', [...base, 'message', 'type'], `"${type}" is not a server message of ${view.id} (${[...(ch?.serverTypes.keys() ?? [])].join(', ')})`);
      for (const p of unknownFields(step.message, m.payload)) report('scenario-unknown-field', [...base, 'message', ...p], `${m.type} has no field "${p.join('.')}"`);
      return;
    }
    case 'measure':
      if (!view.contract.specwire?.slo) report('scenario-no-slo', [...base], `contract ${view.id} declares no x-specwire.slo to measure against`);
    // falls through: a measure triggers like a trigger step
    case 'trigger': {
      const m = view.eventTypes().get(step.event);
      if (!m) return report('scenario-unknown-event', [...base, 'event'], `"${step.event}" is not a server event of ${view.id} (${[...view.eventTypes().keys()].join(', ')})`);
      if (step.example && !m.examples.some((e) => e.name === step.example)) {
        report('scenario-unknown-example', [...base, 'example'], `${m.type} has no example named "${step.example}" (${m.examples.map((e) => e.name).join(', ')})`);
      }
      if (step.payload) for (const p of unknownFields(step.payload, m.payload)) report('scenario-unknown-field', [...base, 'payload', ...p], `${m.type} has no field "${p.join('.')}"`);
      return;
    }
    case 'poll':
      if (!view.pollingEndpoint(step.path)) {
        report('scenario-unknown-endpoint', [...base, 'path'], `${step.path} is not a polling endpoint of ${view.id} (${(view.contract.specwire?.polling ?? []).map((p) => p.path).join(', ') || 'none declared'})`);
      }
      return;
    default:
      return;
  }
}

/**
 * Paths of keys in `value` the schema does not declare. Lenient where the schema is open: a level
 * without `properties`, or with `additionalProperties` allowed, accepts any key; `oneOf`/`anyOf`
 * branches are narrowed by a `type` const when the value has one.
 */
export function unknownFields(value: unknown, schema: JsonSchema, path: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const unordered = unorderedOf(value);
  if (unordered) return unknownFields(unordered, schema, [...path, UNORDERED]);
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    return items && typeof items === 'object' ? value.flatMap((v, i) => unknownFields(v, items, [...path, i])) : [];
  }
  const branches = ([...((schema.oneOf ?? []) as JsonSchema[]), ...((schema.anyOf ?? []) as JsonSchema[])]);
  if (branches.length) {
    const t = (value as Json).type;
    const narrowed = branches.filter((b) => typeof t !== 'string' || constOf(b, 'type') === undefined || constOf(b, 'type') === t);
    const candidates = narrowed.length ? narrowed : branches;
    const results = candidates.map((b) => unknownFields(value, b, path));
    return results.reduce((best, r) => (r.length < best.length ? r : best));
  }
  const props = { ...((schema.properties ?? {}) as Record<string, JsonSchema>) };
  for (const part of (schema.allOf ?? []) as JsonSchema[]) Object.assign(props, part.properties ?? {});
  if (!schema.properties && !schema.allOf) return [];
  const open = schema.additionalProperties !== false && schema.additionalProperties !== undefined;
  const out: Path[] = [];
  for (const [k, v] of Object.entries(value as Json)) {
    const sub = props[k];
    if (!sub) {
      if (!open) out.push([...path, k]);
      continue;
    }
    out.push(...unknownFields(v, sub, [...path, k]));
  }
  return out;
}

function constOf(schema: JsonSchema, prop: string): unknown {
  const p = (schema.properties as Record<string, JsonSchema> | undefined)?.[prop];
  return p?.const;
}

/** `/a/0/b` → `['a', 0, 'b']`, to locate a schema problem inside the step's message. */
function pointerPath(pointer: string): Path {
  return pointerTokens(pointer).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}
