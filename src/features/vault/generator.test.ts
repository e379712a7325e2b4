import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLASSES, generatePassword, type CharClass } from './generator.ts';

const ALL = Object.keys(CLASSES) as CharClass[];

describe('password generator', () => {
  it('has the asked length and at least one character of every chosen class, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 128 }),
        fc.subarray(ALL, { minLength: 1 }),
        (length, classes) => {
          const pw = generatePassword({ length, classes });
          expect(pw).toHaveLength(length);
          for (const c of classes) expect([...pw].some((ch) => CLASSES[c].includes(ch))).toBe(true);
          const allowed = classes.map((c) => CLASSES[c]).join('');
          expect([...pw].every((ch) => allowed.includes(ch))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('defaults to 20 characters of all classes and does not repeat itself', () => {
    const seen = new Set(Array.from({ length: 200 }, () => generatePassword()));
    expect(seen.size).toBe(200);
    for (const pw of seen) expect(pw).toHaveLength(20);
  });

  it('spreads characters evenly over the pool (no modulo bias worth noticing)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 400; i++)
      for (const ch of generatePassword({ length: 100, classes: ['digits'] }))
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = 40_000 / CLASSES.digits.length;
    for (const ch of CLASSES.digits)
      expect(Math.abs(counts.get(ch)! - expected) / expected).toBeLessThan(0.06);
  });

  it('refuses lengths outside 8–128 and an empty class list', () => {
    for (const length of [0, 7, 129, 10.5])
      expect(() => generatePassword({ length })).toThrow(RangeError);
    expect(() => generatePassword({ classes: [] })).toThrow(RangeError);
  });
});
