// Billing periods: a company is billed on its billing day (1–28) of every month, in advance, for the
// month that starts that day. Pure calendar arithmetic on 'YYYY-MM-DD' strings (no time zones: the
// caller passes the business "today").
import { addDaysToDate, daysBetween } from '../../lib/dates.ts';

export type Period = { start: string; end: string; days: number };

const pad = (n: number) => String(n).padStart(2, '0');
const parts = (date: string) => ({
  y: Number(date.slice(0, 4)),
  m: Number(date.slice(5, 7)),
  d: Number(date.slice(8, 10)),
});
const ymd = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

/** Whole days from a to b (b − a). */
export const dayDiff = daysBetween;

export const shiftDay = addDaysToDate;

/** The billing date `months` months after (or before) a billing date; the day (1–28) is kept. */
export function shiftMonths(date: string, months: number): string {
  const p = parts(date);
  const index = p.y * 12 + (p.m - 1) + months;
  return ymd(Math.floor(index / 12), (index % 12) + 1, p.d);
}

export function assertBillingDay(day: number): void {
  if (!Number.isInteger(day) || day < 1 || day > 28)
    throw new RangeError(`billing day must be 1–28, got ${day}`);
}

/** The period that starts on a billing date. */
export function periodStarting(start: string): Period {
  const end = shiftDay(shiftMonths(start, 1), -1);
  return { start, end, days: dayDiff(start, end) + 1 };
}

/** The period containing `date`: from the latest billing date on or before it to the day before the next. */
export function periodContaining(date: string, billingDay: number): Period {
  assertBillingDay(billingDay);
  const p = parts(date);
  const thisMonth = ymd(p.y, p.m, billingDay);
  return periodStarting(p.d >= billingDay ? thisMonth : shiftMonths(thisMonth, -1));
}

/**
 * The periods to consider for a line, oldest first: from the anchor (never earlier) up to and
 * including `current`, at most `cap` of them (the most recent).
 */
export function periodsBackTo(current: Period, anchor: string, cap: number): Period[] {
  const out: Period[] = [];
  for (let i = 0; i < cap; i++) {
    const start = shiftMonths(current.start, -i);
    if (start < anchor) break;
    out.unshift(periodStarting(start));
  }
  return out;
}

/** The days (1-based within the period) on which a line active from..to (inclusive, to may be open) is active; null if none. */
export function activeDays(
  period: Period,
  from: string,
  to: string | null,
): { first: number; last: number } | null {
  const a = from > period.start ? from : period.start;
  const b = to === null || to > period.end ? period.end : to;
  if (a > b) return null;
  return { first: dayDiff(period.start, a) + 1, last: dayDiff(period.start, b) + 1 };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 2026-12-01 -> "Dec 1, 2026" */
export function formatDay(date: string): string {
  const p = parts(date);
  return `${MONTHS[p.m - 1]} ${p.d}, ${p.y}`;
}
export const formatPeriod = (start: string, end: string) =>
  `${formatDay(start)} – ${formatDay(end)}`;
