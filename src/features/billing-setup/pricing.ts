// How a recurring line is priced: a fixed unit price, or a unit cost plus a markup in basis points
// (resold services: backup storage, phone lines). The derived price is computed here, once, when the
// line is saved, with lib/money.ts's one rounding rule; invoices then bill the stored unit price.
import { applyBasisPoints, lineTotal, sumCents, type Cents } from '../../lib/money.ts';

export type Pricing = {
  unitPriceCents: Cents | null;
  unitCostCents: Cents | null;
  markupBp: number | null;
};

/** cost 115 + 100% markup -> 230. */
export const priceFromCost = (unitCostCents: Cents, markupBp: number): Cents =>
  unitCostCents + applyBasisPoints(unitCostCents, markupBp);

/** The unit price a line charges: derived when a markup is set, else the price given. */
export function unitPriceOf(p: Pricing): Cents | null {
  if (p.markupBp !== null)
    return p.unitCostCents === null ? null : priceFromCost(p.unitCostCents, p.markupBp);
  return p.unitPriceCents;
}

/** What one line charges a month: unit price × quantity (thousandths), rounded once. */
export const monthlyCents = (l: { unitPriceCents: Cents; quantityThousandths: number }): Cents =>
  lineTotal(l.unitPriceCents, l.quantityThousandths);

/** Margin on one unit when the cost is known, else null. */
export const unitMarginCents = (l: {
  unitPriceCents: Cents;
  unitCostCents: Cents | null;
}): Cents | null => (l.unitCostCents === null ? null : l.unitPriceCents - l.unitCostCents);

/** Margin per month when the unit cost is known, else null. */
export const monthlyMarginCents = (l: {
  unitPriceCents: Cents;
  unitCostCents: Cents | null;
  quantityThousandths: number;
}): Cents | null =>
  l.unitCostCents === null
    ? null
    : monthlyCents(l) - lineTotal(l.unitCostCents, l.quantityThousandths);

export type ServiceState = 'scheduled' | 'active' | 'ended';

/** Where a line stands on `today`: not started yet, running, or ended (end date is the last day billed). */
export function serviceState(
  l: { startDate: string; endDate: string | null },
  today: string,
): ServiceState {
  if (l.startDate > today) return 'scheduled';
  if (l.endDate !== null && l.endDate < today) return 'ended';
  return 'active';
}

/** The monthly recurring total of the lines running on `today`. */
export const recurringTotal = (
  lines: readonly {
    unitPriceCents: Cents;
    quantityThousandths: number;
    startDate: string;
    endDate: string | null;
  }[],
  today: string,
): Cents => sumCents(lines.filter((l) => serviceState(l, today) === 'active').map(monthlyCents));
