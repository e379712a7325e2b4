// Part totals and a work order's totals and margin, all integer cents through lib/money.ts.
// A part's price is its unit price, or its unit cost plus a markup in basis points when a markup
// is given; each total is one lineTotal (one rounding).
import { applyBasisPoints, lineTotal, sumCents, type Cents } from '../../lib/money.ts';

export type PartPricing = {
  quantityThousandths: number;
  unitCostCents: Cents;
  unitPriceCents: Cents | null;
  markupBp: number | null;
};

export function effectiveUnitPrice(
  p: Pick<PartPricing, 'unitCostCents' | 'unitPriceCents' | 'markupBp'>,
): Cents {
  if (p.markupBp !== null) return p.unitCostCents + applyBasisPoints(p.unitCostCents, p.markupBp);
  return p.unitPriceCents ?? 0;
}

export function partTotals(p: PartPricing): {
  unitPriceCents: Cents;
  totalCostCents: Cents;
  totalPriceCents: Cents;
} {
  const unitPriceCents = effectiveUnitPrice(p);
  return {
    unitPriceCents,
    totalCostCents: lineTotal(p.unitCostCents, p.quantityThousandths),
    totalPriceCents: lineTotal(unitPriceCents, p.quantityThousandths),
  };
}

export type TimeLine = {
  minutes: number;
  billable: boolean;
  billableCents: Cents;
  costCents: Cents;
};
export type PartLine = { billable: boolean; totalCostCents: Cents; totalPriceCents: Cents };

export type WorkOrderTotals = {
  minutes: number;
  billableMinutes: number;
  timeRevenueCents: Cents;
  timeCostCents: Cents;
  partsRevenueCents: Cents;
  partsCostCents: Cents;
  revenueCents: Cents;
  costCents: Cents;
  marginCents: Cents;
};

/** Revenue counts billable lines only; cost counts every line (the MSP pays for covered work too). */
export function workOrderTotals(
  time: readonly TimeLine[],
  parts: readonly PartLine[],
): WorkOrderTotals {
  const billTime = time.filter((t) => t.billable);
  const billParts = parts.filter((p) => p.billable);
  const timeRevenueCents = sumCents(billTime.map((t) => t.billableCents));
  const timeCostCents = sumCents(time.map((t) => t.costCents));
  const partsRevenueCents = sumCents(billParts.map((p) => p.totalPriceCents));
  const partsCostCents = sumCents(parts.map((p) => p.totalCostCents));
  const revenueCents = timeRevenueCents + partsRevenueCents;
  const costCents = timeCostCents + partsCostCents;
  return {
    minutes: time.reduce((a, t) => a + t.minutes, 0),
    billableMinutes: billTime.reduce((a, t) => a + t.minutes, 0),
    timeRevenueCents,
    timeCostCents,
    partsRevenueCents,
    partsCostCents,
    revenueCents,
    costCents,
    marginCents: revenueCents - costCents,
  };
}
