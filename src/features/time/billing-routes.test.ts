import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import { company, workOrder } from './test-helpers.ts';

describe.each(DIALECTS)('parts, timesheet, ready to bill and rates pages on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  let tech: Agent;
  let companyId: string;
  const get = (url: string, agent: Agent) => getPage(suite.app, agent, url);

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    tech = await signInAs(suite.app, suite.deps, 'technician');
    companyId = (await company(suite.deps)).id;
  });

  it('adds parts with a unit price or a markup, shows totals, and re-renders a bad part with 422', async () => {
    const wo = await workOrder(suite.db, companyId);
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/parts`, {
          description: 'Toner',
          quantity: '2',
          unitCost: '40.00',
          markupPercent: '25',
          billable: 'on',
        })
      ).statusCode,
    ).toBe(302);
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/parts`, {
          description: 'Cable',
          quantity: '1.5',
          unitCost: '2.00',
          unitPrice: '5.00',
        })
      ).statusCode,
    ).toBe(302);
    const page = await get(`/work-orders/${wo}/parts`, tech);
    expect(page.body).toContain('$100.00'); // 2 × (40 + 25%)
    expect(page.body).toContain('$7.50'); // 1.5 × 5, not billable
    const bad = await postForm(suite.app, tech, `/work-orders/${wo}/parts`, {
      description: 'Mystery',
      quantity: '1',
      unitCost: '1.00',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a unit price or a markup');
    const rows = await suite.db
      .selectFrom('work_order_parts')
      .select(['total_price_cents', 'billable'])
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => [Number(r.total_price_cents), Number(r.billable)])).toEqual([
      [10000, 1],
      [750, 0],
    ]);
  });

  it('shows the week’s per-day totals, billable and not', async () => {
    const wo = await workOrder(suite.db, companyId, 'billable');
    const contract = await workOrder(suite.db, companyId, 'contract');
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '60',
    });
    await postForm(suite.app, tech, `/work-orders/${contract}/time`, {
      workDate: '2026-03-02',
      duration: '30',
    });
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-04',
      duration: '1:45',
    });
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-09',
      duration: '60',
    }); // next week
    const page = await get(`/time/timesheet?user=${tech.userId}&week=2026-03-04`, admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Week of 2026-03-02');
    const foot = /<tfoot>(.*?)<\/tfoot>/s.exec(page.body)![1];
    expect(foot).toContain('2:45'); // billable
    expect(foot).toContain('0:30'); // non-billable
    expect(foot).toContain('3:15');
    expect(foot).toContain('$343.75');
  });

  it('lists ready-to-bill items for the company and lets an admin set its hourly rate override', async () => {
    const wo = await workOrder(suite.db, companyId, 'billable', 41);
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '60',
      description: 'Server patching',
    });
    const page = await get(`/companies/${companyId}/unbilled`, admin);
    expect(page.body).toContain('WO-00041');
    expect(page.body).toContain('Server patching');
    expect(page.body).toContain('$125.00');
    expect(
      (
        await postForm(suite.app, admin, `/companies/${companyId}/hourly-rate`, {
          hourlyRate: '150',
        })
      ).statusCode,
    ).toBe(302);
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-03',
      duration: '60',
    });
    expect((await get(`/companies/${companyId}/unbilled`, admin)).body).toContain('$275.00');
    expect(
      (await postForm(suite.app, tech, `/companies/${companyId}/hourly-rate`, { hourlyRate: '1' }))
        .statusCode,
    ).toBe(403);
  });

  it('saves default rate, rounding and technician rates (admin only)', async () => {
    expect((await get('/settings/billing-rates', tech)).statusCode).toBe(403);
    expect(
      (
        await postForm(suite.app, admin, '/settings/billing-rates', {
          defaultHourlyRate: '100',
          roundingIncrementMinutes: '6',
          minimumMinutes: '0',
        })
      ).statusCode,
    ).toBe(302);
    const bad = await postForm(suite.app, admin, '/settings/billing-rates', {
      defaultHourlyRate: 'lots',
      roundingIncrementMinutes: '6',
      minimumMinutes: '0',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      (
        await postForm(suite.app, admin, `/settings/billing-rates/users/${tech.userId}`, {
          hourlyRate: '',
          costRate: '40',
        })
      ).statusCode,
    ).toBe(302);
    const wo = await workOrder(suite.db, companyId);
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '7',
    });
    const e = await suite.db
      .selectFrom('time_entries')
      .select(['minutes', 'billable_cents', 'cost_cents'])
      .executeTakeFirstOrThrow();
    expect([Number(e.minutes), Number(e.billable_cents), Number(e.cost_cents)]).toEqual([
      12, 2000, 800,
    ]);
    expect((await get('/settings/billing-rates', admin)).body).toContain('value="40.00"');
    expect((await get('/settings', admin)).body).toContain('href="/settings/billing-rates"');
  });
});
