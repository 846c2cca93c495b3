/**
 * Format checks emitted into generated validators, as JavaScript source. Each one accepts exactly
 * the strings `ajv-formats` (full mode, what `contract/schema-validator.ts` uses at run time) accepts,
 * so generated and run-time validators agree; `test/codegen/formats.test.ts` proves it per format.
 *
 * Why our own: format checks dominate validation cost (DESIGN §7). ajv-formats' `date-time` splits
 * the string and runs two capturing regexes (~1.7 µs on the CI machine, more than `JSON.parse` of a
 * small frame); `uri` runs a 2 kB regex. These scan characters once. Formats that ajv-formats checks
 * with a plain RegExp are emitted as that RegExp's literal (same engine, same semantics).
 *
 * Every function here is self-contained apart from the helpers it lists in `uses`: its source is
 * copied into `generated/<id>/validators.js`.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';

export interface FormatSource {
  /** A JavaScript function expression. */
  code: string;
  /** JSON type the format applies to (ajv checks other types without calling it). */
  type: 'string' | 'number';
  /** Helper functions (keys of `FORMAT_HELPERS`) the code calls. */
  uses: string[];
}

// ajv-formats keeps its URI regex private: this is its literal, copied from ajv-formats 3.0.1
// dist/formats.js (const URI). test/codegen/formats.test.ts fails if
// ajv-formats changes its uri check, so a dependency bump cannot silently desynchronise the two.
const URI_LITERAL = String.raw`/^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\.[a-z0-9\-._~!$&'()*+,;=:]+)\]|(?:(?:25[0-5]|2[0-4]\d|[01]?\d\d?)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d\d?)|(?:[a-z0-9\-._~!$&'()*+,;=]|%[0-9a-f]{2})*)(?::\d*)?(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*|\/(?:(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\/(?:[a-z0-9\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\?(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$/i`;

/** Shared helpers, emitted once per file before the formats that use them. */
export const FORMAT_HELPERS: Record<string, string> = {
  fmtD2: `function fmtD2(s, k) {
  const a = s.charCodeAt(k) - 48, b = s.charCodeAt(k + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}`,
  // RFC 3339 full-date, the 10 characters at i: YYYY-MM-DD with a real calendar day.
  fmtIsDate: `function fmtIsDate(s, i) {
  const y1 = fmtD2(s, i), y2 = fmtD2(s, i + 2), month = fmtD2(s, i + 5), day = fmtD2(s, i + 8);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || s.charCodeAt(i + 4) !== 45 || s.charCodeAt(i + 7) !== 45) return false;
  if (month === 2) {
    const year = y1 * 100 + y2;
    return day <= (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28);
  }
  return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}`,
  // hh:mm:ss[.frac][Z|±hh[[:]mm]] from i to the end; strict requires the zone. Mirrors
  // ajv-formats' getTime, including its leap-second rule.
  fmtIsTime: `function fmtIsTime(s, i, strict) {
  const n = s.length, hr = fmtD2(s, i), min = fmtD2(s, i + 3);
  let sec = fmtD2(s, i + 6), k = i + 8;
  if (hr < 0 || min < 0 || sec < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return false;
  if (s.charCodeAt(k) === 46) {
    const start = ++k;
    while (k < n && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) k++;
    if (k === start) return false;
    // ss.fff < 60 unless ss is 59 or 60, where rounding decides as it does for ajv-formats' +"ss.fff".
    if (sec === 59 || sec === 60) sec = +s.slice(i + 6, k);
  }
  let zone = false, sign = 1, tzH = 0, tzM = 0;
  if (k < n) {
    const c = s.charCodeAt(k);
    zone = true;
    if (c === 90 || c === 122) {
      if (k + 1 !== n) return false;
    } else if (c === 43 || c === 45) {
      sign = c === 45 ? -1 : 1;
      tzH = fmtD2(s, k + 1);
      if (tzH < 0) return false;
      k += 3;
      if (k < n) {
        if (s.charCodeAt(k) === 58) k++;
        tzM = fmtD2(s, k);
        if (tzM < 0 || k + 2 !== n) return false;
      }
    } else return false;
  }
  if (tzH > 23 || tzM > 59 || (strict && !zone)) return false;
  if (hr <= 23 && min <= 59 && sec < 60) return true;
  const utcMin = min - tzM * sign;
  const utcHr = hr - tzH * sign - (utcMin < 0 ? 1 : 0);
  return (utcHr === 23 || utcHr === -1) && (utcMin === 59 || utcMin === -1) && sec < 61;
}`,
  // One date/time separator: ajv-formats splits on /t|\\s/i and wants exactly two parts.
  fmtIsSeparator: `function fmtIsSeparator(s, k) {
  const c = s.charCodeAt(k);
  return c === 84 || c === 116 || c === 32 || (k < s.length && /\\s/.test(s[k]));
}`,
};

