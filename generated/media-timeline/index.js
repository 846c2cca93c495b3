// generated from asyncapi/media-timeline.yaml by specwire generate — do not edit
// Media timeline live updates 1.2.0: decode, validate, encode and guard every frame. Types: ./index.d.ts.

import {
  validateConnectedMessage,
  validateErrorMessage,
  validateEventStatusMessage,
  validateMediaDeleteMessage,
  validateMediaNewMessage,
  validateMediaUpdateMessage,
  validatePingMessage,
  validatePongMessage,
  validateResyncMessage,
  validateSubscribeMessage,
  validateUnsubscribeMessage,
} from "./validators.js";

export const CONTRACT_ID = "media-timeline";
export const CONTRACT_VERSION = "1.2.0";
export const SERVER_MESSAGE_TYPES = Object.freeze(["connected","error","event:status","media:delete","media:new","media:update","pong","resync"]);
export const CLIENT_MESSAGE_TYPES = Object.freeze(["ping","subscribe","unsubscribe"]);
export const MESSAGE_TYPES = Object.freeze(["connected","error","event:status","media:delete","media:new","media:update","ping","pong","resync","subscribe","unsubscribe"]);

/** Frames the server sends, by `type`. */
const SERVER = {
  __proto__: null,
  "connected": validateConnectedMessage,
  "error": validateErrorMessage,
  "event:status": validateEventStatusMessage,
  "media:delete": validateMediaDeleteMessage,
  "media:new": validateMediaNewMessage,
  "media:update": validateMediaUpdateMessage,
  "pong": validatePongMessage,
  "resync": validateResyncMessage,
};
/** Frames the server sends that have no `type` const: tried in order when the lookup misses. */
const SERVER_UNTYPED = [];

/** Frames a client sends, by `type`. */
const CLIENT = {
  __proto__: null,
  "ping": validatePingMessage,
  "subscribe": validateSubscribeMessage,
  "unsubscribe": validateUnsubscribeMessage,
};
/** Frames a client sends that have no `type` const: tried in order when the lookup misses. */
const CLIENT_UNTYPED = [];

export function decodeServerMessage(data) {
  return decodeWith(data, SERVER, SERVER_UNTYPED, "server");
}
export function validateServerMessage(value) {
  return validateWith(value, SERVER, SERVER_UNTYPED, "server");
}
export function encodeServerMessage(message) {
  return encodeWith(message, SERVER, SERVER_UNTYPED, "server");
}
export function isServerMessage(value) {
  return validateWith(value, SERVER, SERVER_UNTYPED, "server").ok;
}

export function decodeClientMessage(data) {
  return decodeWith(data, CLIENT, CLIENT_UNTYPED, "client");
}
export function validateClientMessage(value) {
  return validateWith(value, CLIENT, CLIENT_UNTYPED, "client");
}
export function encodeClientMessage(message) {
  return encodeWith(message, CLIENT, CLIENT_UNTYPED, "client");
}
export function isClientMessage(value) {
  return validateWith(value, CLIENT, CLIENT_UNTYPED, "client").ok;
}

export function isConnectedMessage(value) {
  return validateConnectedMessage(value);
}
export function isErrorMessage(value) {
  return validateErrorMessage(value);
}
export function isEventStatusMessage(value) {
  return validateEventStatusMessage(value);
}
export function isMediaDeleteMessage(value) {
  return validateMediaDeleteMessage(value);
}
export function isMediaNewMessage(value) {
  return validateMediaNewMessage(value);
}
export function isMediaUpdateMessage(value) {
  return validateMediaUpdateMessage(value);
}
export function isPingMessage(value) {
  return validatePingMessage(value);
}
export function isPongMessage(value) {
  return validatePongMessage(value);
}
export function isResyncMessage(value) {
  return validateResyncMessage(value);
}
export function isSubscribeMessage(value) {
  return validateSubscribeMessage(value);
}
export function isUnsubscribeMessage(value) {
  return validateUnsubscribeMessage(value);
}

// ---- decode/encode runtime (codegen/templates/runtime.js, the same in every contract) ----

const textDecoder = new TextDecoder();

/** Parses a text frame, then validates it against the table of its direction. */
function decodeWith(data, table, untyped, direction) {
  let value;
  try {
    value = JSON.parse(typeof data === "string" ? data : textDecoder.decode(data));
  } catch (err) {
    return { ok: false, error: { kind: "not-json", message: `not JSON: ${err instanceof Error ? err.message : String(err)}` } };
  }
  return validateWith(value, table, untyped, direction);
}

/** Dispatches on `type`, then runs only that message's validator. */
function validateWith(value, table, untyped, direction) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: { kind: "not-object", message: `expected a JSON object, got ${describe(value)}`, actual: describe(value) } };
  }
  const type = value.type;
  const validate = typeof type === "string" ? table[type] : undefined;
  if (validate !== undefined) {
    if (validate(value)) return { ok: true, message: value };
    return { ok: false, error: invalid(validate.errors, value, type) };
  }
  for (let i = 0; i < untyped.length; i++) if (untyped[i](value)) return { ok: true, message: value };
  // A frame without `type` can only have meant an untyped message: with one candidate, its error helps.
  if (type === undefined && untyped.length === 1) return { ok: false, error: invalid(untyped[0].errors, value, undefined) };
  return { ok: false, error: unknownType(type, table, direction) };
}

