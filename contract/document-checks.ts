/**
 * What `@asyncapi/parser` checked on an AsyncAPI 3.x document through Spectral, done directly: the
 * document against the official JSON Schema (dereferenced, and the root file as written) and the
 * parser's 3.x core rules. Rule ids, messages and paths are the parser's (its ruleset/ and Spectral's
 * `schema` and `pattern` functions are the reference), so diagnostics and their positions stayed the
 * same when the loader stopped running Spectral, which cost ~90% of a lint
 * (docs/performance.md; test/contract/document-checks.test.ts compares both on every fixture).
 */
import betterAjvErrors from '@stoplight/better-ajv-errors';
import type { ErrorObject } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { DOCUMENT_VERSIONS, documentValidator, isDocumentVersion, type DocumentVersion } from './document-schema.js';
import { unescapePointerToken } from './json-pointer.js';

export interface DocumentFinding {
  /** The parser's rule id, e.g. `asyncapi-document-resolved`. */
  rule: string;
  message: string;
  /** JSON path in the dereferenced document (`resolved`), or in the root file as written. */
  path: string[];
  resolved: boolean;
}

type Json = Record<string, unknown>;

/**
 * `asyncapi-is-asyncapi`: the input is a mapping with an `asyncapi` string naming a version the
 * schemas cover. A finding means the input is not an AsyncAPI document specwire can read at all.
 */
export function notAsyncapi(data: unknown): DocumentFinding | undefined {
  const rule = 'asyncapi-is-asyncapi';
  if (!isObject(data) || typeof data.asyncapi !== 'string') {
    return { rule, resolved: true, path: [], message: 'This is not an AsyncAPI document. The "asyncapi" field as string is missing.' };
  }
  if (!isDocumentVersion(data.asyncapi)) {
    return { rule, resolved: true, path: [], message: `Version "${data.asyncapi}" is not supported. Please use "${DOCUMENT_VERSIONS.at(-1)}" (latest) version of the specification.` };
  }
  return undefined;
}

/**
 * The schema a document is checked against: its version's, or for an unknown patch version of a
 * known minor (`3.0.1`) that minor's, as the parser's Spectral formats matched documents (such a
 * document is still refused by `notAsyncapi`; these findings come beside it).
 */
export function schemaVersionOf(data: unknown): DocumentVersion | undefined {
  if (!isObject(data) || typeof data.asyncapi !== 'string') return undefined;
  const match = /^(\d+)\.(\d+)\.(0|[1-9]\d*)$/.exec(data.asyncapi);
  const version = match ? `${match[1]}.${match[2]}.0` : undefined;
  return isDocumentVersion(version) ? version : undefined;
}

/**
 * Every finding of the parser's 3.x rules: `raw` is the root file as written, `resolved` the
 * dereferenced document, `version` from `schemaVersionOf`. Any finding is an error.
 */
