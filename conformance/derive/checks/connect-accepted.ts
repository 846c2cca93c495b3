import { describeHandshake, type DerivedCheck, type Handshake } from './check.js';

/** With the credentials given (or none, where none are declared) the channel's upgrade is accepted and stays open while the client says nothing. */
export const connectAccepted: DerivedCheck<{ handshake: Handshake; url: string }> = {
  id: 'connect-accepted',
  description: 'The upgrade to the channel address (parameters from the document, credentials from the flags) is accepted and not closed unprompted',
  judge({ handshake, url }) {
    if (handshake.kind === 'open' && handshake.code === undefined) return undefined;
    if (handshake.kind === 'open') return { message: `the server closed the connection (${handshake.code}) ${handshake.closedAfterMs} ms after accepting it, before the client sent anything (${url})` };
    return { message: `expected the upgrade to ${url} to be accepted, got ${describeHandshake(handshake)}` };
  },
};
