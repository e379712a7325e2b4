// A technician's week: entries Monday to Sunday grouped per day, with billable and non-billable
// totals. Week math goes through date-fns on calendar dates (no time zone involved).
import { addDays, format, parseISO, startOfISOWeek } from 'date-fns';
import type { Ctx } from '../../platform/context.ts';
import { assertCan } from '../../platform/permissions.ts';
import { isCalendarDate, todayIn } from '../../lib/dates.ts';
import { sumCents } from '../../lib/money.ts';
import { findUserRates, listEntries, listStaffRates, type TimeEntry } from './queries.ts';
import { businessTimeZone, staffId } from './service.ts';

export type Day = {
  date: string;
  entries: TimeEntry[];
  billableMinutes: number;
  nonBillableMinutes: number;
  billableCents: number;
};
export type Timesheet = {
  user: { id: string; name: string };
  staff: { id: string; name: string }[];
  week: string;
  prevWeek: string;
  nextWeek: string;
  days: Day[];
  totals: {
    billableMinutes: number;
    nonBillableMinutes: number;
    minutes: number;
    billableCents: number;
    costCents: number;
  };
};

/** The Monday of the ISO week containing `date`. */
export const weekStart = (date: string) => format(startOfISOWeek(parseISO(date)), 'yyyy-MM-dd');
const plusDays = (date: string, n: number) => format(addDays(parseISO(date), n), 'yyyy-MM-dd');

export async function timesheet(ctx: Ctx, q: { user?: string; week?: string }): Promise<Timesheet> {
  assertCan(ctx.actor, 'time.read');
  const staff = (await listStaffRates(ctx.db)).map((s) => ({ id: s.id, name: s.name }));
  const userId =
    q.user ||
    (ctx.actor.type === 'staff' && staff.some((s) => s.id === staffId(ctx))
      ? staffId(ctx)
      : (staff[0]?.id ?? ''));
  const found = userId ? await findUserRates(ctx.db, userId) : null;
  const user = found ? { id: found.id, name: found.name } : { id: '', name: 'Nobody' };
  const week = weekStart(
    q.week && isCalendarDate(q.week) ? q.week : todayIn(await businessTimeZone(ctx.db)),
  );
  const entries = user.id
    ? await listEntries(ctx.db, { userId: user.id, from: week, to: plusDays(week, 6) })
    : [];
  const days: Day[] = Array.from({ length: 7 }, (_, i) => {
    const date = plusDays(week, i);
    const es = entries.filter((e) => e.workDate === date);
    const sum = (f: (e: TimeEntry) => number) => es.reduce((a, e) => a + f(e), 0);
    return {
      date,
      entries: es,
      billableMinutes: sum((e) => (e.billable ? e.minutes : 0)),
      nonBillableMinutes: sum((e) => (e.billable ? 0 : e.minutes)),
      billableCents: sumCents(es.map((e) => e.billableCents)),
    };
  });
  const billableMinutes = days.reduce((a, d) => a + d.billableMinutes, 0);
  const nonBillableMinutes = days.reduce((a, d) => a + d.nonBillableMinutes, 0);
  return {
    user,
    staff,
    week,
    prevWeek: plusDays(week, -7),
    nextWeek: plusDays(week, 7),
    days,
    totals: {
      billableMinutes,
      nonBillableMinutes,
      minutes: billableMinutes + nonBillableMinutes,
      billableCents: sumCents(entries.map((e) => e.billableCents)),
      costCents: sumCents(entries.map((e) => e.costCents)),
    },
  };
}
