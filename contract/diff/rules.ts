/**
 * The diff rules: one small named function per kind of change, judging it for the side that reads
 * the data. Server→client data is judged for consumers (the new contract must not send anything an
 * old consumer cannot handle); client→server data for producers (the new contract must still accept
 * everything an old producer sends). specwire's generated decoders are closed-world — an unknown
 * `type`, enum value or (in an `additionalProperties: false` object) field fails decoding — so
 * "cannot handle" includes "rejected by the old validator".
 */
import type { Classification, DetectedChange } from './types.js';

export interface Verdict {
  classification: Classification;
  reason: string;
}

export interface DiffRule {
  /** Equal to the `kind` of the changes it judges. */
  id: string;
  description: string;
  classify(change: DetectedChange): Verdict;
}

const breaking = (reason: string): Verdict => ({ classification: 'breaking', reason });
const safe = (reason: string): Verdict => ({ classification: 'non-breaking', reason });
const unknown = (reason: string): Verdict => ({ classification: 'unclassified', reason });

/** One verdict for consumers (server→client), one for producers (client→server); connection-level changes use `other`. */
function byDirection(consumers: Verdict, producers: Verdict, other: Verdict = consumers) {
  return (c: DetectedChange): Verdict => (c.direction === 'server-to-client' ? consumers : c.direction === 'client-to-server' ? producers : other);
}

function rule(id: string, description: string, classify: (c: DetectedChange) => Verdict): DiffRule {
  return { id, description, classify };
}

