/**
 * The one gate for scenario files: YAML (with positions) → JSON Schema (`conformance/scenario.schema.json`)
 * → the scenario model. Bad input comes back as diagnostics with file:line:col and a rule id, never
 * as an exception. Checking a scenario against its contract is `check.ts`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Node } from 'yaml';
import type { TokenVariant, UserClaims } from '../../protocol/claims.js';
import type { Diagnostic } from '../../contract/diagnostic.js';
import { createAjv } from '../../contract/schema-validator.js';
import { packagePath } from '../../contract/package-root.js';
import { DEFAULTS, type CloseAllowance, type SendStep, type ClientSpec, type ConnectExpectation, type ExpectStep, type Scenario, type Step, type StepBody } from './types.js';
import { YamlPositions } from '../../contract/yaml-positions.js';
import { pointerTokens } from '../../contract/json-pointer.js';

/** Folder of the shipped scenarios: `<dir>/<contract>/*.yaml`. */
export const SCENARIOS_DIR = packagePath('conformance', 'scenarios');
export const SCENARIO_SCHEMA_FILE = packagePath('conformance', 'scenario.schema.json');

export type ScenarioLoadResult =
  | { ok: true; scenario: Scenario; positions: YamlPositions }
  | { ok: false; diagnostics: Diagnostic[] };

type Json = Record<string, unknown>;

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

/** Scenario files of one contract, sorted; none when the folder does not exist. */
export function discoverScenarios(contract: string, dir = SCENARIOS_DIR): string[] {
  const folder = join(dir, contract);
  try {
    return readdirSync(folder)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => join(folder, f))
      .filter((f) => statSync(f).isFile())
      .sort();
  } catch {
    return [];
  }
}

/** Loads one scenario; the contract id defaults to the name of the folder it sits in. */
export function loadScenario(file: string, contract = basename(dirname(resolve(file)))): ScenarioLoadResult {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return fail(path, 1, 1, 'file-unreadable', `cannot read file: ${(err as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const positions = new YamlPositions(path, doc.contents as Node | null, lines);
  if (doc.errors.length) {
    return {
      ok: false,
      diagnostics: doc.errors.map((e) => {
        const at = positions.offsetPosition(e.pos[0]);
        return { file: path, line: at.line, column: at.column, severity: 'error' as const, rule: 'scenario-yaml', message: e.message.split('\n')[0]! };
      }),
    };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  validate ??= createAjv({ allErrors: true }).compile(JSON.parse(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')) as Json);
  if (!validate(data)) {
    return { ok: false, diagnostics: schemaDiagnostics(path, validate.errors ?? [], positions) };
  }
  return { ok: true, scenario: toScenario(path, contract, data as Json, positions), positions };
}

/** ajv errors → the most specific finding per location (a failed `oneOf` hides its branches' detail). */
function schemaDiagnostics(file: string, errors: ErrorObject[], positions: YamlPositions): Diagnostic[] {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
  const chosen = new Map<string, ErrorObject>();
  for (const e of specific.length ? specific : errors) {
    const key = e.instancePath;
    const seen = chosen.get(key);
    // Prefer a misspelled key over "must be equal to constant" noise from oneOf branches.
    if (!seen || (e.keyword === 'additionalProperties' && seen.keyword !== 'additionalProperties')) chosen.set(key, e);
  }
  return [...chosen.values()].map((e) => {
    const path = pointerTokens(e.instancePath);
    const params = e.params as Json;
    let message = `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`;
    if (typeof params.additionalProperty === 'string') {
      path.push(params.additionalProperty);
      message = `unknown key "${params.additionalProperty}" at ${e.instancePath || '(root)'}`;
    } else if (Array.isArray(params.allowedValues)) {
      message += `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const at = positions.locate(path);
    return { file, line: at.line, column: at.column, severity: 'error' as const, rule: 'scenario-schema', message, path };
  });
}

function toScenario(file: string, contract: string, data: Json, positions: YamlPositions): Scenario {
  const clients: Record<string, ClientSpec> = {};
  for (const [name, raw] of Object.entries((data.clients ?? {}) as Record<string, Json>)) {
    const { count, claims, ...user } = raw;
    clients[name] = { user: { ...(claims as Json | undefined), ...user } as UserClaims, count: (count as number | undefined) ?? 1 };
  }
  const steps = (data.steps as Json[]).map((raw, index): Step => {
    const [kind, body] = Object.entries(raw)[0]! as [StepBody['kind'], Json];
    return { ...toStep(kind, body), index, at: positions.locate(['steps', index]) } as Step;
  });
  return {
    file,
    contract,
    name: data.name as string,
    description: data.description as string | undefined,
    tags: data.tags as string[],
    clients,
    steps,
    timeoutMs: (data.timeout as number | undefined) ?? DEFAULTS.scenarioTimeoutMs,
    heartbeat: data.heartbeat as Scenario['heartbeat'],
    ...(data.contract !== undefined ? { contractRefs: data.contract as string[] } : {}),
    ...(data.given !== undefined ? { given: (data.given as Json[]).map((g) => ({ stream: String(g.stream), members: (g.members as string[] | undefined) ?? [] })) } : {}),
    at: positions.locate([]),
  };
}

