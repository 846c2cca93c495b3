/**
 * The derived suite as editable scenario YAML (`specwire scaffold`, `specwire test --write-scenarios`):
 * per endpoint, the refusal without credentials, the requests with their expected replies, a
 * listening window, bad frames with a bystander, and the generated messages — in the format of
 * `conformance/scenario.schema.json`, passing `specwire test --check`. The starting point for a
 * team's own scenarios: what the document cannot say (credentials, an error the server answers bad
 * frames with) is left as a comment or a placeholder to edit. Pure: returns the files' text.
 */
import { Document, isMap, isSeq } from 'yaml';
import { setAt } from '../../contract/correlation.js';
import { discriminatorOf, labelOf } from '../../contract/discriminator.js';
import type { MessageModel } from '../../contract/model.js';
import { credentialPlace, describeScheme } from '../../contract/ws-server.js';
import type { DerivedCase, DerivedEndpoint, DerivedRequest, DerivedSuite } from './suite.js';

export interface ScaffoldFile {
  /** `<contract>/<name>.yaml`, relative to the scenarios folder. */
  path: string;
  text: string;
}

/** What goes in a credential the scaffold cannot know. */
export const CREDENTIAL_PLACEHOLDER = 'your-test-credential';

type Json = Record<string, unknown>;
type StepNote = { step: Json; comment?: string };

export function scaffoldScenarios(suite: DerivedSuite): ScaffoldFile[] {
  const files: ScaffoldFile[] = [];
  for (const e of suite.endpoints) {
    const slug = slugOf(e.endpoint.path);
    const write = (kind: string, name: string, tags: string[], description: string, steps: StepNote[], clients: string[]) => {
      files.push({ path: `${suite.model.id}/derived-${slug}-${kind}.yaml`, text: render(suite, name, tags, description, steps, clients, e.endpoint.channelIds.map(channelPointer)) });
    };
    const connect = (client: string, credentials: boolean, extra: Json = {}): StepNote => connectStep(suite, e, client, credentials, extra);
    const refused = e.cases.find((c) => c.kind === 'refused');
    if (refused) {
      write('auth', refused.name, ['auth'], `${refused.from.detail}. The document does not say how a refusal looks: \`refused: any\` accepts an HTTP error or a close; name the status or close code your server uses.`, [connect('anonymous', false, { expect: { refused: 'any' } }), connect('client', true)], ['anonymous', 'client']);
    }
    const requests = e.cases.filter((c): c is Extract<DerivedCase, { kind: 'request' }> => c.kind === 'request');
    if (requests.length) {
      const steps: StepNote[] = [connect('client', true)];
      for (const r of requests) steps.push(...requestSteps('client', r.request));
      write('requests', `${e.endpoint.path}: every request the server receives, answered as declared`, ['schema'], 'Derived from the receive operations: each example (or schema sample) is sent; where the operation declares a reply, a frame of the first reply message is expected, with the correlation id echoed. Always-on checks validate every frame.', steps, ['client']);
    }
    write('listen', `${e.endpoint.path}: what the server sends on its own is declared`, ['schema'], `Connect and listen for ${suite.listenMs} ms: every frame must be one of ${e.endpoint.serverMessages.map(labelOf).join(', ') || 'the declared server messages'} (always-on checks).`, [connect('client', true), { step: { sleep: { ms: suite.listenMs } } }], ['client']);
    const robust = e.cases.find((c): c is Extract<DerivedCase, { kind: 'robustness' }> => c.kind === 'robustness');
    if (robust) {
      const probe = requests.find((r) => r.request.replies.length)?.request;
      const steps: StepNote[] = [connect('client', true), connect('bystander', true)];
      robust.frames.forEach((f, i) => {
        const json = f.kind === 'not-json' ? undefined : (JSON.parse(f.text) as Json);
        const step = json ? { send: { client: 'client', message: json, unchecked: true } } : { send: { client: 'client', raw: f.text } };
        steps.push({ step, comment: i === 0 && e.endpoint.errorMessage ? `${f.why}. The document declares ${labelOf(e.endpoint.errorMessage)}: if your server answers bad frames with it, expect it here.` : f.why });
      });
      if (probe) steps.push(...requestSteps('bystander', probe, 'the other connection is still answered'));
      write('robustness', robust.name, ['robustness'], `Bad frames built from the schemas (seed ${suite.seed}); another connection must carry on.`, steps, ['client', 'bystander']);
    }
    const property = e.cases.find((c): c is Extract<DerivedCase, { kind: 'property' }> => c.kind === 'property');
    if (property) {
      const probe = requests.find((r) => r.request.replies.length)?.request;
      const steps: StepNote[] = [connect('client', true), ...property.values.map(({ message, value }) => ({ step: { send: { client: 'client', message: value } }, comment: `generated ${labelOf(message)}` }))];
      if (probe) steps.push(...requestSteps('client', probe, 'the connection survived every valid message'));
      write('generated', property.name, ['robustness'], `Valid client messages generated from the schemas (fast-check, seed ${suite.seed}, --runs ${suite.runs}); the connection must survive them.`, steps, ['client']);
    }
  }
  return files;
}

