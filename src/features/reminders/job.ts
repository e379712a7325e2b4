// The daily reminder job (registered by the lead in main.ts): reminders and late fees as of the
// business "today", as the system actor. Safe to run more than once a day.
import { withActor, type Deps } from '../../platform/context.ts';
import type { Job } from '../../platform/jobs.ts';
import { runReminders } from './run.ts';

export function remindersJob(deps: Deps, schedule = '0 8 * * *', timeZone = 'UTC'): Job {
  return {
    name: 'billing.reminders',
    schedule,
    timeZone,
    leaseSeconds: 600,
    run: async () => {
      const r = await runReminders(withActor(deps, { type: 'system', label: 'scheduler' }));
      if (!r.enabled && r.lateFees.created === 0) return `as of ${r.asOf}: reminders are off`;
      return `as of ${r.asOf}: ${r.sent} sent, ${r.logged} logged, ${r.failed} failed, ${r.skippedSteps} steps skipped, ${r.noRecipient} without an address; ${r.lateFees.created} late fees, ${r.lateFees.errors.length} errors`;
    },
  };
}
