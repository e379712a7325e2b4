import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import { company, workOrder } from './test-helpers.ts';

describe.each(DIALECTS)('time pages on %s', (dialect) => {
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

  it('starts a timer that survives a reload, refuses a second one with a flash naming the work order, and stops it', async () => {
    const wo1 = await workOrder(suite.db, companyId, 'billable', 12);
    const wo2 = await workOrder(suite.db, companyId, 'billable', 13);
    const start = await postForm(suite.app, tech, `/work-orders/${wo1}/timer/start`, {
      description: 'Printer',
    });
    expect(start.statusCode).toBe(302);
    const page = await get(`/work-orders/${wo1}/time`, tech);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stop timer');
    expect(page.body).toContain('data-timer-start=');
    expect(page.body).toContain('<script src="/public/time.js" defer>');
    expect((await suite.app.inject({ url: '/public/time.js' })).statusCode).toBe(200);
    const second = await postForm(
      suite.app,
      { ...tech, cookie: tech.cookie },
      `/work-orders/${wo2}/timer/start`,
      {},
    );
    expect(second.statusCode).toBe(302);
    const flashCookie = second.cookies.find((c) => c.name === 'st_flash')!;
    const after = await get(`/work-orders/${wo2}/time`, {
      ...tech,
      cookie: `${tech.cookie}; st_flash=${flashCookie.value}`,
    });
    expect(after.body).toContain('You already have a timer running on WO-00012');
    expect((await get('/time/running', tech)).body).toContain('Timer running on WO-00012');
    await suite.db
      .updateTable('time_entries')
      .set({ started_at: new Date(Date.now() - 20 * 60_000).toISOString() })
      .execute();
    expect((await postForm(suite.app, tech, `/work-orders/${wo1}/timer/stop`, {})).statusCode).toBe(
      302,
    );
    const stopped = await get(`/work-orders/${wo1}/time`, tech);
    expect(stopped.body).toContain('Start timer');
    expect(stopped.body).toContain('$62.50'); // 20 min rounded to 30 at $125/h
  });

  it('adds a manual entry, re-renders a bad one with 422, and refuses a technician logging for someone else', async () => {
    const wo = await workOrder(suite.db, companyId);
    const ok = await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '1:30',
      description: 'Replaced fuser',
    });
    expect(ok.statusCode).toBe(302);
    const page = await get(`/work-orders/${wo}/time`, tech);
    expect(page.body).toContain('Replaced fuser');
    expect(page.body).toContain('$187.50');
    const bad = await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      description: 'no duration',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Enter a duration, or a start and an end time');
    expect(bad.body).toContain('no duration');
    const forOther = await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '30',
      userId: admin.userId,
    });
    expect(forOther.statusCode).toBe(403);
    const byAdmin = await postForm(suite.app, admin, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '30',
      userId: tech.userId,
    });
    expect(byAdmin.statusCode).toBe(302);
    const rows = await suite.db.selectFrom('time_entries').select('user_id').execute();
    expect(rows.map((r) => r.user_id)).toEqual([tech.userId, tech.userId]);
  });

  it('corrects an entry until it is invoiced, then refuses with a flash', async () => {
    const wo = await workOrder(suite.db, companyId);
    await postForm(suite.app, tech, `/work-orders/${wo}/time`, {
      workDate: '2026-03-02',
      duration: '20',
      description: 'Call',
    });
    const id = (await suite.db.selectFrom('time_entries').select('id').executeTakeFirstOrThrow())
      .id;
    expect((await get(`/work-orders/${wo}/time/${id}/edit`, tech)).body).toContain('value="0:20"');
    const bad = await postForm(suite.app, tech, `/work-orders/${wo}/time/${id}`, {
      workDate: 'soon',
      duration: '20',
      billable: 'true',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      (
        await postForm(suite.app, tech, `/work-orders/${wo}/time/${id}`, {
          workDate: '2026-03-03',
          duration: '50',
          description: 'Long call',
          billable: 'true',
        })
      ).statusCode,
    ).toBe(302);
    const row = await suite.db
      .selectFrom('time_entries')
      .select(['minutes', 'work_date', 'billable_cents'])
      .executeTakeFirstOrThrow();
    expect([Number(row.minutes), row.work_date, Number(row.billable_cents)]).toEqual([
      60,
      '2026-03-03',
      12500,
    ]);
    await suite.db.updateTable('time_entries').set({ invoice_id: 'inv-1' }).execute();
    const refused = await postForm(suite.app, tech, `/work-orders/${wo}/time/${id}`, {
      workDate: '2026-03-03',
      duration: '10',
      billable: 'true',
    });
    expect(refused.statusCode).toBe(302);
    expect(
      Buffer.from(
        refused.cookies.find((c) => c.name === 'st_flash')!.value,
        'base64url',
      ).toString(),
    ).toContain('on an invoice');
    expect(
      Number(
        (await suite.db.selectFrom('time_entries').select('minutes').executeTakeFirstOrThrow())
          .minutes,
      ),
    ).toBe(60);
  });
});