/** Hand-written formats; every other ajv-formats format is emitted from its RegExp or `true`. */
export const FORMAT_SOURCES: Record<string, FormatSource> = {
  date: { type: 'string', uses: ['fmtD2', 'fmtIsDate'], code: `function date(s) {
  return s.length === 10 && fmtIsDate(s, 0);
}` },
  time: { type: 'string', uses: ['fmtD2', 'fmtIsTime'], code: `function time(s) {
  return fmtIsTime(s, 0, true);
}` },
  'iso-time': { type: 'string', uses: ['fmtD2', 'fmtIsTime'], code: `function isoTime(s) {
  return fmtIsTime(s, 0, false);
}` },
  // Fast path: one regex for the everyday shape (hours ≤ 23, seconds ≤ 59, at most 9 fraction
  // digits, so no rounding question) plus the calendar for days 29-31; everything else (leap
  // seconds, other whitespace separators, long fractions) takes the exact slow path.
  'date-time': { type: 'string', uses: ['fmtD2', 'fmtIsDate', 'fmtIsTime', 'fmtIsSeparator'], code: `function dateTime(s) {
  if (/^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])[Tt ](?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,9})?(?:[Zz]|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)$/.test(s)) {
    const d = s.charCodeAt(8);
    return d < 50 || (d === 50 && s.charCodeAt(9) < 57) || fmtIsDate(s, 0);
  }
  return s.length > 18 && fmtIsSeparator(s, 10) && fmtIsDate(s, 0) && fmtIsTime(s, 11, true);
}` },
  'iso-date-time': { type: 'string', uses: ['fmtD2', 'fmtIsDate', 'fmtIsTime', 'fmtIsSeparator'], code: `function isoDateTime(s) {
  return s.length > 18 && fmtIsSeparator(s, 10) && fmtIsDate(s, 0) && fmtIsTime(s, 11, false);
}` },
  // Fast path: scheme://host[:port][/path][?query][#fragment] in plain RFC 3986 characters (no
  // %-escapes) is one alternative of ajv-formats' URI regex, so accepting it is exact; anything
  // else (escapes, userinfo, IP literals, paths without authority) goes to that full regex.
  uri: { type: 'string', uses: [], code: `function uri(s) {
  return /^[a-z][a-z0-9+.-]*:\\/\\/[a-z0-9\\-._~!$&'()*+,;=]*(?::[0-9]*)?(?:\\/[a-z0-9\\-._~!$&'()*+,;=:@]*)*(?:\\?[a-z0-9\\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\\-._~!$&'()*+,;=:@/?]*)?$/i.test(s) ||
    (/\\/|:/.test(s) && ${URI_LITERAL}.test(s));
}` },
  byte: { type: 'string', uses: [], code: `function byte(s) {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/m.test(s);
}` },
  regex: { type: 'string', uses: [], code: `function regex(s) {
  if (/[^\\\\]\\\\Z/.test(s)) return false;
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}` },
  int32: { type: 'number', uses: [], code: `function int32(n) {
  return Number.isInteger(n) && n <= 2147483647 && n >= -2147483648;
}` },
  int64: { type: 'number', uses: [], code: `function int64(n) {
  return Number.isInteger(n);
}` },
  float: { type: 'number', uses: [], code: `function float() {
  return true;
}` },
  double: { type: 'number', uses: [], code: `function double() {
  return true;
}` },
};

/** A format as ajv's `formats` option takes it at generation time. */
export type AjvFormat = true | RegExp | ((s: string) => boolean) | { type: 'number'; validate: (n: number) => boolean };

/**
 * The format set for the generation-time ajv: every format ajv-formats (full) knows, so that the
 * same schemas fail or pass as at run time; hand-written ones as real functions evaluated from the
 * very source that gets emitted.
 */
export function generationFormats(): Record<string, AjvFormat> {
  const out: Record<string, AjvFormat> = {};
  for (const [name, def] of Object.entries(fullFormats as Record<string, unknown>)) {
    const own = FORMAT_SOURCES[name];
    if (own) out[name] = own.type === 'number' ? { type: 'number', validate: evaluate(own) as (n: number) => boolean } : (evaluate(own) as (s: string) => boolean);
    else if (def instanceof RegExp || def === true) out[name] = def;
    else throw new Error(`ajv-formats format "${name}" has no specwire implementation: add it to codegen/formats.ts`);
  }
  return out;
}

/** Evaluates a format's emitted source with its helpers, exactly as the generated file will. */
export function evaluate(format: FormatSource): (value: never) => boolean {
  const helpers = helperSources(format.uses).join('\n');
  return new Function(`${helpers}\nreturn (${format.code});`)() as (value: never) => boolean;
}

/** Helper sources in dependency-free emission order, without duplicates. */
export function helperSources(uses: Iterable<string>): string[] {
  const wanted = new Set(uses);
  return Object.keys(FORMAT_HELPERS).filter((h) => wanted.has(h)).map((h) => FORMAT_HELPERS[h]!);
}
