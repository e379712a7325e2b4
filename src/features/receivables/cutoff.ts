// "As of a calendar date" for instants: an event stored as an ISO instant (an allocation, a void, a
// refund) counts as of date D when it happened before midnight at the end of D in the business time
// zone. Calendar dates (issue dates, received_on) compare as text.
import { addDaysToDate } from '../../lib/dates.ts';

/** Minutes east of UTC of `tz` at the instant `ms`. */
function offsetMinutes(ms: number, tz: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The UTC instant (ISO) at which calendar date `date` begins in `tz`. */
export function startOfDayUtc(date: string, tz: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y, m - 1, d);
  let ms = naive - offsetMinutes(naive, tz) * 60000;
  // Across a DST change the offset at the guess may differ from the offset at the answer.
  ms = naive - offsetMinutes(ms, tz) * 60000;
  return new Date(ms).toISOString();
}

/** Instants strictly before this count as "on or before `date`". */
export const endOfDayCutoff = (date: string, tz: string): string => startOfDayUtc(addDaysToDate(date, 1), tz);
