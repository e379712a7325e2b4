import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  monthlyCents,
  monthlyMarginCents,
  priceFromCost,
  recurringTotal,
  serviceState,
  unitPriceOf,
} from './pricing.ts';
import { formToCatalogItem, formToCompanyService, formToTaxRate } from './schemas.ts';
import { percentInput, taxRateInput } from './views/format.ts';

describe('recurring line pricing', () => {
  it.each([
    [3000, 4000, 4200], // Azure backup: 30.00 + 40%
    [115, 10_000, 230], // Twilio line: 1.15 + 100%
    [333, 1250, 375], // 3.33 + 12.5% = 3.74625 -> 3.75 (half away from zero, once)
    [1, 5000, 2], // 0.01 + 50% = 0.015 -> 0.02
    [0, 2500, 0],
  ])('cost %i + %i bp = %i', (cost, bp, price) => expect(priceFromCost(cost, bp)).toBe(price));

  it('uses the derived price only when a markup is set', () => {
    expect(unitPriceOf({ unitPriceCents: 999, unitCostCents: 3000, markupBp: 4000 })).toBe(4200);
    expect(unitPriceOf({ unitPriceCents: 999, unitCostCents: 3000, markupBp: null })).toBe(999);
    expect(unitPriceOf({ unitPriceCents: null, unitCostCents: null, markupBp: 4000 })).toBeNull();
  });

  it('never prices below cost with a non-negative markup, and rounds within half a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (cost, bp) => {
          const price = priceFromCost(cost, bp);
          expect(price).toBeGreaterThanOrEqual(cost);
          expect(Math.abs((price - cost) * 10_000 - cost * bp)).toBeLessThanOrEqual(5_000);
        },
      ),
    );
  });

  it('charges quantity × unit price a month, with margin when the cost is known', () => {
    expect(monthlyCents({ unitPriceCents: 3333, quantityThousandths: 1500 })).toBe(5000); // 49.995 -> 50.00
    expect(
      monthlyMarginCents({ unitPriceCents: 230, unitCostCents: 115, quantityThousandths: 12_000 }),
    ).toBe(1380);
    expect(
      monthlyMarginCents({ unitPriceCents: 230, unitCostCents: null, quantityThousandths: 12_000 }),
    ).toBeNull();
  });

  it('knows when a line runs (the end date is the last day billed)', () => {
    const line = { startDate: '2026-03-01', endDate: '2026-05-31' };
    expect(serviceState(line, '2026-02-28')).toBe('scheduled');
    expect(serviceState(line, '2026-03-01')).toBe('active');
    expect(serviceState(line, '2026-05-31')).toBe('active');
    expect(serviceState(line, '2026-06-01')).toBe('ended');
    expect(serviceState({ startDate: '2020-01-01', endDate: null }, '2099-01-01')).toBe('active');
    const lines = [
      { ...line, unitPriceCents: 1000, quantityThousandths: 2000 },
      { startDate: '2026-01-01', endDate: null, unitPriceCents: -500, quantityThousandths: 1000 },
      { startDate: '2027-01-01', endDate: null, unitPriceCents: 99_999, quantityThousandths: 1000 },
    ];
    expect(recurringTotal(lines, '2026-04-15')).toBe(1500);
    expect(recurringTotal(lines, '2026-06-01')).toBe(-500);
  });
});

describe('form mappers', () => {
  it('turns typed amounts, percentages and quantities into cents, basis points and thousandths', () => {
    expect(
      formToCatalogItem({
        name: 'X',
        kind: 'other',
        unitPrice: '$1,234.5',
        unitCost: '',
        markupPercent: '12.5',
        taxable: 'on',
      }),
    ).toMatchObject({
      unitPriceCents: 123_450,
      unitCostCents: null,
      markupBp: 1250,
      taxable: true,
      active: false,
    });
    expect(formToTaxRate({ name: 'Sales tax', ratePercent: '8.25' })).toMatchObject({
      ratePpm: 82_500,
    });
    expect(formToTaxRate({ name: 'NYC sales tax', ratePercent: '8.875' })).toMatchObject({
      ratePpm: 88_750,
    });
    expect(Number.isNaN(formToTaxRate({ name: 'x', ratePercent: '8.25001' }).ratePpm)).toBe(true);
    expect(
      formToCompanyService({ quantity: '2.5', unitPrice: '-50', startDate: '', taxable: '' }),
    ).toEqual({
      catalogId: undefined,
      quantityThousandths: 2500,
      unitPriceCents: -5000,
      startDate: undefined,
      endDate: undefined,
    });
    expect(
      formToCompanyService(
        {
          quantity: '1',
          description: '',
          unitPrice: '',
          unitCost: '',
          markupPercent: '',
          taxable: 'no',
          startDate: '2026-01-01',
        },
        'edit',
      ),
    ).toMatchObject({
      description: '',
      unitPriceCents: null,
      unitCostCents: null,
      markupBp: null,
      taxable: false,
    });
  });

  it('shows basis points back as the percentage typed', () => {
    expect([825, 4000, 1250, 5, 10_000, 0].map(percentInput)).toEqual([
      '8.25',
      '40',
      '12.5',
      '0.05',
      '100',
      '0',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (bp) => {
        expect(
          formToCatalogItem({
            name: 'x',
            kind: 'other',
            unitCost: '1',
            markupPercent: percentInput(bp),
          }).markupBp,
        ).toBe(bp);
      }),
    );
  });

  it('shows a tax rate in parts per million back as the percentage typed', () => {
    expect([88_750, 82_500, 60_000, 1, 1_000_000, 0].map(taxRateInput)).toEqual([
      '8.875',
      '8.25',
      '6',
      '0.0001',
      '100',
      '0',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        expect(formToTaxRate({ name: 'x', ratePercent: taxRateInput(ppm) }).ratePpm).toBe(ppm);
      }),
    );
  });
});
