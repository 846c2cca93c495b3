/**
 * The error reported for a value that fails a oneOf/anyOf comes from the branch the value is
 * closest to (issue #15: Kraken's subscriptionStatus examples), not from the first branch.
 */
import { describe, expect, it } from 'vitest';
import { closestError, closestErrors, discriminated } from '../../contract/schema-failure.js';
import { compileSchema, formatAjvError } from '../../contract/schema-validator.js';

const shown = (schema: Record<string, unknown>, data: unknown) => {
  const e = closestError(schema, data);
  return e && formatAjvError(e);
};

/** Kraken's subscriptionStatus: an error and a success branch, both `event: subscriptionStatus`, each an allOf. */
const common = { type: 'object', required: ['event'], properties: { event: { type: 'string', const: 'subscriptionStatus' }, pair: { type: 'array', items: { type: 'string' } }, status: { type: 'string' } } };
const subscriptionStatus = {
  type: 'object',
  oneOf: [
    { allOf: [{ properties: { errorMessage: { type: 'string' } }, required: ['errorMessage'] }, common] },
    { allOf: [{ properties: { channelID: { type: 'integer' }, channelName: { type: 'string' } }, required: ['channelID', 'channelName'] }, common] },
  ],
};

describe('closestError', () => {
  it("reports Kraken's success example by its success branch: /pair must be array", () => {
    const success = { channelID: 10001, channelName: 'ohlc-5', event: 'subscriptionStatus', pair: 'XBT/EUR', status: 'unsubscribed' };
    // the bug: ajv's first error is the error branch's
    const fast = compileSchema(subscriptionStatus);
    expect(fast.ok && !fast.fn(success) && formatAjvError(fast.fn.errors![0]!)).toBe("(root) must have required property 'errorMessage'");
    expect(shown(subscriptionStatus, success)).toBe('/pair must be array');
  });

  it("reports Kraken's error example by its error branch, also /pair must be array", () => {
    const error = { errorMessage: 'Subscription depth not supported', event: 'subscriptionStatus', pair: 'XBT/USD', status: 'error' };
    expect(shown(subscriptionStatus, error)).toBe('/pair must be array');
  });

  it('follows a discriminator even when another branch has fewer errors', () => {
    const schema = {
      oneOf: [
        { type: 'object', required: ['type'], properties: { type: { const: 'ping' } } },
        { type: 'object', required: ['type', 'pair', 'depth', 'since'], properties: { type: { const: 'book' }, pair: {}, depth: {}, since: {} } },
      ],
    };
    // `ping` fails on one const only; the value says it is a `book`, missing three fields
    expect(shown(schema, { type: 'book' })).toBe("(root) must have required property 'pair'");
    expect(discriminated(schema.oneOf, { type: 'book' })).toBe(1);
    expect(discriminated(schema.oneOf, { type: 'trade' })).toBeUndefined();
  });

  it('finds a discriminator through allOf, and not where two branches share a value', () => {
    const a = { allOf: [{ properties: { op: { const: 'a' } } }] };
    const b = { allOf: [{ properties: { op: { enum: ['b'] } } }] };
    expect(discriminated([a, b], { op: 'b' })).toBe(1);
    expect(discriminated([a, a], { op: 'a' })).toBeUndefined();
  });

  it('passes over a branch whose type the value does not have', () => {
    const schema = { anyOf: [{ type: 'string' }, { type: 'object', required: ['a', 'b'] }] };
    expect(shown(schema, {})).toBe("(root) must have required property 'a'");
  });

  it('prefers the branch that matched deeper when the counts tie', () => {
    const schema = {
      oneOf: [
        { type: 'object', required: ['kind'] },
        { type: 'object', properties: { data: { type: 'object', properties: { n: { type: 'integer' } } } } , required: ['data'] },
      ],
    };
    expect(shown(schema, { data: { n: 'x' } })).toBe('/data/n must be integer');
  });

  it('resolves unions inside the chosen branch too', () => {
    const inner = { oneOf: [{ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri' } } }, { type: 'object', required: ['text'], properties: { text: { type: 'string' } } }] };
    const schema = { type: 'object', properties: { items: { type: 'array', items: inner } } };
    expect(shown(schema, { items: [{ text: 'ok' }, { url: 'not a uri' }] })).toBe('/items/1/url must match format "uri"');
  });

  it('keeps the union error when several branches pass a oneOf', () => {
    const schema = { oneOf: [{ type: 'object' }, { type: 'object', properties: { a: { type: 'string' } } }] };
    expect(closestError(schema, { a: 'x' })?.keyword).toBe('oneOf');
  });

  it('returns nothing for a valid value and for a schema that does not compile', () => {
    expect(closestErrors(subscriptionStatus, { event: 'subscriptionStatus', errorMessage: 'x' })).toEqual([]);
    expect(closestErrors({ type: 'integr' }, 1)).toEqual([]);
  });
});
