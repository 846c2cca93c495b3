/**
 * `generated/<id>/index.d.ts`: the contract's types (one per message, one per named schema), the
 * `ServerMessage`/`ClientMessage` unions discriminated on `type`, and the declarations of the
 * runtime in index.js. Sections and members are sorted, so the file is byte-stable.
 */
import type { MessageModel } from '../contract/model.js';
import { compare, type Catalog, type CatalogMessage } from './catalog.js';
import { declaration, docLines, paragraphs, schemaTags, type TypeContext } from './emit-types.js';
import { generatedHeader } from './header.js';
import { propertyKey } from './names.js';

export function emitDts(catalog: Catalog, source: string): string {
  const { contract } = catalog;
  const ctx: TypeContext = { nameOf: catalog.nameOf };
  const out: string[] = [generatedHeader(source)];
  out.push(
    docLines([`${contract.title} ${contract.version}: the type of every frame, and the declarations of ./index.js.`, ...(contract.description ? ['', ...paragraphs(contract.description).slice(0, 1)] : [])], '').join('\n'),
    '',
    `/** Contract id (\`info.x-specwire.id\`, else the file name). */`,
    `export declare const CONTRACT_ID: ${JSON.stringify(contract.id)};`,
    `/** Contract version (\`info.version\`). */`,
    `export declare const CONTRACT_VERSION: ${JSON.stringify(contract.version)};`,
  );

  out.push('', '// ---- Messages: one type per frame ----');
  for (const m of catalog.messages) {
    out.push('');
    if (m.payloadName) out.push([...docLines(messageDoc(m.message, []), ''), `export type ${m.typeName} = ${m.payloadName};`].join('\n'));
    else {
      const payloadDoc = typeof m.message.payload.description === 'string' ? ['', ...paragraphs(m.message.payload.description)] : [];
      out.push(declaration(m.typeName, m.message.payload, ctx, messageDoc(m.message, payloadDoc)));
    }
  }

  if (catalog.named.length) out.push('', '// ---- Schemas ----');
  for (const { name, schema } of catalog.named) {
    out.push('', declaration(name, schema, ctx, schemaDoc(name, schema)));
  }

  out.push('', '// ---- Unions and type lists ----');
  out.push(...directionTypes('Server', 'sent by the server', catalog.server));
  out.push(...directionTypes('Client', 'sent by the client', catalog.client));
  const all = [...new Set([...catalog.server, ...catalog.client].flatMap((m) => m.typeConsts))].sort(compare);
  out.push(
    '',
    '/** Every `type` of the contract, both directions. */',
    'export type MessageType = ServerMessageType | ClientMessageType;',
    `export declare const MESSAGE_TYPES: readonly [${all.map((t) => JSON.stringify(t)).join(', ')}];`,
  );

  out.push('', '// ---- Decoding, encoding, guards ----', '', API_TYPES);
  out.push(...directionApi('Server', 'the server sends', 'a client receives'));
  out.push(...directionApi('Client', 'a client sends', 'the server receives'));
  out.push('');
  for (const m of catalog.messages) {
    out.push(`/** True when \`value\` is a valid \`${m.message.type ?? m.message.name ?? m.message.id}\` frame (full schema validation). */`);
    out.push(`export declare function ${m.guardName}(value: unknown): value is ${m.typeName};`);
  }
  return `${out.join('\n')}\n`;
}

function directionTypes(side: 'Server' | 'Client', who: string, messages: CatalogMessage[]): string[] {
  const types = [...new Set(messages.flatMap((m) => m.typeConsts))].sort(compare);
  const byConst = new Map<string, string[]>();
  for (const m of messages) {
    for (const c of m.typeConsts) {
      const member = m.typeConsts.length > 1 ? `Extract<${m.typeName}, { type: ${JSON.stringify(c)} }>` : m.typeName;
      byConst.set(c, [...(byConst.get(c) ?? []), member]);
    }
  }
  // A frame without a `type` joins the union as `type?: undefined`, so `switch (m.type)` still
  // compiles and `case undefined` narrows to it.
  const names = messages.map((m) => (m.typeConsts.length || declaresType(m) ? m.typeName : `(${m.typeName} & { type?: undefined })`));
  const unionText = names.length === 0 ? ' never' : names.length === 1 ? ` ${names[0]}` : names.map((n) => `\n  | ${n}`).join('');
  return [
    '',
    `/** Every frame ${who}; \`switch (message.type)\` narrows it. */`,
    `export type ${side}Message =${unionText};`,
    `/** The \`type\` of every frame ${who}. */`,
    `export type ${side}MessageType = ${types.length ? types.map((t) => JSON.stringify(t)).join(' | ') : 'never'};`,
    `/** Frame type by \`type\` value, for handler maps: \`{ [K in ${side}MessageType]: (m: ${side}MessageMap[K]) => void }\`. */`,
    `export interface ${side}MessageMap {${types.length ? '\n' + types.map((t) => `  ${propertyKey(t)}: ${byConst.get(t)!.join(' | ')};`).join('\n') + '\n' : ''}}`,
    `export declare const ${side.toUpperCase()}_MESSAGE_TYPES: readonly [${types.map((t) => JSON.stringify(t)).join(', ')}];`,
  ];
}

