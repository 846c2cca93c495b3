import { describeHandshake, type DerivedCheck, type Handshake } from './check.js';

/**
 * Where the document declares security, an upgrade without credentials is refused. The document
 * does not say how, so every refusal counts: an HTTP error before the upgrade, a close soon after
 * it, or the document's own error message as the first frame.
 */
export const authRequired: DerivedCheck<{ handshake: Handshake; firstFrameIsError: boolean; schemes: string; windowMs: number }> = {
  id: 'auth-required',
  description: 'Where the document declares security, an upgrade without credentials is refused (HTTP ≥ 400, a close, or the declared error message)',
  judge({ handshake, firstFrameIsError, schemes, windowMs }) {
    if (handshake.kind === 'http' && handshake.status >= 400) return undefined;
    if (handshake.kind === 'closed' || (handshake.kind === 'open' && handshake.code !== undefined) || firstFrameIsError) return undefined;
    if (handshake.kind === 'open') return { message: `accepted without credentials and still open after ${windowMs} ms; the document declares ${schemes}` };
    if (handshake.kind === 'http') return { message: `expected a refusal without credentials (${schemes}), got HTTP ${handshake.status}` };
    return { message: `expected a refusal without credentials (${schemes}), got ${describeHandshake(handshake)}` };
  },
};
