/**
 * AsyncAPI 3.x traits: an operation's or a message's `traits` are merged into it (JSON Merge Patch,
 * each trait in order, then the object's own fields on top), as `@asyncapi/parser` does after
 * validation (custom-operations/apply-traits.js), so the model sees the merged operation or message.
 *
 * One difference, on purpose: a field only the object itself has is kept as it is. The parser
 * merge-patches it onto nothing, which copies it (an operation's `channel` and `messages` then no
 * longer are the channel's objects, so the model lost the operation's channel and messages) and
 * drops every `null` inside it (a payload's `const: null`).
 */
type Json = Record<string, unknown>;

/** Applies traits in place on a dereferenced document, once per object however often it is referenced. */
export function applyTraits(doc: Json): void {
  const visited = new Set<unknown>();
  const apply = (value: unknown): void => {
    if (!isObject(value) || visited.has(value)) return;
    visited.add(value);
    if (!Array.isArray(value.traits)) return;
    const own = { ...value };
    for (const key of Object.keys(value)) delete value[key];
    for (const trait of own.traits as unknown[]) {
      if (!isObject(trait)) continue;
      for (const key of Object.keys(trait)) value[key] = mergePatch(value[key], trait[key]);
    }
    for (const key of Object.keys(own)) value[key] = key in value ? mergePatch(value[key], own[key]) : own[key];
  };
  const components = obj(doc.components);
  // the parser's JSONPaths, in its order: operations (with their channel's and own messages), channel messages, component messages
  for (const operations of [obj(doc.operations), obj(components.operations)]) {
    for (const op of Object.values(operations)) apply(op);
    for (const op of Object.values(operations)) Object.values(obj(obj(obj(op).channel).messages)).forEach(apply);
    for (const op of Object.values(operations)) Object.values(obj(obj(op).messages)).forEach(apply);
  }
  for (const channels of [obj(doc.channels), obj(components.channels)]) {
    for (const channel of Object.values(channels)) Object.values(obj(obj(channel).messages)).forEach(apply);
  }
  Object.values(obj(components.messages)).forEach(apply);
}

/** RFC 7386 JSON Merge Patch, never changing `origin` (the parser's `mergePatch`). */
function mergePatch(origin: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const result: Json = isObject(origin) ? { ...origin } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function isObject(value: unknown): value is Json {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** Objects and lists as the parser's JSONPath `*` sees them; anything else has no members. */
function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' ? (value as Json) : {};
}