function toStep(kind: StepBody['kind'], b: Json): StepBody {
  const strMap = (v: unknown) => Object.fromEntries(Object.entries((v ?? {}) as Json).map(([k, x]) => [k, String(x)]));
  switch (kind) {
    case 'connect': {
      const e = b.expect;
      const expect: ConnectExpectation = e === undefined || e === 'accept' ? { accept: true } : { refused: (e as Json).refused as never };
      return {
        kind,
        client: b.client as string,
        channel: b.channel as string | undefined,
        ...(b.transport === 'sse' || b.transport === 'websocket' ? { transport: b.transport } : {}),
        params: strMap(b.params),
        query: strMap(b.query),
        token: (b.token as TokenVariant | undefined) ?? 'valid',
        version: b.version as number | null | undefined,
        subprotocols: b.subprotocols as string[] | undefined,
        headers: (b.headers ?? {}) as Record<string, string>,
        pong: b.pong !== false,
        expect,
        ...instanceOf(b),
      };
    }
    case 'send':
      return {
        kind,
        client: b.client as string,
        message: b.message as Json | undefined,
        raw: b.raw as string | undefined,
        oversized: b.oversized === true,
        unchecked: b.unchecked === true,
        ...(b.ifOpen === true ? { ifOpen: true as const } : {}),
        repeat: repeatOf(b.repeat),
      };
    case 'expect':
      return {
        kind,
        client: b.client as string,
        message: b.message as Json | undefined,
        ...(b.close !== undefined ? { close: ([] as number[]).concat(b.close as number | number[]) } : {}),
        ...(b.orClose !== undefined ? { orClose: closeAllowanceOf(b.orClose as Json) } : {}),
        ...(b.comment === true ? { comment: true as const } : {}),
        count: (b.count as number | undefined) ?? 1,
        within: (b.within as ExpectStep['within'] | undefined) ?? DEFAULTS.expectWithinMs,
      };
    case 'expectNone':
      return { kind, client: b.client as string, message: b.message as Json | undefined, for: b.for as number };
    case 'trigger':
      return {
        kind,
        event: b.event as string,
        stream: String(b.stream),
        example: b.example as string | undefined,
        payload: b.payload as Json | undefined,
        count: (b.count as number | undefined) ?? 1,
      };
    case 'disconnect':
      return { kind, client: b.client as string, abrupt: b.abrupt === true };
    case 'pause':
    case 'resume':
      return { kind, client: b.client as string };
    case 'reconnect':
      return { kind, client: b.client as string, resume: b.resume !== false, ...instanceOf(b) };
    case 'poll':
      return {
        kind,
        client: b.client as string | undefined,
        path: b.path as string,
        params: strMap(b.params),
        query: strMap(b.query),
        status: (b.status as number | undefined) ?? 200,
        body: b.body as Json | undefined,
        matchesEventsOf: b.matchesEventsOf as string | undefined,
        ...(Array.isArray(b.lastEventFields) ? { lastEventFields: b.lastEventFields as string[] } : {}),
        within: (b.within as number | undefined) ?? DEFAULTS.pollWithinMs,
        ...instanceOf(b),
      };
    case 'measure':
      return {
        kind,
        client: b.client as string,
        event: b.event as string,
        stream: String(b.stream),
        example: b.example as string | undefined,
        payload: b.payload as Json | undefined,
        message: b.message as Json | undefined,
        samples: (b.samples as number | undefined) ?? 20,
        within: (b.within as number | undefined) ?? DEFAULTS.expectWithinMs,
      };
    case 'sleep':
      return { kind, ms: b.ms as number };
    case 'sameEvents':
      return { kind, clients: b.clients as string[], stream: b.stream as string, ...(b.message !== undefined ? { message: b.message as Json } : {}) };
  }
}

/** A step's `instance:` pin, absent when the step does not pin one. */
function instanceOf(b: Json): { instance?: number } {
  return typeof b.instance === 'number' ? { instance: b.instance } : {};
}

function fail(file: string, line: number, column: number, rule: string, message: string): ScenarioLoadResult {
  return { ok: false, diagnostics: [{ file, line, column, severity: 'error', rule, message }] };
}

function repeatOf(raw: unknown): SendStep['repeat'] {
  if (raw === undefined) return 1;
  if (typeof raw === 'number') return raw;
  const r = raw as Json;
  return { limit: r.limit as string, plus: (r.plus as number | undefined) ?? 0 };
}

function closeAllowanceOf(raw: Json): CloseAllowance {
  return {
    codes: ([] as number[]).concat(raw.code as number | number[]),
    ...(raw.limit !== undefined ? { limit: raw.limit as string } : {}),
    ...(raw.atMost !== undefined ? { atMost: raw.atMost as number } : {}),
  };
}
