import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyBasisPoints,
  applyPartsPerMillion,
  centsToInput,
  formatBasisPoints,
  formatMoney,
  formatPartsPerMillion,
  lineTotal,
  parseMoney,
  roundHalfAwayFromZero,
  splitByWeights,
  sumCents,
} from './money.ts';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [5n, 10n, 1],
    [-5n, 10n, -1],
    [4n, 10n, 0],
    [-4n, 10n, 0],
    [15n, 10n, 2],
    [-15n, 10n, -2],
    [25n, 10n, 3],
    [14999n, 10000n, 1],
    [15000n, 10000n, 2],
    [0n, 7n, 0],
    [-1n, 3n, 0],
    [-2n, 3n, -1],
    [1_999n * 1_500n, 1_000n, 2_999],
  ])('%i / %i rounds to %i', (n, d, expected) => {
    expect(roundHalfAwayFromZero(n, d)).toBe(expected);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundHalfAwayFromZero(-1n, 10n), 0)).toBe(true);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
    expect(() => roundHalfAwayFromZero(1n, -2n)).toThrow(RangeError);
  });

  it('agrees with a floating-point reference on bounded values', () => {
    // The reference is exact here: for |n| <= 1e9 and d <= 1e6 the distance between n/d and the
    // nearest half is far larger than the float's rounding error.
    const reference = (n: number, d: number) => {
      const x = Math.abs(n) / d;
      const r = Math.floor(x) + (x - Math.floor(x) >= 0.5 ? 1 : 0);
      return n < 0 && r !== 0 ? -r : r;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (n, d) => {
          expect(roundHalfAwayFromZero(BigInt(n), BigInt(d))).toBe(reference(n, d));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is symmetric: rounding -x is minus rounding x', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          expect(roundHalfAwayFromZero(-n, d)).toBe(-roundHalfAwayFromZero(n, d) || 0);
        },
      ),
    );
  });
});

describe('line totals and basis points', () => {
  it.each([
    [1999, 1500, 2999], // 1.5 h at $19.99 = 29.985 -> 29.99
    [10000, 1000, 10000],
    [333, 333, 111], // 110.889 -> 111
    [-1999, 1500, -2999],
    [1, 500, 1], // half a cent rounds away from zero
    [1, 499, 0],
  ])('lineTotal(%i, %i) = %i', (unit, qty, expected) =>
    expect(lineTotal(unit, qty)).toBe(expected),
  );

  it.each([
    [10000, 2500, 2500],
    [1, 5000, 1],
    [-1, 5000, -1],
    [199, 825, 16], // 8.25% of 1.99 = 0.164175
    [12345, 0, 0],
  ])('applyBasisPoints(%i, %i) = %i', (amount, bp, expected) =>
    expect(applyBasisPoints(amount, bp)).toBe(expected),
  );

  it.each([
    [10000, 88_750, 888], // 8.875% of $100.00 = $8.875 -> $8.88
    [199, 88_750, 18], // 17.66125 cents
    [-10000, 88_750, -888],
    [1, 500_000, 1], // half a cent rounds away from zero
    [199, 82_500, 16], // the same as 825 basis points
    [12345, 0, 0],
  ])('applyPartsPerMillion(%i, %i) = %i', (amount, ppm, expected) =>
    expect(applyPartsPerMillion(amount, ppm)).toBe(expected),
  );

  it('agrees with basis points for every whole-basis-point rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          expect(applyPartsPerMillion(amount, bp * 100)).toBe(applyBasisPoints(amount, bp));
        },
      ),
    );
  });

  it('sums cents and refuses to overflow', () => {
    expect(sumCents([1, 2, 3, -6])).toBe(0);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('splitByWeights', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 2], [34, 66]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [1, [1, 1, 1], [1, 0, 0]],
    [0, [5, 5], [0, 0]],
    [10, [0, 1], [0, 10]],
    [-1, [1, 1, 1], [-1, 0, 0]],
    [-10, [0, 1], [0, -10]],
  ])('splits %i by %j into %j', (amount, weights, expected) => {
    const parts = splitByWeights(amount, weights);
    expect(parts).toEqual(expected);
    // A credit's empty share is 0, never -0 (which formats as "-$0.00").
    expect(parts.some((p) => Object.is(p, -0))).toBe(false);
  });

  it('refuses weights that do not add to something positive', () => {
    expect(() => splitByWeights(100, [])).toThrow(RangeError);
    expect(() => splitByWeights(100, [0, 0])).toThrow(RangeError);
  });

  it('always adds up to the amount, never gives a zero weight anything, and stays close to the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const parts = splitByWeights(amount, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            if (weights[i] === 0) expect(p).toBe(0);
            expect(Math.abs(p - (amount * weights[i]) / total)).toBeLessThan(2);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives parts that differ by at most one cent when the weights are equal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        (amount, n, w) => {
          const parts = splitByWeights(amount, Array(n).fill(w));
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseMoney and centsToInput', () => {
  it.each([
    ['1,234.5', 123450],
    ['$99', 9900],
    ['-3.07', -307],
    [' 12.30 ', 1230],
    ['0.01', 1],
    ['1 450.00', 145000],
    ['€7', 700],
    ['007.1', 710],
  ])('parses %j as %i cents', (input, cents) => expect(parseMoney(input)).toBe(cents));

  it.each([
    '',
    'abc',
    '12.345',
    '1.2.3',
    '--1',
    '1e5',
    '.50',
    '12.',
    'NaN',
    '99999999999999999999',
  ])('refuses %j', (input) => expect(parseMoney(input)).toBeNull());

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [123450, '1234.50'],
    [-100, '-1.00'],
  ])('shows %i cents as %j in a form', (cents, text) => expect(centsToInput(cents)).toBe(text));

  it('round-trips every amount: parseMoney(centsToInput(c)) === c', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (c) => {
        expect(parseMoney(centsToInput(c))).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips typed amounts with up to two decimals back to their canonical form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 99 }),
        fc.boolean(),
        (whole, frac, neg) => {
          const typed = `${neg ? '-' : ''}${whole.toLocaleString('en-US')}.${String(frac).padStart(2, '0')}`;
          const cents = parseMoney(typed);
          expect(cents).toBe((neg ? -1 : 1) * (whole * 100 + frac) || 0);
          expect(parseMoney(centsToInput(cents!))).toBe(cents);
        },
      ),
    );
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, 'USD', '$1,234.56'],
    [-5, 'USD', '-$0.05'],
    [0, 'USD', '$0.00'],
    [100, 'EUR', '€1.00'],
  ])('formats %i %s as %s', (cents, currency, text) =>
    expect(formatMoney(cents, currency)).toBe(text),
  );
});

describe('formatBasisPoints', () => {
  it.each([
    [825, '8.25'],
    [1250, '12.5'],
    [4000, '40'],
    [5, '0.05'],
    [0, '0'],
    [10_000, '100'],
    [-150, '-1.5'],
  ])('%i bp is %s', (bp, s) => {
    expect(formatBasisPoints(bp)).toBe(s);
  });
});

describe('formatPartsPerMillion', () => {
  it.each([
    [88_750, '8.875'],
    [82_500, '8.25'],
    [60_000, '6'],
    [1, '0.0001'],
    [0, '0'],
    [1_000_000, '100'],
    [-15_000, '-1.5'],
  ])('%i ppm is %s%%', (ppm, s) => {
    expect(formatPartsPerMillion(ppm)).toBe(s);
  });
});
