import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { nowIso } from '../../lib/dates.ts';
import { createEntry } from '../time/service.ts';
import { staffCtx, systemCtx, workOrder } from '../time/test-helpers.ts';
import { DEFAULT_INVOICE_SETTINGS, writeInvoiceSettings } from '../invoices/settings.ts';
import { findInvoice } from '../invoices/queries.ts';
import { planBilling } from './plan.ts';
import { runBilling } from './run.ts';
import { billedCompany, counts, serviceLine, taxRate } from './test-helpers.ts';
import { addPart } from '../time/parts.ts';

describe.each(DIALECTS)('monthly billing run on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let admin: Ctx;
  const run = (asOf: string, extra: Partial<Parameters<typeof runBilling>[1]> = {}) =>
    runBilling(admin, { asOf, trigger: 'cli', ...extra });
  const invoicesOf = async (companyId: string) => {
    const rows = await suite.db
      .selectFrom('invoices')
      .select('id')
      .where('company_id', '=', companyId)
      .orderBy('created_at')
      .execute();
    return Promise.all(rows.map(async (r) => (await findInvoice(suite.db, r.id))!));
  };
  const charges = () =>
    suite.db
      .selectFrom('recurring_charges')
      .selectAll()
      .orderBy('source_key')
      .orderBy('period_start')
      .execute();

  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
  });

  it('bills the coming month in advance, sets the anchor, applies the default tax and issues the invoice', async () => {
    await taxRate(suite.db, 'Sales tax', 82_500);
    const id = await billedCompany(suite.deps, 'Riverside Dental', {
      contract_start: '2025-06-01',
    });
    const r = await run('2026-12-01');
    expect(r).toMatchObject({ invoicesCreated: 1, skipped: 0, errors: [] });
    const [inv] = await invoicesOf(id);
    expect(inv).toMatchObject({
      status: 'issued',
      source: 'billing_run',
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
      runKey: `${id}:2026-12-01`,
      subtotalCents: 15000,
      taxCents: 1238,
      totalCents: 16238,
      billingRunId: r.runId,
    });
    expect(inv.number).toMatch(/^INV-\d{4}-00001$/);
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]).toMatchObject({
      kind: 'contract',
      description: 'Monthly support contract — Dec 1, 2026 – Dec 31, 2026',
      quantityThousandths: 1000,
      unitPriceCents: 15000,
      amountCents: 15000,
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    });
    expect(r.totalCents).toBe(16238);
    const company = await suite.db
      .selectFrom('companies')
      .select('billing_anchor')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(company.billing_anchor).toBe('2026-12-01'); // periods before the first run are never charged
    expect(
      (await charges()).map((c) => [c.source_key, c.period_start, Number(c.amount_cents)]),
    ).toEqual([[`contract:${id}`, '2026-12-01', 15000]]);
    const runRow = await suite.db.selectFrom('billing_runs').selectAll().executeTakeFirstOrThrow();
    expect(runRow).toMatchObject({ status: 'completed', triggered_by: 'cli', as_of: '2026-12-01' });
    expect(Number(runRow.invoices_created)).toBe(1);
    expect(Number(runRow.total_cents)).toBe(16238);
  });

  it('taxes the contract and labor only when the invoice settings say so; parts always', async () => {
    await taxRate(suite.db, 'Sales tax', 100_000);
    await writeInvoiceSettings(
      suite.db,
      { ...DEFAULT_INVOICE_SETTINGS, taxContract: false, taxLabor: false },
      nowIso(),
    );
    const tech = await staffCtx(suite.deps, 'technician');
    const id = await billedCompany(suite.deps, 'Riverside Dental', {
      contract_start: '2025-06-01',
    });
    const wo = await workOrder(suite.db, id);
    await createEntry(tech, wo, { workDate: '2026-11-20', minutes: 60 });
    await addPart(tech, wo, {
      description: 'Toner',
      quantityThousandths: 1000,
      unitCostCents: 4000,
      unitPriceCents: 5000,
      markupBp: null,
    });
    // A part counts from the day it was added; date it before the run so the test never depends on today.
    await suite.db
      .updateTable('work_order_parts')
      .set({ created_at: '2026-11-20T12:00:00.000Z' })
      .where('work_order_id', '=', wo)
      .execute();
    await run('2026-12-01');
    const [inv] = await invoicesOf(id);
    expect(inv.lines.map((l) => [l.kind, l.amountCents, l.taxCents])).toEqual([
      ['contract', 15000, 0],
      ['time', 12500, 0],
      ['part', 5000, 500],
    ]);
    expect(inv.taxCents).toBe(500);
  });

  it('bills mid-month billing days for the period containing the as-of date', async () => {
    const id = await billedCompany(suite.deps, 'Harbor Law', { billing_day: 15 });
    await run('2027-01-05');
    const [inv] = await invoicesOf(id);
    expect(inv).toMatchObject({ periodStart: '2026-12-15', periodEnd: '2027-01-14' });
  });

  it('prorates a service that starts or ends inside the period, by days, and the split pieces add up to the month', async () => {
    const id = await billedCompany(suite.deps, 'Riverside Dental', { monthly_rate_cents: 0 });
    await serviceLine(suite.db, id, {
      description: 'Backup A',
      startDate: '2026-12-15',
      unitPriceCents: 15000,
    });
    await serviceLine(suite.db, id, {
      description: 'Backup B',
      startDate: '2026-06-01',
      endDate: '2026-12-14',
      unitPriceCents: 15000,
    });
    await serviceLine(suite.db, id, {
      description: 'Phone lines',
      startDate: '2026-01-01',
      quantityThousandths: 3000,
      unitPriceCents: 230,
    });
    await serviceLine(suite.db, id, {
      description: 'Deleted',
      startDate: '2026-01-01',
      deleted: true,
    });
    await serviceLine(suite.db, id, {
      description: 'Ended',
      startDate: '2026-01-01',
      endDate: '2026-11-30',
    });
    await run('2026-12-01');
    const [inv] = await invoicesOf(id);
    const byDesc = Object.fromEntries(inv.lines.map((l) => [l.description.split(' — ')[0], l]));
    expect(Object.keys(byDesc).sort()).toEqual(['Backup A', 'Backup B', 'Phone lines']);
    expect(byDesc['Backup A']).toMatchObject({
      quantityThousandths: 1000,
      unitPriceCents: 8226,
      amountCents: 8226,
      description: 'Backup A — Dec 1, 2026 – Dec 31, 2026 (prorated: 17 of 31 days of $150.00)',
    });
    expect(byDesc['Backup B']).toMatchObject({
      amountCents: 6774,
      description: 'Backup B — Dec 1, 2026 – Dec 31, 2026 (prorated: 14 of 31 days of $150.00)',
    });
    expect(byDesc['Backup A'].amountCents + byDesc['Backup B'].amountCents).toBe(15000);
    expect(byDesc['Phone lines']).toMatchObject({
      quantityThousandths: 3000,
      unitPriceCents: 230,
      amountCents: 690,
    });
  });

  it('catches up a line added late with a past start date, never before the anchor, capped at 12 periods', async () => {
    const id = await billedCompany(suite.deps, 'Late Line Co', {
      monthly_rate_cents: 0,
      billing_anchor: '2026-10-01',
    });
    await serviceLine(suite.db, id, {
      description: 'Late',
      startDate: '2026-09-15',
      unitPriceCents: 3000,
    });
    const old = await billedCompany(suite.deps, 'Old Co', {
      monthly_rate_cents: 0,
      billing_anchor: '2020-01-01',
    });
    await serviceLine(suite.db, old, {
      description: 'Old',
      startDate: '2020-01-01',
      unitPriceCents: 1000,
    });
    await run('2026-12-01');
    const [inv] = await invoicesOf(id);
    expect(inv.lines.map((l) => [l.periodStart, l.amountCents])).toEqual([
      ['2026-10-01', 3000],
      ['2026-11-01', 3000],
      ['2026-12-01', 3000],
    ]);
    const [oldInv] = await invoicesOf(old);
    expect(oldInv.lines).toHaveLength(12);
    expect(oldInv.lines[0].periodStart).toBe('2026-01-01');
    expect(oldInv.periodStart).toBe('2026-12-01');
    // Next month only the new period is charged.
    await run('2027-01-01');
    const after = await invoicesOf(id);
    expect(after).toHaveLength(2);
    expect(after[1].lines.map((l) => l.periodStart)).toEqual(['2027-01-01']);
  });

  it('starts the contract at a future contract start, prorated when it starts inside a period', async () => {
    const future = await billedCompany(suite.deps, 'Future Co', { contract_start: '2027-02-01' });
    const mid = await billedCompany(suite.deps, 'Mid Co', {
      contract_start: '2026-12-10',
      monthly_rate_cents: 31000,
    });
    const r = await run('2026-12-01');
    expect(r.invoicesCreated).toBe(1);
    expect(await invoicesOf(future)).toHaveLength(0);
    const [m] = await invoicesOf(mid);
    expect(m.lines[0]).toMatchObject({
      amountCents: 22000,
      description:
        'Monthly support contract — Dec 1, 2026 – Dec 31, 2026 (prorated: 22 of 31 days of $310.00)',
    });
    expect(
      (
        await suite.db
          .selectFrom('companies')
          .select('billing_anchor')
          .where('id', '=', future)
          .executeTakeFirstOrThrow()
      ).billing_anchor,
    ).toBeNull();
    await run('2027-01-01');
    expect(await invoicesOf(future)).toHaveLength(0);
    await run('2027-02-01');
    const [f] = await invoicesOf(future);
    expect(f.lines.map((l) => [l.periodStart, l.amountCents])).toEqual([['2027-02-01', 15000]]);
  });

  it('skips inactive companies, charges no tax to tax-exempt ones and uses a company’s own rate', async () => {
    await taxRate(suite.db, 'Default', 82_500);
    const own = await taxRate(suite.db, 'County', 50_000, false);
    const inactive = await billedCompany(suite.deps, 'Closed Co', { status: 'inactive' });
    const exempt = await billedCompany(suite.deps, 'School', { tax_exempt: 1 });
    const ownRate = await billedCompany(suite.deps, 'County Co', { tax_rate_id: own });
    await serviceLine(suite.db, ownRate, {
      description: 'Untaxed',
      startDate: '2026-01-01',
      taxable: false,
      unitPriceCents: 1000,
    });
    const plan = await planBilling(admin, { asOf: '2026-12-01' });
    expect(plan.plans.map((p) => p.companyName).sort()).toEqual(['County Co', 'School']);
    await run('2026-12-01');
    expect(await invoicesOf(inactive)).toHaveLength(0);
    expect((await invoicesOf(exempt))[0]).toMatchObject({
      subtotalCents: 15000,
      taxCents: 0,
      totalCents: 15000,
    });
    expect((await invoicesOf(ownRate))[0]).toMatchObject({
      subtotalCents: 16000,
      taxCents: 750,
      totalCents: 16750,
    });
  });

  it('puts ready-to-bill work on the invoice (in arrears) only when the company bills work monthly', async () => {
    const tech = await staffCtx(suite.deps, 'technician');
    const monthly = await billedCompany(suite.deps, 'Monthly Work', { monthly_rate_cents: 0 });
    const manual = await billedCompany(suite.deps, 'Manual Work', {
      monthly_rate_cents: 0,
      bill_work_monthly: 0,
    });
    const wo1 = await workOrder(suite.db, monthly);
    const wo2 = await workOrder(suite.db, manual);
    await createEntry(tech, wo1, { workDate: '2026-11-20', minutes: 60 });
    await createEntry(tech, wo1, { workDate: '2026-12-02', minutes: 30 }); // after the as-of date: next month
    await createEntry(tech, wo2, { workDate: '2026-11-20', minutes: 60 });
    const r = await run('2026-12-01');
    expect(r.invoicesCreated).toBe(1);
    const [inv] = await invoicesOf(monthly);
    expect(inv.lines).toHaveLength(1);
    expect(inv.lines[0]).toMatchObject({
      kind: 'time',
      sourceType: 'time_entry',
      amountCents: 12500,
    });
    const claimed = await suite.db
      .selectFrom('time_entries')
      .select(['work_date', 'invoice_id'])
      .where('work_order_id', '=', wo1)
      .orderBy('work_date')
      .execute();
    expect(claimed.map((c) => c.invoice_id)).toEqual([inv.id, null]);
    expect(await invoicesOf(manual)).toHaveLength(0);
  });

  it('is idempotent: running twice creates nothing new', async () => {
    for (const n of ['A', 'B', 'C']) await billedCompany(suite.deps, `Company ${n}`);
    const first = await run('2026-12-01');
    expect(first.invoicesCreated).toBe(3);
    const before = await counts(suite.db);
    const again = await run('2026-12-01');
    expect(again).toMatchObject({ invoicesCreated: 0, skipped: 3, invoiceIds: [] });
    const after = await counts(suite.db);
    expect({ ...after, billing_runs: 0, audit_log: 0 }).toEqual({
      ...before,
      billing_runs: 0,
      audit_log: 0,
    });
  });

  it('two runs at once give one invoice per company and one charge per line and period', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await billedCompany(suite.deps, `Concurrent ${i}`);
      await serviceLine(suite.db, id, { startDate: '2026-11-20' });
      ids.push(id);
    }
    const other = systemCtx(suite.deps);
    const [a, b] = await Promise.all([
      run('2026-12-01'),
      runBilling(other, { asOf: '2026-12-01', trigger: 'scheduler' }),
    ]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    expect(a.invoicesCreated + b.invoicesCreated).toBe(6);
    // Usually 6; fewer when the second run read the billed periods after the first committed some
    // charges but its run keys before: it then plans nothing for that company and counts nothing.
    // The money rules below hold either way (noted for planners: the count should not race).
    expect(a.skipped + b.skipped).toBeLessThanOrEqual(6);
    const invs = await suite.db.selectFrom('invoices').select(['company_id', 'number']).execute();
    expect(invs.map((i) => i.company_id).sort()).toEqual([...ids].sort());
    expect(invs.map((i) => i.number!.slice(-5)).sort()).toEqual([
      '00001',
      '00002',
      '00003',
      '00004',
      '00005',
      '00006',
    ]);
    expect(await charges()).toHaveLength(12);
  });

  it('a run killed after some companies, run again, bills every company once with gapless numbers', async () => {
    for (let i = 0; i < 6; i++) {
      const id = await billedCompany(suite.deps, `Crash ${i}`);
      await serviceLine(suite.db, id, { startDate: '2026-12-10' });
    }
    await expect(
      run('2026-12-01', {
        afterCompany: (i) => {
          if (i === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect((await counts(suite.db)).invoices).toBe(3);
    const failed = await suite.db.selectFrom('billing_runs').selectAll().executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: 'failed', error: 'simulated crash' });
    const second = await run('2026-12-01');
    expect(second).toMatchObject({ invoicesCreated: 3, skipped: 3 });
    const invs = await suite.db
      .selectFrom('invoices')
      .select(['company_id', 'number'])
      .orderBy('number')
      .execute();
    expect(new Set(invs.map((i) => i.company_id)).size).toBe(6);
    expect(invs.map((i) => Number(i.number!.slice(-5)))).toEqual([1, 2, 3, 4, 5, 6]);
    const ch = await charges();
    expect(ch).toHaveLength(12);
    expect(new Set(ch.map((c) => `${c.source_key}|${c.period_start}`)).size).toBe(12);
  });

  it('a dry run writes nothing and returns exactly what the real run creates', async () => {
    await taxRate(suite.db, 'Sales tax', 82_500);
    const a = await billedCompany(suite.deps, 'Dry A');
    await serviceLine(suite.db, a, { startDate: '2026-12-15', quantityThousandths: 2500 });
    await billedCompany(suite.deps, 'Dry B', { billing_day: 20 });
    await billedCompany(suite.deps, 'Nothing', { monthly_rate_cents: 0 });
    const before = await counts(suite.db);
    const dry = await run('2026-12-01', { dryRun: true });
    expect(await counts(suite.db)).toEqual(before);
    expect(dry).toMatchObject({ runId: null, invoicesCreated: 2, invoiceIds: [] });
    const real = await run('2026-12-01');
    expect(real.invoicesCreated).toBe(dry.invoicesCreated);
    expect(real.totalCents).toBe(dry.totalCents);
    for (const p of dry.plans!) {
      const [inv] = await invoicesOf(p.companyId);
      expect(inv.lines.map((l) => [l.description, l.amountCents, l.taxCents])).toEqual(
        p.lines.map((l, i) => [l.description, inv.lines[i].amountCents, inv.lines[i].taxCents]),
      );
      expect({
        subtotalCents: inv.subtotalCents,
        taxCents: inv.taxCents,
        totalCents: inv.totalCents,
      }).toEqual(p.totals);
    }
  });

  it('leaves drafts when the invoice settings say so, and sends or reports every issued invoice', async () => {
    await billedCompany(suite.deps, 'Draft Co');
    await writeInvoiceSettings(
      suite.db,
      { ...DEFAULT_INVOICE_SETTINGS, autoIssue: false },
      nowIso(),
    );
    const r = await run('2026-12-01');
    expect(r).toMatchObject({ invoicesCreated: 1, autoIssue: false, sendErrors: [] });
    const inv = (await findInvoice(suite.db, r.invoiceIds[0]))!;
    expect(inv).toMatchObject({ status: 'draft', number: null });
    await writeInvoiceSettings(suite.db, DEFAULT_INVOICE_SETTINGS, nowIso());
    await billedCompany(suite.deps, 'Issued Co');
    const r2 = await run('2026-12-01');
    expect(r2.invoicesCreated).toBe(1);
    const sent = await suite.db
      .selectFrom('invoices')
      .select('id')
      .where('auto_sent_at', 'is not', null)
      .execute();
    // Each issued invoice was either emailed (claimed once) or its failure reported; never silently dropped.
    expect(sent.length + r2.sendErrors.length).toBeGreaterThanOrEqual(1);
  });

  it('marks a run left "running" by a killed process as interrupted', async () => {
    const old = new Date(Date.now() - 7 * 3600_000).toISOString();
    await suite.db
      .insertInto('billing_runs')
      .values({
        id: 'killed-run',
        as_of: '2026-12-01',
        triggered_by: 'scheduler',
        status: 'running',
        invoices_created: 0,
        total_cents: 0,
        error: null,
        actor_label: 'scheduler',
        started_at: old,
        finished_at: null,
      })
      .execute();
    await run('2026-12-01');
    const row = await suite.db
      .selectFrom('billing_runs')
      .selectAll()
      .where('id', '=', 'killed-run')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/^Interrupted/);
  });

  it('checks permission and the as-of date', async () => {
    const tech = await staffCtx(suite.deps, 'technician');
    await expect(runBilling(tech, { asOf: '2026-12-01', trigger: 'api' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(planBilling(tech, { asOf: '2026-12-01' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(run('2026-13-01')).rejects.toBeInstanceOf(ValidationError);
    await expect(run('tomorrow')).rejects.toBeInstanceOf(ValidationError);
  });
});