function encodeWith(message, table, untyped, direction) {
  const result = validateWith(message, table, untyped, direction);
  return result.ok ? { ok: true, data: JSON.stringify(message) } : result;
}

function unknownType(type, table, direction) {
  const types = Object.keys(table);
  const known = types.length ? types.map((t) => JSON.stringify(t)).join(", ") : `none: the contract has no ${direction} messages with a "type"`;
  if (type === undefined) return { kind: "unknown-type", message: `frame has no "type" (${direction} types: ${known})`, path: "/type", expected: "a message type", actual: "missing" };
  if (typeof type !== "string") return { kind: "unknown-type", message: `"type" must be a string, got ${describe(type)}`, path: "/type", expected: "string", actual: describe(type) };
  return { kind: "unknown-type", type, message: `unknown ${direction} type ${JSON.stringify(type)} (known: ${known})`, path: "/type", expected: types.length ? `one of ${known}` : "no frame", actual: describe(type) };
}

/** Turns ajv's errors into one DecodeError: the most specific failure, with where, what and found. */
function invalid(errors, value, type) {
  const error = pickError(errors || []);
  const params = error.params || {};
  let path = error.instancePath;
  let expected;
  let actual;
  switch (error.keyword) {
    case "required":
      path += `/${escapePointer(params.missingProperty)}`;
      expected = "required property";
      actual = "missing";
      break;
    case "additionalProperties":
      path += `/${escapePointer(params.additionalProperty)}`;
      expected = "no such property";
      break;
    case "discriminator":
      path += `/${escapePointer(params.tag)}`;
      if (params.error === "mapping") expected = `one of ${(params.allowed || []).map((v) => JSON.stringify(v)).join(", ")}`;
      else if (params.tagValue === undefined) expected = "required property";
      else expected = "string";
      break;
    case "type":
      expected = String(params.type).split(",").join(" or ");
      break;
    case "const":
      expected = sameConsts(errors, error);
      break;
    case "enum":
      expected = `one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
      break;
    case "format":
      expected = `format ${JSON.stringify(params.format)}`;
      break;
    case "pattern":
      expected = `match /${params.pattern}/`;
      break;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      expected = `${params.comparison} ${params.limit}`;
      break;
    case "minLength":
    case "minItems":
    case "minProperties":
      expected = `at least ${params.limit} ${unit(error.keyword)}`;
      break;
    case "maxLength":
    case "maxItems":
    case "maxProperties":
      expected = `at most ${params.limit} ${unit(error.keyword)}`;
      break;
    case "uniqueItems":
      expected = "unique items";
      actual = `items ${params.j} and ${params.i} are equal`;
      break;
    default:
      expected = error.message || error.keyword;
  }
  if (actual === undefined) actual = describe(valueAt(value, path));
  const where = path || "/";
  return {
    kind: "invalid",
    type,
    message: `invalid ${type === undefined ? "" : `${JSON.stringify(type)} `}frame at ${where}: expected ${expected}, got ${actual}`,
    path,
    schemaPath: error.schemaPath,
    expected,
    actual,
  };
}

/**
 * With several errors (branches of a oneOf/anyOf), the deepest one is the most specific; at equal
 * depth a failed `const` (usually "not this branch") counts less than any other rule.
 */
function pickError(errors) {
  let best = errors[0] || { instancePath: "", schemaPath: "", keyword: "unknown", params: {}, message: "is invalid" };
  let bestScore = -1;
  for (const e of errors) {
    if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if" || e.keyword === "not") continue;
    let depth = 0;
    for (let i = 0; i < e.instancePath.length; i++) if (e.instancePath.charCodeAt(i) === 47) depth++;
    if (e.keyword === "required" || e.keyword === "additionalProperties" || e.keyword === "discriminator") depth++;
    const score = depth * 2 + (e.keyword === "const" ? 0 : 1);
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** `"a"`, or `one of "a", "b"` when several branches each wanted their own constant at that path. */
function sameConsts(errors, error) {
  const values = [];
  for (const e of errors) {
    if (e.keyword === "const" && e.instancePath === error.instancePath) {
      const text = JSON.stringify(e.params.allowedValue);
      if (!values.includes(text)) values.push(text);
    }
  }
  return values.length > 1 ? `one of ${values.join(", ")}` : values[0];
}

function unit(keyword) {
  return keyword.endsWith("Length") ? "characters" : keyword.endsWith("Items") ? "items" : "properties";
}

function escapePointer(key) {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The value at a JSON Pointer, or undefined. */
function valueAt(value, pointer) {
  if (!pointer) return value;
  let current = value;
  for (const raw of pointer.slice(1).split("/")) {
    if (current === null || typeof current !== "object") return undefined;
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A short rendering of a found value: `42`, `"abc"`, `null`, `an array of 3`, `an object`, `missing`. */
function describe(value) {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}
