import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';
import { createEntry, deleteTimeEntry, startTimer, stopTimer, updateTimeEntry } from './service.ts';
import { addPart } from './parts.ts';
import { listUnbilled, markInvoiced } from './billing.ts';
import { saveBillingSettings, setCompanyHourlyRate, setTechnicianRates } from './rates-service.ts';
import { company, staffCtx, workOrder } from './test-helpers.ts';

describe.each(DIALECTS)('time service on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let admin: Ctx;
  let tech: Ctx;
  let companyId: string;
  const techId = () => (tech.actor.type === 'staff' ? tech.actor.userId : '');

  beforeEach(async () => {
    vi.useRealTimers();
    admin = await staffCtx(suite.deps, 'admin');
    tech = await staffCtx(suite.deps, 'technician');
    companyId = (await company(suite.deps)).id;
  });

  it('resolves the rate: company override over technician rate over the default', async () => {
    const wo = await workOrder(suite.db, companyId);
    const e1 = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    expect(e1).toMatchObject({
      minutes: 60,
      rateCents: 12500,
      billableCents: 12500,
      costCents: 0,
      billable: true,
    });
    await setTechnicianRates(admin, techId(), { hourlyRateCents: 15000, costRateCents: 4000 });
    const e2 = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 30 });
    expect(e2).toMatchObject({ rateCents: 15000, billableCents: 7500, costCents: 2000 });
    await setCompanyHourlyRate(admin, companyId, { hourlyRateCents: 20000 });
    const e3 = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 45 });
    expect(e3).toMatchObject({ rateCents: 20000, billableCents: 15000, costCents: 3000 });
  });

  it('rounds by the settings and defaults the billable flag from the work order', async () => {
    await saveBillingSettings(admin, {
      defaultHourlyRateCents: 10000,
      roundingIncrementMinutes: 6,
      minimumMinutes: 30,
    });
    const contractWo = await workOrder(suite.db, companyId, 'contract');
    const e = await createEntry(tech, contractWo, {
      workDate: '2026-03-02',
      startTime: '09:00',
      endTime: '09:07',
    });
    expect(e).toMatchObject({ minutesRaw: 7, minutes: 30, billable: false, billableCents: 0 });
    const e2 = await createEntry(tech, contractWo, {
      workDate: '2026-03-02',
      minutes: 37,
      billable: true,
    });
    expect(e2).toMatchObject({ minutes: 42, billable: true, billableCents: 7000 });
  });

  it('refuses a second running timer with the work order it runs on, and stop computes rounded minutes and amounts', async () => {
    const wo1 = await workOrder(suite.db, companyId, 'billable', 12);
    const wo2 = await workOrder(suite.db, companyId, 'billable', 13);
    const started = await startTimer(tech, wo1);
    await expect(startTimer(tech, wo2)).rejects.toThrow(
      'You already have a timer running on WO-00012',
    );
    await expect(startTimer(tech, wo2)).rejects.toBeInstanceOf(ConflictError);
    // The database refuses a second running row even without the service's check.
    await expect(
      suite.db
        .insertInto('time_entries')
        .values({
          ...(await suite.db.selectFrom('time_entries').selectAll().executeTakeFirstOrThrow()),
          id: 'dup',
        })
        .execute(),
    ).rejects.toThrow();
    await suite.db
      .updateTable('time_entries')
      .set({ started_at: new Date(Date.now() - 47 * 60_000 - 5000).toISOString() })
      .where('id', '=', started.id)
      .execute();
    const stopped = await stopTimer(tech, wo1);
    expect(stopped).toMatchObject({
      running: false,
      minutesRaw: 47,
      minutes: 60,
      rateCents: 12500,
      billableCents: 12500,
    });
    const again = await startTimer(tech, wo2);
    expect(again.running).toBe(true);
  });

  it('lets a technician log only their own time; an admin logs anyone’s', async () => {
    const wo = await workOrder(suite.db, companyId);
    const other = await staffCtx(suite.deps, 'technician');
    const otherId = other.actor.type === 'staff' ? other.actor.userId : '';
    await expect(
      createEntry(tech, wo, { workDate: '2026-03-02', minutes: 30, userId: otherId }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const e = await createEntry(admin, wo, {
      workDate: '2026-03-02',
      minutes: 30,
      userId: otherId,
    });
    expect(e.userId).toBe(otherId);
    await expect(updateTimeEntry(tech, e.id, { minutes: 60 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('keeps invoiced entries immutable', async () => {
    const wo = await workOrder(suite.db, companyId);
    const e = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    await suite.db
      .transaction()
      .execute((trx) => markInvoiced(trx, [{ kind: 'time', id: e.id }], 'inv-1'));
    await expect(updateTimeEntry(tech, e.id, { minutes: 90 })).rejects.toThrow('on an invoice');
    await expect(deleteTimeEntry(admin, e.id)).rejects.toBeInstanceOf(ConflictError);
    const row = await suite.db
      .selectFrom('time_entries')
      .select(['minutes', 'invoice_id'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect({ minutes: Number(row.minutes), invoice: row.invoice_id }).toEqual({
      minutes: 60,
      invoice: 'inv-1',
    });
  });

  it('lists exactly the unbilled billable items and marks each invoiced once', async () => {
    const wo = await workOrder(suite.db, companyId, 'billable', 7);
    const contract = await workOrder(suite.db, companyId, 'contract', 8);
    const otherCompany = (await company(suite.deps, 'Other Co')).id;
    const otherWo = await workOrder(suite.db, otherCompany);
    const billable = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    await createEntry(tech, contract, { workDate: '2026-03-02', minutes: 60 });
    await createEntry(tech, otherWo, { workDate: '2026-03-02', minutes: 60 });
    await startTimer(tech, wo);
    const part = await addPart(tech, wo, {
      description: 'Toner',
      quantityThousandths: 2000,
      unitCostCents: 4000,
      unitPriceCents: null,
      markupBp: 2500,
    });
    await addPart(tech, wo, {
      description: 'Cable (free)',
      quantityThousandths: 1000,
      unitCostCents: 300,
      unitPriceCents: 500,
      markupBp: null,
      billable: false,
    });
    const u = await listUnbilled(admin, companyId);
    expect(u.items.map((i) => [i.kind, i.id, i.workOrderNumber, i.amountCents])).toEqual([
      ['time', billable.id, 'WO-00007', 12500],
      ['part', part.id, 'WO-00007', 10000],
    ]);
    expect(u.totalCents).toBe(22500);

    const results = await Promise.allSettled(
      ['inv-a', 'inv-b'].map((inv) =>
        suite.db.transaction().execute((trx) => markInvoiced(trx, u.items, inv)),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results[0].status === 'fulfilled' ? 'inv-a' : 'inv-b';
    const invoices = await suite.db
      .selectFrom('time_entries')
      .select('invoice_id')
      .where('id', '=', billable.id)
      .union(suite.db.selectFrom('work_order_parts').select('invoice_id').where('id', '=', part.id))
      .execute();
    expect(invoices.map((r) => r.invoice_id)).toEqual([winner]);
    await expect(
      suite.db.transaction().execute((trx) => markInvoiced(trx, u.items, 'inv-c')),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await listUnbilled(admin, companyId)).items).toEqual([]);
  });

  it('a second mark of a partly invoiced batch changes nothing', async () => {
    const wo = await workOrder(suite.db, companyId);
    const a = await createEntry(tech, wo, { workDate: '2026-03-02', minutes: 60 });
    const b = await createEntry(tech, wo, { workDate: '2026-03-03', minutes: 60 });
    await suite.db
      .transaction()
      .execute((trx) => markInvoiced(trx, [{ kind: 'time', id: a.id }], 'inv-1'));
    await expect(
      suite.db.transaction().execute((trx) =>
        markInvoiced(
          trx,
          [
            { kind: 'time', id: a.id },
            { kind: 'time', id: b.id },
          ],
          'inv-2',
        ),
      ),
    ).rejects.toThrow('already invoiced');
    const rows = await suite.db
      .selectFrom('time_entries')
      .select(['id', 'invoice_id'])
      .orderBy('work_date')
      .execute();
    expect(rows.map((r) => r.invoice_id)).toEqual(['inv-1', null]);
  });
});
