import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { testApp } from '../../../test/support/app.ts';
import { createScheduler } from '../../platform/jobs.ts';
import { businessToday } from '../assets/service.ts';
import { billingJob } from './job.ts';
import { periodContaining } from './periods.ts';
import { billedCompany } from './test-helpers.ts';
import { ConfigError, loadConfig } from '../../config.ts';

describe('scheduler configuration', () => {
  it('runs jobs by default, not under npm run dev, and SCHEDULER decides when set', () => {
    expect(loadConfig({}).scheduler).toBe(true);
    expect(loadConfig({ npm_lifecycle_event: 'dev' }).scheduler).toBe(false);
    expect(loadConfig({ npm_lifecycle_event: 'dev', SCHEDULER: 'on' }).scheduler).toBe(true);
    expect(loadConfig({ SCHEDULER: 'off' }).scheduler).toBe(false);
    expect(() => loadConfig({ SCHEDULER: 'sometimes' })).toThrow(
      'SCHEDULER: must be on or off (got "sometimes")',
    );
  });
  it('takes BILLING_SCHEDULE as a cron pattern, 06:15 by default', () => {
    expect(loadConfig({}).billingSchedule).toBe('15 6 * * *');
    expect(loadConfig({ BILLING_SCHEDULE: '0 5 * * 1-5' }).billingSchedule).toBe('0 5 * * 1-5');
    expect(() => loadConfig({ BILLING_SCHEDULE: 'every morning' })).toThrow(ConfigError);
    expect(() => loadConfig({ BILLING_SCHEDULE: '99 6 * * *' })).toThrow(
      /BILLING_SCHEDULE: must be a cron pattern/,
    );
  });
});

describe.each(DIALECTS)('the scheduled billing job on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });

  it('bills as of the business today through its lease, once across two instances, and records the result', async () => {
    const id = await billedCompany(suite.deps, 'Scheduled Co');
    const job = billingJob(suite.deps, '15 6 * * *', 'America/Chicago');
    const tick = new Date().toISOString();
    const a = createScheduler(suite.deps, { instanceId: 'a' });
    const b = createScheduler(suite.deps, { instanceId: 'b' });
    const results = await Promise.all([a.runOnce(job, tick), b.runOnce(job, tick)]);
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    const today = await businessToday(suite.deps);
    const inv = await suite.db
      .selectFrom('invoices')
      .selectAll()
      .where('company_id', '=', id)
      .execute();
    expect(inv).toHaveLength(1);
    expect(inv[0].period_start).toBe(periodContaining(today, 1).start);
    const runs = await suite.db.selectFrom('billing_runs').selectAll().execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      triggered_by: 'scheduler',
      actor_label: 'scheduler',
      as_of: today,
      status: 'completed',
    });
    const lease = await suite.db
      .selectFrom('job_leases')
      .selectAll()
      .where('name', '=', 'billing.run')
      .executeTakeFirstOrThrow();
    expect(lease.holder).toBeNull();
    expect(lease.last_result).toMatch(
      new RegExp(`^as of ${today}: 1 invoices, \\$150\\.00, 0 skipped, 0 errors`),
    );
  });

  it('is never started by the app itself (tests and extra instances get no surprise runs)', async () => {
    await billedCompany(suite.deps, 'Quiet Co');
    const app = await testApp(suite.deps);
    await new Promise((r) => setTimeout(r, 300));
    await app.close();
    expect(await suite.db.selectFrom('job_leases').selectAll().execute()).toEqual([]);
    expect(await suite.db.selectFrom('billing_runs').selectAll().execute()).toEqual([]);
  });
});
