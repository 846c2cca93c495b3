/**
 * WebSocket close codes every specwire contract uses. Mirrors `x-specwire-close-codes` in
 * asyncapi/common/components.yaml (a test keeps the two equal). Import these; never write 4401 inline.
 */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  MessageTooBig: 1009,
  /** 1009's alternative for stacks that cannot send it (daphne: only 1000 and 3000–4999). */
  MessageTooBigApp: 4009,
  BadFrame: 4400,
  Unauthenticated: 4401,
  Forbidden: 4403,
  UnsupportedVersion: 4406,
  IdleTimeout: 4408,
  RateLimited: 4429,
  SlowConsumer: 4508,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** `4401` → `Unauthenticated`, for reports. */
export function closeCodeName(code: number): string {
  const entry = Object.entries(CloseCode).find(([, c]) => c === code);
  return entry ? entry[0] : String(code);
}
