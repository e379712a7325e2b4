// Calendar dates are YYYY-MM-DD text; instants are ISO-8601 UTC text. "Today" is computed in the
// business time zone with Intl, never from the server's local zone.

import { addDays as addDaysFns, differenceInCalendarDays, format, parseISO } from 'date-fns';

export const nowIso = (): string => new Date().toISOString();

/** A calendar date plus n days ("2026-01-31" + 30 = "2026-03-02"), with no time zone involved. */
export const addDaysToDate = (date: string, days: number): string =>
  format(addDaysFns(parseISO(date), days), 'yyyy-MM-dd');

/** Whole days from a to b (b - a) between two calendar dates. */
export const daysBetween = (a: string, b: string): number =>
  differenceInCalendarDays(parseISO(b), parseISO(a));

export function todayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const addMinutes = (iso: string, minutes: number): string =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

export const isValidTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const timeZones = (): string[] => Intl.supportedValuesOf('timeZone');

// Building an Intl.DateTimeFormat costs ~60 µs; a page of timestamps reuses one per zone.
const instantFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-23 14:05" in the given zone, for people reading an instant. */
export function formatInstant(iso: string, timeZone: string): string {
  let f = instantFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    instantFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
