import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minutesBetween, roundMinutes } from './rounding.ts';
import { amountForMinutes, resolveRate, timeAmounts } from './rates.ts';
import { effectiveUnitPrice, partTotals, workOrderTotals } from './totals.ts';

describe('roundMinutes', () => {
  it.each([
    [0, 15, 15, 0],
    [1, 15, 15, 15],
    [15, 15, 15, 15],
    [16, 15, 15, 30],
    [44, 15, 0, 45],
    [1, 6, 0, 6],
    [6, 6, 0, 6],
    [7, 6, 0, 12],
    [7, 6, 30, 30],
    [31, 6, 30, 36],
    [1, 1, 0, 1],
    [59, 1, 0, 59],
    [3, 1, 15, 15],
    [0, 6, 30, 0],
    [61, 15, 60, 75],
  ])('%i min, increment %i, minimum %i -> %i', (raw, inc, min, expected) => {
    expect(roundMinutes(raw, { incrementMinutes: inc, minimumMinutes: min })).toBe(expected);
  });
  it('refuses negative minutes', () =>
    expect(() => roundMinutes(-1, { incrementMinutes: 15, minimumMinutes: 0 })).toThrow());
  it('never rounds down, lands on an increment or the minimum, and adds less than one increment above both', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom(1, 6, 15),
        fc.integer({ min: 0, max: 120 }),
        (raw, inc, min) => {
          const r = roundMinutes(raw, { incrementMinutes: inc, minimumMinutes: min });
          expect(r).toBeGreaterThanOrEqual(raw);
          expect(r).toBeGreaterThanOrEqual(min);
          expect(r % inc === 0 || r === min).toBe(true);
          expect(r - Math.max(raw, min)).toBeLessThan(inc);
        },
      ),
    );
  });
  it('counts whole minutes between instants', () => {
    expect(minutesBetween('2026-01-01T10:00:00.000Z', '2026-01-01T10:59:59.000Z')).toBe(59);
    expect(minutesBetween('2026-01-01T10:00:00.000Z', '2026-01-01T09:00:00.000Z')).toBe(0);
  });
});

describe('rates', () => {
  it.each([
    [20000, 15000, 12500, 20000],
    [null, 15000, 12500, 15000],
    [null, null, 12500, 12500],
    [0, 15000, 12500, 0],
  ])('company %s, technician %s, default %i -> %i', (company, tech, def, expected) => {
    expect(
      resolveRate({ companyRateCents: company, technicianRateCents: tech, defaultRateCents: def }),
    ).toBe(expected);
  });
  it.each([
    [12500, 60, 12500],
    [12500, 15, 3125],
    [9999, 1, 167],
    [10000, 7, 1167],
    [12500, 0, 0],
    [333, 30, 167],
  ])('%i cents/h for %i min -> %i cents', (rate, min, expected) =>
    expect(amountForMinutes(rate, min)).toBe(expected),
  );
  it('is rounded once: within half a cent of the exact amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (rate, min) => {
          const a = amountForMinutes(rate, min);
          expect(Number.isInteger(a)).toBe(true);
          const exactTimes60 = BigInt(rate) * BigInt(min);
          const diff = BigInt(a) * 60n - exactTimes60;
          expect(diff <= 30n && diff > -30n).toBe(true);
        },
      ),
    );
  });
  it('a non-billable entry bills nothing but still costs', () => {
    expect(timeAmounts(60, false, 12500, 5000)).toEqual({
      rateCents: 12500,
      costRateCents: 5000,
      billableCents: 0,
      costCents: 5000,
    });
  });
});

describe('totals', () => {
  it.each([
    [
      { quantityThousandths: 2000, unitCostCents: 1000, unitPriceCents: 1500, markupBp: null },
      1500,
      2000,
      3000,
    ],
    [
      { quantityThousandths: 1500, unitCostCents: 1999, unitPriceCents: null, markupBp: 2500 },
      2499,
      2999,
      3749,
    ],
    [
      { quantityThousandths: 1000, unitCostCents: 333, unitPriceCents: 999, markupBp: 1000 },
      366,
      333,
      366,
    ],
    [
      { quantityThousandths: 333, unitCostCents: 100, unitPriceCents: 200, markupBp: null },
      200,
      33,
      67,
    ],
  ])('%o -> unit %i, cost %i, price %i', (p, unit, cost, price) => {
    expect(partTotals(p)).toEqual({
      unitPriceCents: unit,
      totalCostCents: cost,
      totalPriceCents: price,
    });
  });
  it('markup never lowers the price below cost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (cost, bp) => {
          expect(
            effectiveUnitPrice({ unitCostCents: cost, unitPriceCents: null, markupBp: bp }),
          ).toBeGreaterThanOrEqual(cost);
        },
      ),
    );
  });
  it('work order totals: revenue from billable lines, cost from all, margin the difference', () => {
    const t = workOrderTotals(
      [
        { minutes: 60, billable: true, billableCents: 12500, costCents: 5000 },
        { minutes: 30, billable: false, billableCents: 0, costCents: 2500 },
      ],
      [
        { billable: true, totalCostCents: 2000, totalPriceCents: 3000 },
        { billable: false, totalCostCents: 700, totalPriceCents: 900 },
      ],
    );
    expect(t).toEqual({
      minutes: 90,
      billableMinutes: 60,
      timeRevenueCents: 12500,
      timeCostCents: 7500,
      partsRevenueCents: 3000,
      partsCostCents: 2700,
      revenueCents: 15500,
      costCents: 10200,
      marginCents: 5300,
    });
  });
  it('margin always equals revenue minus cost', () => {
    const line = fc.record({
      minutes: fc.nat(600),
      billable: fc.boolean(),
      billableCents: fc.nat(1_000_000),
      costCents: fc.nat(1_000_000),
    });
    const part = fc.record({
      billable: fc.boolean(),
      totalCostCents: fc.nat(1_000_000),
      totalPriceCents: fc.nat(1_000_000),
    });
    fc.assert(
      fc.property(fc.array(line), fc.array(part), (time, parts) => {
        const t = workOrderTotals(time, parts);
        expect(t.marginCents).toBe(t.revenueCents - t.costCents);
        expect(t.revenueCents).toBe(t.timeRevenueCents + t.partsRevenueCents);
      }),
    );
  });
});
