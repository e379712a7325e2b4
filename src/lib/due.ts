// How far a due date is from today, in words: "5 days overdue", "1 day overdue", "due today",
// "due tomorrow", "due in 3 days". Calendar dates only (YYYY-MM-DD, today in the business time zone).
import { daysBetween } from './dates.ts';

export type Due = { days: number; overdue: boolean; label: string };

/** days: due minus today (negative when overdue). */
export function relativeDue(dueOn: string, today: string): Due {
  const days = daysBetween(today, dueOn);
  const n = (k: number) => `${k} ${k === 1 ? 'day' : 'days'}`;
  if (days < 0) return { days, overdue: true, label: `${n(-days)} overdue` };
  if (days === 0) return { days, overdue: false, label: 'due today' };
  if (days === 1) return { days, overdue: false, label: 'due tomorrow' };
  return { days, overdue: false, label: `due in ${n(days)}` };
}