function declaresType(m: CatalogMessage): boolean {
  const properties = m.message.payload.properties;
  return typeof properties === 'object' && properties !== null && 'type' in properties;
}

const API_TYPES = `/** What went wrong with a frame. Decoders return it as a value and never throw. */
export interface DecodeError {
  /**
   * \`not-json\`: the data does not parse; \`not-object\`: it is JSON but not an object;
   * \`unknown-type\`: \`type\` is missing, not a string, or not a message of this direction;
   * \`invalid\`: the frame breaks its message schema (see \`path\`, \`expected\`, \`actual\`).
   */
  kind: 'not-json' | 'not-object' | 'unknown-type' | 'invalid';
  /** One line for logs, e.g. \`invalid "activity" frame at /activity/ts: expected format "date-time", got "yesterday"\`. */
  message: string;
  /** The frame's \`type\`, when it has a string one. */
  type?: string;
  /** JSON Pointer of the offending value in the frame, e.g. \`/activity/data/task/title\` (\`""\` is the frame itself). */
  path?: string;
  /** Where in the message's JSON Schema the failed rule is. */
  schemaPath?: string;
  /** What the schema expects there, e.g. \`string\`, \`format "uuid"\`, \`required property\`. */
  expected?: string;
  /** What the frame has there, e.g. \`42\`, \`"abc"\`, \`missing\`. */
  actual?: string;
}

export type DecodeResult<T> = { ok: true; message: T } | { ok: false; error: DecodeError };
export type EncodeResult = { ok: true; data: string } | { ok: false; error: DecodeError };
/** A text frame as \`ws\`, browsers or a Node \`Buffer\` deliver it (UTF-8 bytes or a string). */
export type WireData = string | Uint8Array | ArrayBuffer;`;

function directionApi(side: 'Server' | 'Client', sends: string, receives: string): string[] {
  const t = `${side}Message`;
  return [
    '',
    `/** Parses and validates one frame ${sends} (what ${receives} calls). Never throws. */`,
    `export declare function decode${t}(data: WireData): DecodeResult<${t}>;`,
    `/** Validates an already parsed frame ${sends}. Never throws. */`,
    `export declare function validate${t}(value: unknown): DecodeResult<${t}>;`,
    `/** Validates, then serializes, a frame ${sends}; an invalid frame is an error value, not a throw. */`,
    `export declare function encode${t}(message: ${t}): EncodeResult;`,
    `/** True when \`value\` is a valid frame ${sends}. */`,
    `export declare function is${t}(value: unknown): value is ${t};`,
  ];
}

/** Summary, description, then `extra` (the inline payload's description), then the tags. */
function messageDoc(m: MessageModel, extra: string[]): string[] {
  const lines: string[] = [];
  const label = `\`${m.type ?? m.name ?? m.id}\``;
  lines.push(m.summary ? `${label} — ${m.summary}` : m.title ? `${label} — ${m.title}` : label);
  if (m.description) lines.push('', ...paragraphs(m.description));
  const tags: string[] = [];
  const directions = m.directions.map((d) => (d === 'server-to-client' ? 'server → client' : 'client → server'));
  if (directions.length) tags.push(`@direction ${directions.join(', ')}`);
  if (m.authority === 'state') tags.push('@authority state: the payload is the authoritative new state; apply it as is.');
  if (m.authority === 'hint') tags.push('@authority hint: the payload says that something changed; refetch the state.');
  if (m.control) tags.push('@control a control frame (ack, error, heartbeat), not a stream event.');
  if (m.since) tags.push(`@since ${m.since}`);
  return [...lines, ...extra, ...(tags.length ? ['', ...tags] : [])];
}

function schemaDoc(name: string, schema: Record<string, unknown>): string[] {
  const lines: string[] = [];
  if (typeof schema.title === 'string' && schema.title !== name) lines.push(schema.title);
  if (typeof schema.description === 'string') {
    if (lines.length) lines.push('');
    lines.push(...paragraphs(schema.description));
  }
  const tags = schemaTags(schema);
  if (tags.length) lines.push('', ...tags);
  return lines;
}