function slugOf(path: string): string {
  return path.replace(/[{}]/g, '').split('/').filter(Boolean).join('-').replace(/[^A-Za-z0-9_-]/g, '_') || 'root';
}

function connectStep(suite: DerivedSuite, e: DerivedEndpoint, client: string, credentials: boolean, extra: Json): StepNote {
  const body: Json = { client, channel: e.endpoint.channelIds[0] };
  if (Object.keys(e.params).length) body.params = { ...e.params };
  const query: Json = { ...e.query };
  const headers: Json = { ...e.headers };
  let comment: string | undefined;
  const schemes = e.endpoint.security.filter((s) => credentialPlace(s));
  const jwt = !!suite.model.specwire;
  if (credentials && schemes.length && !jwt) {
    const place = credentialPlace(schemes[0]!)!;
    if (place.in === 'query') query[place.name] = CREDENTIAL_PLACEHOLDER;
    else if (place.in === 'header') headers[place.name] = `${place.prefix ?? ''}${CREDENTIAL_PLACEHOLDER}`;
    else headers.cookie = `${place.name}=${CREDENTIAL_PLACEHOLDER}`;
    comment = `the document declares ${schemes.map(describeScheme).join(' or ')}: put a test credential here`;
  }
  if (!credentials) body.token = 'none';
  if (Object.keys(query).length) body.query = query;
  if (Object.keys(headers).length) body.headers = headers;
  return { step: { connect: { ...body, ...extra } }, ...(comment ? { comment } : {}) };
}

/** The send of a request and, where a reply is declared, the expect of its first reply message. */
function requestSteps(client: string, r: DerivedRequest, why?: string): StepNote[] {
  const send: StepNote = { step: { send: { client, message: r.frame } }, comment: why ?? `${r.operation}: ${labelOf(r.message)} (${r.source})` };
  if (!r.replies.length) return [send];
  const reply = r.replies[0]!;
  const others = r.replies.slice(1).map(labelOf);
  return [send, { step: { expect: { client, message: patternOf(reply, r) } }, comment: `${labelOf(reply)}${others.length ? ` (the document also allows ${others.join(', ')})` : ''}` }];
}

function patternOf(reply: MessageModel, r: DerivedRequest): Json {
  let pattern: unknown = {};
  const d = discriminatorOf(reply);
  if (d) pattern = { [d.key]: d.value };
  const pointer = r.correlation?.replyPointers[reply.id];
  if (pointer) pattern = setAt(pattern, pointer, r.correlation!.value);
  return pattern as Json;
}

/** `contract:` of a derived scenario: the channel it was derived from (RFC 6901 escaping). */
function channelPointer(id: string): string {
  return `#/channels/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function render(suite: DerivedSuite, name: string, tags: string[], description: string, steps: StepNote[], clients: string[], contract: string[]): string {
  const data = {
    name,
    description,
    tags,
    contract,
    clients: Object.fromEntries(clients.map((c) => [c, { sub: `specwire-${c}` }])),
    steps: steps.map((s) => s.step),
  };
  const doc = new Document(data);
  doc.commentBefore = ` Derived by specwire from ${suite.model.title} ${suite.model.version} (${suite.model.id}). Edit freely: this is a starting point.`;
  const seq = doc.get('steps', true);
  if (isSeq(seq)) {
    steps.forEach((s, i) => {
      const node = seq.items[i];
      if (s.comment && isMap(node)) node.commentBefore = ` ${s.comment}`;
    });
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
