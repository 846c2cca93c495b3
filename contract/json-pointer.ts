/** JSON Pointer (RFC 6901) tokens, shared by every reader of pointers: ajv paths, `$ref`s, scenario references. */

/** One reference token unescaped: `~1` is `/`, then `~0` is `~` (in this order, as RFC 6901 says). */
export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The unescaped tokens of `/a/b~1c` (an ajv `instancePath`, or a fragment without its `#`); `''` has none. */
export function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapePointerToken);
}
