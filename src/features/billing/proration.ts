// Proration by days. For a period of n days and a line active on days d1..d2 (1-based within the
// period), the charge is C(d2) − C(d1 − 1) with C(k) = round(full × k / n), rounded half away from
// zero by lib/money.ts. Because every piece is a difference of the same cumulative figures, the pieces
// of a month split at any days always add up to the full month exactly, and a full period is exactly
// the full amount.
import { roundHalfAwayFromZero, type Cents } from '../../lib/money.ts';

/** round(full × k / n): what the first k days of an n-day period cost. */
export function cumulative(fullCents: Cents, k: number, n: number): Cents {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError('period length must be a positive whole number of days');
  if (!Number.isInteger(k) || k < 0 || k > n)
    throw new RangeError(`day ${k} is outside a period of ${n} days`);
  return roundHalfAwayFromZero(BigInt(fullCents) * BigInt(k), BigInt(n));
}

/** The charge for days first..last (inclusive, 1-based) of an n-day period. */
export function prorate(fullCents: Cents, first: number, last: number, n: number): Cents {
  if (first < 1 || last > n || first > last)
    throw new RangeError(`days ${first}..${last} are not inside a period of ${n} days`);
  return cumulative(fullCents, last, n) - cumulative(fullCents, first - 1, n);
}
