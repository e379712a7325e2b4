// Cron patterns as the scheduler reads them. Apart from jobs.ts so that config.ts can check
// BILLING_SCHEDULE and REMINDER_SCHEDULE without importing the scheduler.
import { Cron } from 'croner';

/** Whether a cron pattern is valid (5 fields, or 6 with seconds first). */
export function isValidSchedule(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}