export function checkDocument(raw: Json, resolved: Json, version: DocumentVersion): DocumentFinding[] {
  const findings = [
    ...schemaFindings(version, resolved, true),
    ...schemaFindings(version, raw, false),
    ...operationMessagesInChannel(raw),
    ...operationChannelInRoot(raw),
    ...channelServersInRoot(raw),
    ...channelServersDeclared(resolved),
    ...channelKeysWithoutQuery(resolved),
    ...channelParameters(resolved),
  ];
  // Spectral reports a result once per rule, path and message
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.path.join('\u0000')}\u0000${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const REF_NOT_EXPECTED = 'Property "$ref" is not expected to be here';

/**
 * `asyncapi-document-resolved` / `-unresolved` (the parser's documentStructure function): the
 * dereferenced document against the schema, except complaints about `$ref` (there are none left);
 * the document as written only for those: where a `$ref` may not stand.
 */
function schemaFindings(version: DocumentVersion, data: Json, resolved: boolean): DocumentFinding[] {
  const validate = documentValidator(version, resolved ? 'resolved' : 'unresolved');
  if (validate(data) || !validate.errors) return [];
  const errors = validate.errors.map((e) => ({ ...e, params: { ...e.params } }));
  if (resolved) prepareResults(errors);
  const unmatched = unmatchedCombinators(errors);
  const rule = resolved ? 'asyncapi-document-resolved' : 'asyncapi-document-unresolved';
  const findings: DocumentFinding[] = [];
  for (const { suggestion, error, path } of betterAjvErrors({}, errors, { propertyPath: [], targetValue: data })) {
    const message = describeCombinator(describeArrayItem(suggestion !== undefined ? `${error}. ${suggestion}` : error, path), unmatched.get(path));
    if (resolved === (message === REF_NOT_EXPECTED)) continue;
    findings.push({
      rule,
      resolved,
      path: path === '' ? [] : path.replace(/^\//, '').split('/').map(unescapePointerToken), // as Spectral decodes result paths
      message: resolved ? message : 'Referencing in this place is not allowed',
    });
  }
  return findings;
}

/**
 * The parser's `prepareResults`: ajv reports a failing `oneOf` (most 3.x fields are "a reference or
 * an object") and a missing `$ref` beside the real error; keep the first error per place.
 */
function prepareResults(errors: ErrorObject[]): void {
  const ignorable = (e: ErrorObject) => e.keyword === 'oneOf' || (e.keyword === 'required' && e.params.missingProperty === '$ref');
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    if (error.keyword === 'additionalProperties') {
      error.instancePath = `${error.instancePath}/${String(error.params.additionalProperty)}`;
    } else if (error.keyword === 'required' && error.params.missingProperty === '$ref') {
      errors.splice(i, 1);
      i--;
    }
  }
  for (let i = 0; i < errors.length; i++) {
    const error = errors[i]!;
    if (i + 1 < errors.length && errors[i + 1]!.instancePath === error.instancePath) {
      errors.splice(i + 1, 1);
      i--;
    } else if (i > 0 && ignorable(error) && errors[i - 1]!.instancePath.startsWith(error.instancePath)) {
      errors.splice(i, 1);
      i--;
    }
  }
}

/** Spectral's schema function: places where every branch of a `oneOf`/`anyOf` failed. */
function unmatchedCombinators(errors: ErrorObject[]): Map<string, string> {
  const unmatched = new Map<string, string>();
  for (const { keyword, instancePath, params } of errors) {
    if ((keyword === 'oneOf' || keyword === 'anyOf') && !Array.isArray(params.passingSchemas)) unmatched.set(instancePath, keyword);
  }
  return unmatched;
}

function describeCombinator(message: string, keyword: string | undefined): string {
  return keyword !== undefined && message.endsWith(` in ${keyword}`) ? `${message}. None of the schemas matched, see the other errors reported for this value` : message;
}

function describeArrayItem(message: string, errorPath: string): string {
  const index = errorPath.split('/').pop();
  if (index === undefined || !/^\d+$/.test(index)) return message;
  const typePrefix = `"${index}" property type`;
  if (message.startsWith(typePrefix)) return `Item at index ${index}${message.slice(typePrefix.length)}`;
  const prefix = `"${index}" property`;
  return message.startsWith(prefix) ? `Item at index ${index}${message.slice(prefix.length)}` : message;
}

/** `asyncapi3-operation-messages-from-referred-channel` (as written: the `$ref` strings decide). */
function operationMessagesInChannel(raw: Json): DocumentFinding[] {
  const findings: DocumentFinding[] = [];
  const operations = [...members(raw, 'operations'), ...members(isObject(raw.components) ? raw.components : {}, 'operations').map(([p, v]) => [['components', ...p], v] as const)];
  for (const [path, op] of operations) {
    if (!isObject(op) || !isReference(op.channel) || (op.messages !== undefined && !(Array.isArray(op.messages) && op.messages.every(isReference)))) continue;
    const channel = isObject(op.channel) ? op.channel.$ref : undefined;
    (op.messages as Json[] | undefined)?.forEach((message, index) => {
      if (typeof message.$ref === 'string' && !message.$ref.startsWith(`${String(channel)}/messages`)) {
        findings.push({ rule: 'asyncapi3-operation-messages-from-referred-channel', resolved: false, path: [...path, 'messages', String(index)], message: 'Operation message does not belong to the specified channel.' });
      }
    });
  }
  return findings;
}

/** `asyncapi3-required-operation-channel-unambiguity`. */
function operationChannelInRoot(raw: Json): DocumentFinding[] {
  return members(raw, 'operations').flatMap(([path, op]) => {
    const ref = isObject(op) ? (isObject(op.channel) ? op.channel.$ref : undefined) : op;
    return typeof ref === 'string' && !/#\/channels\//.test(ref)
      ? [{ rule: 'asyncapi3-required-operation-channel-unambiguity', resolved: false, path: isObject(op) ? [...path, 'channel', '$ref'] : path, message: 'The "channel" field of an operation under the root "operations" object must always reference a channel under the root "channels" object.' }]
      : [];
  });
}

/** `asyncapi3-required-channel-servers-unambiguity`. */
function channelServersInRoot(raw: Json): DocumentFinding[] {
  return members(raw, 'channels').flatMap(([path, channel]) => {
    if (!isObject(channel) || channel.servers === null || typeof channel.servers !== 'object') return [];
    return Object.entries(channel.servers as Json).flatMap(([index, server]) => {
      const ref = isObject(server) ? server.$ref : undefined;
      return typeof ref === 'string' && !/#\/servers\//.test(ref)
        ? [{ rule: 'asyncapi3-required-channel-servers-unambiguity', resolved: false, path: [...path, 'servers', index, '$ref'], message: 'The "servers" field of a channel under the root "channels" object must always reference a subset of the servers under the root "servers" object.' }]
        : [];
    });
  });
}

/**
 * `asyncapi3-channel-servers`. Its input must list server *names*; dereferenced 3.x channels hold
 * server objects, so this only fires where a document wrote names instead of `$ref`s.
 */
function channelServersDeclared(doc: Json): DocumentFinding[] {
  if (doc.servers !== undefined && !isObject(doc.servers)) return [];
  if (doc.channels === undefined) return [];
  if (!isObject(doc.channels)) return [];
  const channels = Object.entries(doc.channels);
  const valid = channels.every(([, c]) => isObject(c) && (c.servers === undefined || (Array.isArray(c.servers) && c.servers.every((s) => typeof s === 'string'))));
  if (!valid) return [];
  const names = Object.keys(isObject(doc.servers) ? doc.servers : {});
  return channels.flatMap(([id, channel]) =>
    ((channel as Json).servers as string[] | undefined ?? []).flatMap((name, index) =>
      names.includes(name) ? [] : [{ rule: 'asyncapi3-channel-servers', resolved: true, path: ['channels', id, 'servers', String(index)], message: 'Channel contains server that are not defined on the "servers" object.' }],
    ),
  );
}

/** `asyncapi3-channel-no-query-nor-fragment` (on the channels' keys, as the parser's rule reads them). */
function channelKeysWithoutQuery(doc: Json): DocumentFinding[] {
  if (!isObject(doc.channels)) return [];
  return Object.keys(doc.channels)
    .filter((key) => /[?#]/.test(key))
    .map((key) => ({ rule: 'asyncapi3-channel-no-query-nor-fragment', resolved: true, path: ['channels', key], message: 'Channel address should not include query ("?") or fragment ("#") delimiter.' }));
}

/**
 * `asyncapi3-channel-parameters`: every `{name}` in an address is declared, nothing else is. Only for
 * channels with a `parameters` object; our lint rule `channel-parameters-declared` covers the rest.
 */
function channelParameters(doc: Json): DocumentFinding[] {
  const channels = [...members(doc, 'channels'), ...members(isObject(doc.components) ? doc.components : {}, 'channels').map(([p, v]) => [['components', ...p], v] as const)];
  const findings: DocumentFinding[] = [];
  for (const [path, channel] of channels) {
    if (!isObject(channel) || !isObject(channel.parameters)) continue;
    if (channel.address !== undefined && channel.address !== null && typeof channel.address !== 'string') continue;
    const variables = typeof channel.address === 'string' ? (channel.address.match(/{(.+?)}/g) ?? []).map((v) => v.slice(1, -1)) : [];
    const declared = Object.keys(channel.parameters);
    const missing = declared.length ? variables.filter((v) => !declared.includes(v)) : variables;
    const redundant = variables.length ? declared.filter((p) => !variables.includes(p)) : declared;
    const rule = 'asyncapi3-channel-parameters';
    if (missing.length) findings.push({ rule, resolved: true, path: [...path, 'parameters'], message: `Not all channel's parameters are described with "parameters" object. Missed: ${missing.join(', ')}.` });
    for (const param of redundant) findings.push({ rule, resolved: true, path: [...path, 'parameters', param], message: `Channel's "parameters" object has redundant defined "${param}" parameter.` });
  }
  return findings;
}

/** `$.<key>.*` as JSONPath gives it: the members of an object (or items of a list) with their paths. */
function members(doc: Json, key: string): (readonly [string[], unknown])[] {
  const container = doc[key];
  if (container === null || typeof container !== 'object') return [];
  return Object.entries(container).map(([k, v]) => [[key, k], v] as const);
}

/** The parser's reference schema for rule input: an object whose `$ref`, if any, is a URI reference. */
function isReference(value: unknown): boolean {
  if (value === undefined) return true;
  if (!isObject(value)) return false;
  return value.$ref === undefined || (typeof value.$ref === 'string' && (fullFormats['uri-reference'] as RegExp).test(value.$ref));
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
