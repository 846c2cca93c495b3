/**
 * Our emitted format checks must accept exactly what ajv-formats (full) accepts, or generated and
 * run-time validators disagree. Curated edge cases plus property-based inputs shaped like each format.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, FORMAT_SOURCES, generationFormats } from '../../codegen/formats.js';

type Check = (value: string | number) => boolean;

function reference(name: string): Check {
  const def = (fullFormats as Record<string, unknown>)[name];
  if (def instanceof RegExp) return (s) => def.test(String(s));
  if (typeof def === 'function') return def as Check;
  return (def as { validate: Check }).validate;
}

const ours = (name: string) => evaluate(FORMAT_SOURCES[name]!) as unknown as Check;

const EDGE_CASES: Record<string, string[]> = {
  date: ['2026-04-30', '2026-02-29', '2024-02-29', '2000-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-4-30', '2026-04-30 ', 'x026-04-30', '2026-04-3Z'],
  time: ['09:21:07Z', '09:21:07', '23:59:60Z', '23:59:60+00:00', '00:59:60+01:00', '09:21:07.5+0100', '09:21:07+01', '09:21:07+01:', '24:00:00Z', '09:60:00Z', '09:21:07.Z', '9:21:07Z'],
  'iso-time': ['09:21:07', '09:21:07Z', '23:59:60', '09:21:07+24:00', '09:21:07-23:59'],
  'date-time': [
    '2026-03-14T09:21:07.412Z', '2026-03-14t09:21:07z', '2026-03-14 09:21:07+01:00', '2026-03-14T09:21:07', '2026-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z', '2026-03-14T23:59:60Z', '2026-03-14T24:59:60+01:00', '2026-03-14T09:21:07.Z', '2026-03-14T09:21:07+0100',
    '2026-03-14T09:21:07+01:', '2026-03-14\u00a009:21:07Z', '2026-03-14\n09:21:07Z', '2026-03-14T09:21:07Z ', '2026-13-14T09:21:07Z',
    '2026-03-14T09:21:59.99999999999999999999Z', '2026-03-14T23:59:59.99999999999999999999Z', '2026-03-14T09:21:07+24:00', '2026-04-31T00:00:00Z',
    '2026-03-14T09:21:07.1234567890Z', 'x', '', '2026-03-14TT09:21:07Z',
  ],
  'iso-date-time': ['2026-03-14T09:21:07', '2026-03-14 09:21:07.5', '2026-03-14T09:21:07Z', '2026-03-14T25:21:07'],
  uri: [
    'https://cdn.example.com/avatars/a3c5e7f9.png', 'https://user@host/x', 'http://[::1]:80/', 'mailto:a@b.c', 'urn:isbn:123', 'https://h/p?q=1#f',
    'https://h/p#f#g', 'https://h:8x/', 'https://h:8080', 'https://h/%zz', 'https://h/%2F', 'http://h/a b', 'foo', '//host/x', 'https:host',
    'a://', 'HTTPS://EXAMPLE.COM/', 'https://h/?a=b/c?d', 'https://h#frag/?x', 'https://h/ä', 'http://h/"q"', 'file:///etc/hosts', 'h1+x.y-z://q',
    'https://a@b@c/', 'https://a@b/@c', 'https://h:80:90/', 'https://h:/x', 'https://%41%4a/%7e?%zz',
  ],
  byte: ['aGVsbG8=', 'aGVsbG8', '', 'a===', 'YQ==\n!!', '@@@@'],
  regex: ['^a+$', '(', 'a\\Z', '[', '\\d{2}'],
};

describe.each(Object.keys(FORMAT_SOURCES))('format %s', (name) => {
  const mine = ours(name);
  const theirs = reference(name);

  it('agrees with ajv-formats on edge cases', () => {
    for (const value of EDGE_CASES[name] ?? []) expect(mine(value), JSON.stringify(value)).toBe(theirs(value));
  });

  it('agrees with ajv-formats on generated inputs', () => {
    const shaped = SHAPES[name] ?? fc.string();
    fc.assert(
      fc.property(fc.oneof(shaped, fc.string(), fc.string({ unit: 'binary' })), (value) => mine(value as never) === theirs(value as never)),
      { numRuns: 3000 },
    );
  });
});

describe('number formats', () => {
  it.each(['int32', 'int64', 'float', 'double'])('%s agrees with ajv-formats', (name) => {
    const mine = ours(name);
    const theirs = reference(name);
    for (const n of [0, 1, -1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER, 1e300]) expect(mine(n)).toBe(theirs(n));
    fc.assert(fc.property(fc.double(), (n) => mine(n) === theirs(n)));
  });
});

describe('generationFormats', () => {
  it('covers every ajv-formats format, so the same schemas are checked as at run time', () => {
    expect(Object.keys(generationFormats()).sort()).toEqual(Object.keys(fullFormats).sort());
  });
});

const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
const near = (...parts: fc.Arbitrary<string>[]) => fc.tuple(...parts).map((p) => p.join(''));
const sep = fc.constantFrom('T', 't', ' ', '\u00a0', '\n', 'x', '', 'TT');
const zone = fc.oneof(fc.constantFrom('Z', 'z', '', '+', '+01', '+01:', '-0130', '+24:00', '-23:59', '+01:60'), near(fc.constantFrom('+', '-'), digits(2), fc.constantFrom('', ':'), digits(2)));
const frac = fc.oneof(fc.constant(''), fc.constant('.'), near(fc.constant('.'), fc.stringMatching(/^[0-9]{1,22}$/)));
const time = near(digits(2), fc.constantFrom(':', '-'), digits(2), fc.constant(':'), digits(2), frac, zone);
const date = near(digits(4), fc.constantFrom('-', '/'), fc.stringMatching(/^[01][0-9]$/), fc.constant('-'), fc.stringMatching(/^[0-3][0-9]$/));
const uriChar = fc.constantFrom(...'aZ09-._~!$&\'()*+,;=:@/?#%[] "<>\\^`{|}ä'.split(''), '%2F', '%g1', '::1');
const uriTail = fc.array(uriChar, { maxLength: 25 }).map((a) => a.join(''));

const SHAPES: Record<string, fc.Arbitrary<string>> = {
  date,
  time,
  'iso-time': time,
  'date-time': near(date, sep, time),
  'iso-date-time': near(date, sep, time),
  uri: fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    near(fc.constantFrom('https', 'h1+x'), fc.constant('://'), uriTail),
    near(fc.constantFrom('https', 'h1+x', 'urn', '1x', ''), fc.constantFrom('://', ':', ':/', '//'), uriTail),
  ),
  byte: fc.stringMatching(/^[A-Za-z0-9+/=\n!]{0,12}$/),
  regex: fc.stringMatching(/^[a-z()[\]\\Z^$+*?{}0-9]{0,8}$/),
};
