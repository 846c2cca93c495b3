import { describe, expect, it } from 'vitest';
import { percentiles } from '../../conformance/measure.js';

describe('percentiles', () => {
  it('nearest rank over the samples', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1).reverse();
    expect(percentiles(values)).toEqual({ samples: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentiles([7])).toEqual({ samples: 1, p50: 7, p95: 7, p99: 7, max: 7 });
  });
});
