// Which hourly rate an entry bills at, and what it costs: company override over the technician's
// own rate over the default hourly rate. Amounts are rate × minutes / 60 rounded once (half away
// from zero, BigInt), so an hour at $125 is exactly 12 500 cents and no float touches money.
import { roundHalfAwayFromZero, type Cents } from '../../lib/money.ts';

export type RateSources = {
  companyRateCents: Cents | null;
  technicianRateCents: Cents | null;
  defaultRateCents: Cents;
};

export function resolveRate(s: RateSources): Cents {
  if (s.companyRateCents !== null) return s.companyRateCents;
  if (s.technicianRateCents !== null) return s.technicianRateCents;
  return s.defaultRateCents;
}

/** Cost has no company override: it is what the technician costs the MSP (0 when unknown). */
export const resolveCostRate = (technicianCostCents: Cents | null): Cents =>
  technicianCostCents ?? 0;

export const amountForMinutes = (hourlyCents: Cents, minutes: number): Cents =>
  roundHalfAwayFromZero(BigInt(hourlyCents) * BigInt(minutes), 60n);

export type TimeAmounts = {
  rateCents: Cents;
  costRateCents: Cents;
  billableCents: Cents;
  costCents: Cents;
};

/** The snapshot stored on an entry; a non-billable entry still records its cost. */
export function timeAmounts(
  minutes: number,
  billable: boolean,
  rateCents: Cents,
  costRateCents: Cents,
): TimeAmounts {
  return {
    rateCents,
    costRateCents,
    billableCents: billable ? amountForMinutes(rateCents, minutes) : 0,
    costCents: amountForMinutes(costRateCents, minutes),
  };
}
