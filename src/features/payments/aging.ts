// Receivables aging: which bucket an open amount falls in on a given date. Days late counts whole
// calendar days after the due date: due today is current (0 days late), due yesterday is 1 day late.
import { daysBetween } from '../../lib/dates.ts';
import type { Cents } from '../../lib/money.ts';

export type Bucket = 'current' | 'days1To30' | 'days31To60' | 'days61To90' | 'over90';
export const BUCKETS: readonly Bucket[] = [
  'current',
  'days1To30',
  'days31To60',
  'days61To90',
  'over90',
];
export const BUCKET_LABELS: Record<Bucket, string> = {
  current: 'Current',
  days1To30: '1–30 days',
  days31To60: '31–60 days',
  days61To90: '61–90 days',
  over90: 'Over 90 days',
};

/** Whole days past due on `asOf` (0 or less = not yet late). */
export const daysLate = (dueDate: string, asOf: string): number => daysBetween(dueDate, asOf);

export function bucketFor(dueDate: string, asOf: string): Bucket {
  const late = daysLate(dueDate, asOf);
  if (late <= 0) return 'current';
  if (late <= 30) return 'days1To30';
  if (late <= 60) return 'days31To60';
  if (late <= 90) return 'days61To90';
  return 'over90';
}

export type AgingTotals = {
  currentCents: Cents;
  days1To30Cents: Cents;
  days31To60Cents: Cents;
  days61To90Cents: Cents;
  over90Cents: Cents;
  totalCents: Cents;
};
export const emptyAging = (): AgingTotals => ({
  currentCents: 0,
  days1To30Cents: 0,
  days31To60Cents: 0,
  days61To90Cents: 0,
  over90Cents: 0,
  totalCents: 0,
});

/** Adds one open amount to a row of totals (mutates and returns it). */
export function addToAging(
  t: AgingTotals,
  dueDate: string,
  asOf: string,
  amountCents: Cents,
): AgingTotals {
  const key = `${bucketFor(dueDate, asOf)}Cents` as keyof AgingTotals;
  t[key] += amountCents;
  t.totalCents += amountCents;
  return t;
}
