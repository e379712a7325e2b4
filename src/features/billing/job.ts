// The daily billing job: as of the business "today", bill every company whose billing day has come
// (a company billed already this period is skipped, so a daily run is safe). Run by the scheduler
// as the system actor.
import { withActor, type Deps } from '../../platform/context.ts';
import type { Job } from '../../platform/jobs.ts';
import { formatMoney } from '../../lib/money.ts';
import { businessToday } from '../assets/service.ts';
import { runBilling } from './run.ts';

export function billingJob(deps: Deps, schedule: string, timeZone: string): Job {
  return {
    name: 'billing.run',
    schedule,
    timeZone,
    leaseSeconds: 600,
    run: async () => {
      const ctx = withActor(deps, { type: 'system', label: 'scheduler' });
      const r = await runBilling(ctx, { asOf: await businessToday(ctx), trigger: 'scheduler' });
      return `as of ${r.asOf}: ${r.invoicesCreated} invoices, ${formatMoney(r.totalCents)}, ${r.skipped} skipped, ${r.errors.length} errors, ${r.sendErrors.length} send errors`;
    },
  };
}
