// "As of a calendar date" for instants: an event stored as an ISO instant (an allocation, a void, a
// refund) counts as of date D when it happened before midnight at the end of D in the business time
// zone. Calendar dates (issue dates, received_on) compare as text. Time zone arithmetic is
// @date-fns/tz's (a day that starts at 01:00 because of a daylight saving change starts then).
import { TZDate } from '@date-fns/tz';
import { addDaysToDate } from '../../lib/dates.ts';

/** The UTC instant (ISO) at which calendar date `date` begins in `tz`. */
export function startOfDayUtc(date: string, tz: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(new TZDate(y, m - 1, d, tz).getTime()).toISOString();
}

/** Instants strictly before this count as "on or before `date`". */
export const endOfDayCutoff = (date: string, tz: string): string =>
  startOfDayUtc(addDaysToDate(date, 1), tz);
