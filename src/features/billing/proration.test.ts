import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cumulative, prorate } from './proration.ts';

describe('proration by days', () => {
  it('charges a full period the full amount', () => {
    for (const n of [28, 29, 30, 31])
      for (const full of [0, 1, 99, 15000, 123457, -5000])
        expect(prorate(full, 1, n, n)).toBe(full);
  });
  it('rounds the cumulative figures half away from zero', () => {
    // $150.00 for 17 of 31 days: C(31) − C(14) = 15000 − round(15000×14/31 = 6774.19) = 8226
    expect(prorate(15000, 15, 31, 31)).toBe(8226);
    expect(prorate(15000, 1, 14, 31)).toBe(6774);
    // $100.00, 1 of 30 days: 333.33 -> 333; 15 of 30 days exactly half
    expect(prorate(10000, 1, 1, 30)).toBe(333);
    expect(prorate(10000, 16, 30, 30)).toBe(5000);
    // 1 cent over 2 days: C(1) = round(0.5) = 1 (half away from zero), the second day is 0
    expect(prorate(1, 1, 1, 2)).toBe(1);
    expect(prorate(1, 2, 2, 2)).toBe(0);
    expect(prorate(-1, 1, 1, 2)).toBe(-1);
    expect(cumulative(4500, 0, 31)).toBe(0);
  });
  it('refuses days outside the period', () => {
    expect(() => prorate(100, 0, 5, 31)).toThrow();
    expect(() => prorate(100, 5, 32, 31)).toThrow();
    expect(() => prorate(100, 6, 5, 31)).toThrow();
  });
  it('exhaustively: every day range of 28–31 day periods matches exact arithmetic and stays within the full amount', () => {
    for (const n of [28, 29, 30, 31]) {
      for (const full of [1, 7, 4500, 9999, 15000]) {
        for (let a = 1; a <= n; a++)
          for (let b = a; b <= n; b++) {
            const got = prorate(full, a, b, n);
            const exact = (full * (b - a + 1)) / n;
            expect(Math.abs(got - exact)).toBeLessThanOrEqual(1);
            expect(got).toBeGreaterThanOrEqual(0);
            expect(got).toBeLessThanOrEqual(full);
          }
      }
    }
  });
  it('property: a month split into any number of pieces sums to the full month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 100_000_000 }),
        fc.integer({ min: 28, max: 31 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 30 }),
        (full, n, cuts) => {
          const bounds = [...new Set(cuts.filter((c) => c < n))].sort((x, y) => x - y);
          const starts = [1, ...bounds.map((c) => c + 1)];
          const ends = [...bounds, n];
          const pieces = starts.map((s, i) => prorate(full, s, ends[i], n));
          expect(pieces.reduce((x, y) => x + y, 0)).toBe(full);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('property: a piece is monotone in its length', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 28, max: 31 }),
        fc.integer({ min: 1, max: 28 }),
        (full, n, k) => {
          expect(prorate(full, 1, k, n)).toBeLessThanOrEqual(
            prorate(full, 1, Math.min(n, k + 1), n),
          );
        },
      ),
    );
  });
});