export const DIFF_RULES: readonly DiffRule[] = [
  // Messages
  rule('message-removed', 'A message is gone: consumers lose events they handle, producers get their frames refused', byDirection(
    breaking('consumers built on the old contract wait for an event that never comes again'),
    breaking('producers still send it and the server no longer accepts it'),
  )),
  rule('message-added', 'A new message: an unknown `type` for old consumers, a new option for producers', byDirection(
    breaking('old consumers do not know this `type`: their decoder rejects it (add it in a new major, or have consumers ignore unknown types first)'),
    safe('old producers never send it; nothing they send changes meaning'),
  )),
  rule('message-direction-removed', 'A message no longer travels in one direction', byDirection(
    breaking('consumers no longer receive it'),
    breaking('producers still send it and the server no longer accepts it'),
  )),
  rule('authority-changed', 'A message switches between authoritative state and refresh hint', () => breaking('consumers apply state payloads directly but refetch on hints: the same frame now needs different handling')),
  // Fields
  rule('field-removed', 'A payload field is gone', (c) =>
    c.direction === 'client-to-server'
      ? c.closed
        ? breaking('old producers still send it and the object no longer allows unknown fields')
        : safe('the server ignores it when old producers still send it')
      : breaking('consumers read a field that is no longer sent')),
  rule('field-added', 'An optional payload field is new', (c) =>
    c.direction === 'server-to-client' && c.closed
      ? breaking('the old object allowed no other fields: old consumers\u2019 validators reject frames carrying it')
      : safe(c.direction === 'client-to-server' ? 'old producers omit it, which stays valid' : 'old consumers ignore a field they do not know')),
  rule('required-field-added', 'A required payload field is new', (c) =>
    c.direction === 'client-to-server'
      ? breaking('old producers do not send it, so their frames are refused')
      : c.closed
        ? breaking('the old object allowed no other fields: old consumers\u2019 validators reject frames carrying it')
        : safe('old consumers ignore a field they do not know')),
  rule('field-required', 'An existing field becomes required', byDirection(
    safe('consumers now always get a field they already handled'),
    breaking('old producers may omit it, and the server now refuses that'),
  )),
  rule('field-optional', 'A required field becomes optional', byDirection(
    breaking('consumers relied on it being present'),
    safe('producers that always send it stay valid'),
  )),
  // Values
  rule('type-widened', 'A field accepts more types than before (e.g. string → string | null)', byDirection(
    breaking('old consumers may now receive a type they do not handle'),
    safe('everything old producers send is still accepted'),
  )),
  rule('type-narrowed', 'A field accepts fewer types than before (e.g. number → integer)', byDirection(
    safe('consumers get a subset of what they already handle'),
    breaking('old producers may send a type the server now refuses'),
  )),
  rule('type-changed', 'A field changes to an unrelated type', () => breaking('neither side\u2019s old values fit the new type')),
  rule('const-changed', 'A fixed value (a `type` discriminator) changes', () => breaking('the old value is no longer valid and the new one is unknown to old code: a rename is a removal plus an addition')),
  rule('enum-value-added', 'An enum gains a value', byDirection(
    breaking('consumers switch on the enum and do not know the new value (their validator rejects it)'),
    safe('old producers never send it'),
  )),
  rule('enum-value-removed', 'An enum loses a value', byDirection(
    safe('consumers just never see it again'),
    breaking('old producers may still send it and the server now refuses it'),
  )),
  rule('variant-added', 'A union (`oneOf`/`anyOf`) gains a variant, e.g. a new activity type', byDirection(
    breaking('consumers switch on the variants and do not know the new one'),
    safe('old producers never send it'),
  )),
  rule('variant-removed', 'A union loses a variant', byDirection(
    safe('consumers just never see it again'),
    breaking('old producers may still send it and the server now refuses it'),
  )),
  rule('constraint-tightened', 'A constraint admits fewer values (shorter maxLength, new pattern, closed object, ...)', byDirection(
    safe('consumers get a subset of what they already accept'),
    breaking('values old producers send may now be refused'),
  )),
  rule('constraint-loosened', 'A constraint admits more values (longer maxLength, pattern removed, ...)', byDirection(
    breaking('old consumers\u2019 validators reject values outside the old bounds'),
    safe('everything old producers send is still accepted'),
  )),
  rule('constraint-changed', 'A format or pattern is replaced by another', () => unknown('whether the new format or pattern admits the old values cannot be decided: review by hand')),
  rule('schema-changed', 'Any other schema keyword changed (allOf, not, patternProperties, ...)', () => unknown('specwire has no rule for this keyword: review by hand')),
  // Channels and connection
  rule('channel-removed', 'A channel (address) is gone', () => breaking('clients connect to an address that no longer exists')),
  rule('channel-added', 'A new channel (address)', () => safe('old clients never connect to it')),
  rule('access-changed', 'Who may receive a channel\u2019s events changes', () => breaking('clients that were allowed may now be refused, or others see what they could not')),
  rule('stream-changed', 'How streams are keyed or subscribed changes', () => breaking('old clients subscribe, resume and order events by the old stream rule')),
  rule('server-removed', 'A server is gone', () => breaking('clients configured with it can no longer connect')),
  rule('server-added', 'A new server', () => safe('old clients do not use it')),
  rule('server-changed', 'A server\u2019s host, protocol or path changes', () => breaking('clients configured with the old value no longer connect')),
  rule('security-removed', 'A server no longer accepts a security scheme', () => breaking('clients authenticating that way are refused')),
  rule('security-added', 'A server accepts an additional security scheme', () => safe('security lists alternatives: the old ones still work')),
  rule('security-required', 'A server that required no auth now requires it', () => breaking('old clients connect without credentials and are refused')),
  rule('security-scheme-changed', 'Where or how the credential travels changes', () => breaking('old clients send the credential where the server no longer looks')),
  rule('versioning-changed', 'How the wire major is negotiated changes', () => breaking('old clients offer a subprotocol or query the server no longer reads')),
  rule('refusal-changed', 'How a handshake is refused changes (HTTP status vs close code)', () => breaking('old clients detect refusal the old way and misread the new one')),
  rule('close-code-removed', 'A close code is no longer used', () => breaking('clients act on it (re-authenticate on 4401, back off on 4429) and never see it again')),
  rule('close-code-changed', 'A close code changes its meaning', () => breaking('clients act on the old meaning')),
  rule('close-code-added', 'A new close code', () => safe('clients already handle codes they do not know, as they must for 1006')),
  rule('limit-tightened', 'A declared limit goes down (payload size, rate, connections, replay buffer, idle timeout)', () => breaking('clients within the old limit may now be refused, throttled or reaped')),
  rule('limit-loosened', 'A declared limit goes up', () => safe('clients within the old limit stay within the new one')),
  rule('polling-endpoint-removed', 'A polling endpoint is gone', () => breaking('fallback clients poll a path that no longer exists')),
  rule('polling-endpoint-added', 'A new polling endpoint', () => safe('old clients do not poll it')),
];

const BY_ID = new Map(DIFF_RULES.map((r) => [r.id, r]));

/** The verdict of the rule for this change's kind; a kind without a rule is unclassified (a walker/rule mismatch, caught by tests). */
export function classify(change: DetectedChange): Verdict & { rule: string } {
  const r = BY_ID.get(change.kind);
  if (!r) return { rule: change.kind, ...unknown('no rule judges this kind of change') };
  return { rule: r.id, ...r.classify(change) };
}
