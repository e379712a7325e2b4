import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { createStaff } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { company, workOrder } from './test-helpers.ts';

describe.each(DIALECTS)('time JSON API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let tech: { headers: Record<string, string>; userId: string };
  let admin: { headers: Record<string, string>; userId: string };
  let companyId: string;
  const keyFor = async (role: Role) => {
    const { user } = await createStaff(suite.db, role);
    return {
      headers: {
        authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: user.id })).key}`,
      },
      userId: user.id,
    };
  };
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    who: { headers: Record<string, string> },
    payload?: object,
  ) => suite.app.inject({ method, url: `/api/v1${url}`, headers: who.headers, payload });

  beforeEach(async () => {
    tech = await keyFor('technician');
    admin = await keyFor('admin');
    companyId = (await company(suite.deps)).id;
  });

  it('starts and stops a timer, refusing a second with 409 and a clear message', async () => {
    const wo1 = await workOrder(suite.db, companyId, 'billable', 12);
    const wo2 = await workOrder(suite.db, companyId, 'billable', 13);
    const started = await call('POST', `/work-orders/${wo1}/timer/start`, tech, {
      description: 'Looking',
    });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({
      running: true,
      userId: tech.userId,
      description: 'Looking',
    });
    const second = await call('POST', `/work-orders/${wo2}/timer/start`, tech);
    expect(second.statusCode).toBe(409);
    expect(second.json().detail).toBe(
      'You already have a timer running on WO-00012. Stop it first.',
    );
    await suite.db
      .updateTable('time_entries')
      .set({ started_at: new Date(Date.now() - 16 * 60_000).toISOString() })
      .execute();
    const stopped = await call('POST', `/work-orders/${wo1}/timer/stop`, tech);
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json()).toMatchObject({
      running: false,
      minutesRaw: 16,
      minutes: 30,
      billableCents: 6250,
    });
    expect((await call('POST', `/work-orders/${wo1}/timer/stop`, tech)).statusCode).toBe(404);
  });

  it('creates, filters, patches and deletes entries; amounts come from the server; others’ time only for admins', async () => {
    const wo = await workOrder(suite.db, companyId);
    const created = await call('POST', '/time-entries', tech, {
      workOrderId: wo,
      workDate: '2026-03-02',
      minutes: 50,
      billableCents: 1,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ minutes: 60, billableCents: 12500, costCents: 0 });
    expect(
      (
        await call('POST', '/time-entries', tech, {
          workOrderId: wo,
          workDate: '2026-03-02',
          minutes: 30,
          userId: admin.userId,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', '/time-entries', admin, {
          workOrderId: wo,
          workDate: '2026-03-05',
          minutes: 30,
          userId: tech.userId,
        })
      ).statusCode,
    ).toBe(201);
    const bad = await call('POST', '/time-entries', tech, { workOrderId: wo, workDate: 'tuesday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('workDate');
    const list = (
      await call('GET', `/time-entries?userId=${tech.userId}&from=2026-03-03&to=2026-03-31`, tech)
    ).json();
    expect(list.items.map((e: { workDate: string }) => e.workDate)).toEqual(['2026-03-05']);
    const id = created.json().id;
    const patched = await call('PATCH', `/time-entries/${id}`, tech, {
      minutes: 100,
      billable: false,
    });
    expect(patched.json()).toMatchObject({ minutes: 105, billable: false, billableCents: 0 });
    expect((await call('DELETE', `/time-entries/${id}`, tech)).statusCode).toBe(204);
    expect((await call('GET', `/time-entries/${id}`, tech)).statusCode).toBe(404);
  });

  it('adds and lists parts and answers ready to bill with a total', async () => {
    const wo = await workOrder(suite.db, companyId, 'billable', 5);
    const part = await call('POST', `/work-orders/${wo}/parts`, tech, {
      description: 'SSD',
      quantityThousandths: 1000,
      unitCostCents: 8000,
      markupBp: 5000,
    });
    expect(part.statusCode).toBe(201);
    expect(part.json()).toMatchObject({
      unitPriceCents: 12000,
      totalPriceCents: 12000,
      totalCostCents: 8000,
      billable: true,
    });
    expect((await call('GET', `/work-orders/${wo}/parts`, tech)).json().items).toHaveLength(1);
    await call('POST', '/time-entries', tech, {
      workOrderId: wo,
      workDate: '2026-03-02',
      minutes: 60,
    });
    const unbilled = (await call('GET', `/companies/${companyId}/unbilled`, tech)).json();
    expect(unbilled.totalCents).toBe(24500);
    expect(
      unbilled.items.map((i: { kind: string; workOrderNumber: string; amountCents: number }) => [
        i.kind,
        i.workOrderNumber,
        i.amountCents,
      ]),
    ).toEqual([
      ['time', 'WO-00005', 12500],
      ['part', 'WO-00005', 12000],
    ]);
    expect((await call('GET', '/companies/nope/unbilled', tech)).statusCode).toBe(404);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const p of [
      '/time-entries',
      '/time-entries/{id}',
      '/work-orders/{id}/timer/start',
      '/work-orders/{id}/timer/stop',
      '/work-orders/{id}/parts',
      '/companies/{id}/unbilled',
    ])
      expect(doc.paths[p]).toBeDefined();
    expect(doc.components.schemas.TimeEntry.properties.billableCents).toBeDefined();
  });
});
