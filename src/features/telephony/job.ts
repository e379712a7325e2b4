// The daily phone services sync: every company linked to a Twilio subaccount gets its numbers and its
// usage for last month and this month pulled, as the system actor, one company at a time (a failure
// is logged in that company's sync log and the job goes on). Safe to run more than once a day: usage
// rows update in place and numbers only change when Twilio's do.
import { withActor, type Deps } from '../../platform/context.ts';
import type { Job } from '../../platform/jobs.ts';
import { syncCompany } from './service.ts';
import { readStoredTelephony } from './settings.ts';

export const TELEPHONY_SYNC_SCHEDULE = '30 5 * * *';
const BATCH = 200;

export async function syncAllCompanies(
  deps: Deps,
  opts: { months?: string[] } = {},
): Promise<{ synced: number; failed: number; configured: boolean }> {
  if (!(await readStoredTelephony(deps.db))) return { synced: 0, failed: 0, configured: false };
  const ctx = withActor(deps, { type: 'system', label: 'scheduler' });
  let synced = 0;
  let failed = 0;
  let after = '';
  for (;;) {
    const batch = await deps.db
      .selectFrom('telephony_accounts')
      .select('company_id')
      .where('company_id', '>', after)
      .orderBy('company_id')
      .limit(BATCH)
      .execute();
    for (const { company_id } of batch) {
      try {
        await syncCompany(ctx, company_id, opts);
        synced += 1;
      } catch (err) {
        failed += 1;
        deps.log.warn(
          { companyId: company_id, err: (err as Error).message },
          'telephony sync failed',
        );
      }
    }
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1].company_id;
  }
  return { synced, failed, configured: true };
}

export function telephonySyncJob(
  deps: Deps,
  schedule = TELEPHONY_SYNC_SCHEDULE,
  timeZone = 'UTC',
): Job {
  return {
    name: 'telephony.sync',
    schedule,
    timeZone,
    leaseSeconds: 1800,
    run: async () => {
      const r = await syncAllCompanies(deps);
      if (!r.configured) return 'phone services are not set up';
      return `${r.synced} companies synced, ${r.failed} failed`;
    },
  };
}
