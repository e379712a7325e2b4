import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { findInvoice, taxRateForCompany } from '../invoices/queries.ts';
import { readInvoiceSettings } from '../invoices/settings.ts';
import { runBilling } from '../billing/run.ts';
import {
  changeCatalogItem,
  changeTaxRate,
  catalogItems,
  createCatalogItem,
  createTaxRate,
  taxRates,
} from './catalog.ts';
import {
  addCompanyService,
  changeCompanyService,
  companyBilling,
  companyServices,
  removeCompanyService,
  saveCompanyBilling,
  servicesOverview,
} from './company-services.ts';
import { saveInvoiceSettings } from './invoice-settings.ts';

const fieldsOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ValidationError);
  return Object.fromEntries((err as ValidationError).errors.map((e) => [e.path, e.message]));
};

describe.each(DIALECTS)('billing set-up on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let admin: Ctx;
  let billing: Ctx;
  let readonly: Ctx;
  let companyId: string;
  const audits = (action: string) =>
    suite.db
      .selectFrom('audit_log')
      .select(['entity_id', 'summary', 'company_id'])
      .where('action', '=', action)
      .execute();

  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    billing = await staffCtx(suite.deps, 'billing');
    readonly = await staffCtx(suite.deps, 'readonly');
    companyId = (await company(suite.deps)).id;
  });

  it('keeps one default tax rate, refuses an inactive default, and taxes a company at its own rate over the default', async () => {
    const state = await createTaxRate(admin, {
      name: 'State sales tax',
      ratePpm: 62_500,
      isDefault: true,
    });
    const city = await createTaxRate(admin, {
      name: 'City sales tax',
      ratePpm: 82_500,
      isDefault: true,
    });
    expect((await taxRates(readonly)).map((r) => [r.name, r.isDefault])).toEqual([
      ['City sales tax', true],
      ['State sales tax', false],
    ]);
    expect(await fieldsOf(changeTaxRate(admin, city.id, { active: false }))).toEqual({
      active: 'The default rate must stay active: make another rate the default first',
    });
    expect(await fieldsOf(createTaxRate(admin, { name: 'Bad', ratePpm: 1_000_001 }))).toEqual({
      ratePpm: 'Rate must be at most 100%',
    });
    await expect(createTaxRate(billing, { name: 'Nope', ratePpm: 10_000 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const row = () =>
      suite.db
        .selectFrom('companies')
        .select(['tax_exempt', 'tax_rate_id'])
        .where('id', '=', companyId)
        .executeTakeFirstOrThrow();
    expect(await taxRateForCompany(suite.db, await row())).toEqual({
      id: city.id,
      name: 'City sales tax',
      ratePpm: 82_500,
    });
    const saved = await saveCompanyBilling(billing, companyId, { taxRateId: state.id });
    expect(saved).toMatchObject({
      taxRateId: state.id,
      billWorkMonthly: true,
      billingAnchor: null,
      effectiveTax: { id: state.id, ratePpm: 62_500 },
    });
    expect(await taxRateForCompany(suite.db, await row())).toEqual({
      id: state.id,
      name: 'State sales tax',
      ratePpm: 62_500,
    });
    expect((await taxRates(admin)).find((r) => r.id === state.id)!.companies).toBe(1);

    // A rate change is audited with old and new figures.
    await changeTaxRate(admin, state.id, { ratePpm: 65_000 });
    const [a] = await audits('tax_rate.update');
    expect(JSON.parse(a.summary!)).toEqual({ ratePpm: [62_500, 65_000] });
    // Deactivated: the company falls back to the default; it cannot be chosen again.
    await changeTaxRate(admin, state.id, { active: false });
    expect((await companyBilling(readonly, companyId)).effectiveTax).toMatchObject({ id: city.id });
    const other = (await company(suite.deps, 'Harbor Law')).id;
    expect(await fieldsOf(saveCompanyBilling(admin, other, { taxRateId: state.id }))).toEqual({
      taxRateId: 'Choose an active tax rate, or the default',
    });
  });

  it('prices catalogue items from cost and markup, and re-prices only the running company lines at the old price', async () => {
    const seeded = await catalogItems(readonly);
    expect(seeded.map((i) => [i.kind, i.unitPriceCents])).toEqual([
      ['backup', 4200],
      ['pbx', 7500],
      ['support', 4500],
      ['telephony', 230],
    ]);
    const item = await createCatalogItem(admin, {
      name: 'Microsoft 365 Business Premium',
      kind: 'other',
      unitCostCents: 2200,
      markupBp: 1500,
    });
    expect(item).toMatchObject({
      unitPriceCents: 2530,
      unitCostCents: 2200,
      markupBp: 1500,
      taxable: true,
      active: true,
    });
    expect(
      await fieldsOf(createCatalogItem(admin, { name: 'Half', kind: 'other', markupBp: 1000 })),
    ).toEqual({ unitCostCents: 'Enter the unit cost the markup applies to' });
    expect(await fieldsOf(createCatalogItem(admin, { name: 'None', kind: 'nope' }))).toMatchObject({
      unitPriceCents: 'Enter a unit price, or a unit cost and a markup',
      kind: expect.stringContaining('Kind must be one of'),
    });

    const other = (await company(suite.deps, 'Harbor Law')).id;
    const third = (await company(suite.deps, 'Lakeside Clinic')).id;
    const a = await addCompanyService(billing, companyId, {
      catalogId: item.id,
      quantityThousandths: 12_000,
      startDate: '2026-01-01',
    });
    const custom = await addCompanyService(billing, other, {
      catalogId: item.id,
      quantityThousandths: 5000,
      unitPriceCents: 2400,
      startDate: '2026-01-01',
    });
    const ended = await addCompanyService(billing, third, {
      catalogId: item.id,
      quantityThousandths: 1000,
      startDate: '2025-01-01',
      endDate: '2025-06-30',
    });
    expect(a).toMatchObject({
      description: 'Microsoft 365 Business Premium',
      unitPriceCents: 2530,
      unitCostCents: 2200,
      markupBp: 1500,
      taxable: true,
      catalogName: 'Microsoft 365 Business Premium',
    });
    expect(custom).toMatchObject({ unitPriceCents: 2400, unitCostCents: null, markupBp: null });
    expect((await catalogItems(readonly)).find((i) => i.id === item.id)!.companies).toBe(2); // the ended line does not count

    // Microsoft raises the cost: 2300 + 15% = 2645.
    const change = await changeCatalogItem(admin, item.id, {
      unitCostCents: 2300,
      applyToCompanies: true,
    });
    expect(change.item.unitPriceCents).toBe(2645);
    expect(change.repriced).toBe(1);
    const price = async (cid: string, id: string) =>
      (await companyServices(readonly, cid)).find((s) => s.id === id)!.unitPriceCents;
    expect(await price(companyId, a.id)).toBe(2645);
    expect(await price(other, custom.id)).toBe(2400); // priced for this customer: left alone
    expect(await price(third, ended.id)).toBe(2530); // ended before today: history stays
    const [reprice] = await audits('company_service.reprice');
    expect(reprice).toMatchObject({ entity_id: a.id, company_id: companyId });
    expect(JSON.parse(reprice.summary!)).toMatchObject({ unitPriceCents: [2530, 2645] });
    // Without the flag the company lines keep their price.
    await changeCatalogItem(admin, item.id, { markupBp: null, unitPriceCents: 3000 });
    expect(await price(companyId, a.id)).toBe(2645);
    await expect(changeCatalogItem(billing, item.id, { name: 'x' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('validates company lines, and totals what runs today', async () => {
    expect(
      await fieldsOf(
        addCompanyService(billing, companyId, {
          description: 'Thing',
          quantityThousandths: 0,
          startDate: '2026-02-01',
          endDate: '2026-01-01',
        }),
      ),
    ).toEqual({
      quantityThousandths: 'Quantity must be more than zero',
      unitPriceCents: 'Enter a unit price, or a unit cost and a markup',
      endDate: 'End date cannot be before the start date',
    });
    expect(
      await fieldsOf(
        addCompanyService(billing, companyId, {
          catalogId: 'no-such-item',
          quantityThousandths: 1000,
        }),
      ),
    ).toEqual({ catalogId: 'Choose an active item of the service catalogue' });
    await expect(
      addCompanyService(readonly, companyId, {
        description: 'x',
        quantityThousandths: 1000,
        unitPriceCents: 1,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);

    const running = await addCompanyService(billing, companyId, {
      description: 'Phone lines',
      quantityThousandths: 7000,
      unitPriceCents: 230,
      taxable: false,
      startDate: '2025-01-01',
    });
    await addCompanyService(billing, companyId, {
      description: 'Loyalty discount',
      quantityThousandths: 1000,
      unitPriceCents: -5000,
      startDate: '2025-01-01',
    });
    await addCompanyService(billing, companyId, {
      description: 'Old backup',
      quantityThousandths: 1000,
      unitPriceCents: 9999,
      startDate: '2024-01-01',
      endDate: '2024-12-31',
    });
    await addCompanyService(billing, companyId, {
      description: 'Next year',
      quantityThousandths: 1000,
      unitPriceCents: 9999,
      startDate: '2099-01-01',
    });
    const fresh = await addCompanyService(billing, companyId, {
      description: 'Hosted PBX',
      quantityThousandths: 1500,
      unitPriceCents: 3333,
    });
    expect(fresh.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/); // defaults to the business's today
    await suite.db
      .updateTable('companies')
      .set({ monthly_rate_cents: 150_000 })
      .where('id', '=', companyId)
      .execute();
    const o = await servicesOverview(readonly, companyId);
    // 7 × 2.30 + (−50.00) + 1.5 × 33.33 (= 49.995 → 50.00) ; contract 1,500.00
    expect(o.totals).toEqual({
      servicesCents: 1610 - 5000 + 5000,
      contractCents: 150_000,
      totalCents: 151_610,
    });

    const edited = await changeCompanyService(billing, companyId, running.id, {
      quantityThousandths: 9000,
      endDate: '2030-06-30',
    });
    expect(edited).toMatchObject({
      quantityThousandths: 9000,
      unitPriceCents: 230,
      taxable: false,
      endDate: '2030-06-30',
      description: 'Phone lines',
    });
    const [u] = await audits('company_service.update');
    expect(JSON.parse(u.summary!)).toEqual({
      quantityThousandths: [7000, 9000],
      endDate: [null, '2030-06-30'],
    });
    // Another company's line is not found through this company.
    const other = (await company(suite.deps, 'Harbor Law')).id;
    await expect(
      changeCompanyService(billing, other, running.id, { quantityThousandths: 1000 }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('set up through these services, a billing run charges the stored figures; a billed line is ended, never deleted', async () => {
    const rate = await createTaxRate(admin, {
      name: 'Sales tax',
      ratePpm: 82_500,
      isDefault: true,
    });
    const backup = (await catalogItems(readonly)).find((i) => i.kind === 'backup')!;
    const phones = (await catalogItems(readonly)).find((i) => i.kind === 'telephony')!;
    await changeCatalogItem(admin, phones.id, { taxable: false });
    const line = await addCompanyService(billing, companyId, {
      catalogId: backup.id,
      quantityThousandths: 3000,
      startDate: '2026-01-01',
    });
    const phoneLine = await addCompanyService(billing, companyId, {
      catalogId: phones.id,
      quantityThousandths: 12_000,
      startDate: '2026-01-01',
    });
    expect(phoneLine.taxable).toBe(false);
    await saveCompanyBilling(billing, companyId, {
      billingAnchor: '2026-11-01',
      billWorkMonthly: false,
    });

    const r = await runBilling(admin, { asOf: '2026-12-01', trigger: 'cli' });
    expect(r.errors).toEqual([]);
    const rows = await suite.db
      .selectFrom('invoices')
      .select('id')
      .where('company_id', '=', companyId)
      .execute();
    expect(rows).toHaveLength(1);
    const inv = (await findInvoice(suite.db, rows[0].id))!;
    // Anchor 2026-11-01: November is caught up, December billed in advance.
    // Backup 3 × 42.00 = 126.00 taxed 8.25% = 10.40 (10.395); phones 12 × 2.30 = 27.60 untaxed; two periods each.
    expect(
      inv.lines.map((l) => [
        l.description.startsWith('Azure')
          ? 'Azure backup — per protected server'
          : l.description.startsWith('Twilio')
            ? 'Twilio phone service — per line'
            : l.description,
        l.amountCents,
        l.taxCents,
        l.taxRateId,
      ]),
    ).toEqual(
      [
        ['Azure backup — per protected server', 12_600, 1040, rate.id],
        ['Azure backup — per protected server', 12_600, 1040, rate.id],
        ['Twilio phone service — per line', 2760, 0, null],
        ['Twilio phone service — per line', 2760, 0, null],
      ].sort(),
    );
    expect(inv).toMatchObject({ subtotalCents: 30_720, taxCents: 2080, totalCents: 32_800 });

    const [billed] = (await companyServices(readonly, companyId)).filter((s) => s.id === line.id);
    expect(billed.billedThrough).toBe('2026-12-31');
    const err = await removeCompanyService(billing, companyId, line.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toContain('billed (through 2026-12-31)');
    // A line never billed is deleted (soft: kept for the audit trail, gone from the list and the run).
    const mistake = await addCompanyService(billing, companyId, {
      description: 'Typo',
      quantityThousandths: 1000,
      unitPriceCents: 100,
      startDate: '2026-12-01',
    });
    await removeCompanyService(billing, companyId, mistake.id);
    expect((await companyServices(readonly, companyId)).map((s) => s.id)).not.toContain(mistake.id);
    expect(
      await suite.db
        .selectFrom('company_services')
        .select('deleted_at')
        .where('id', '=', mistake.id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ deleted_at: expect.any(String) });
  });

  it('saves invoice settings partially, with audit and field messages', async () => {
    await saveInvoiceSettings(admin, {
      autoIssue: false,
      payableTo: 'Acme IT Services LLC',
      paymentUrl: 'https://pay.acme.test/i/{number}',
    });
    expect(await readInvoiceSettings(suite.db)).toEqual({
      autoIssue: false,
      payableTo: 'Acme IT Services LLC',
      remitAddress: null,
      paymentUrl: 'https://pay.acme.test/i/{number}',
      bankDetails: null,
      footerNote: null,
      taxContract: true,
      taxLabor: true,
      creditNotePrefix: 'CN',
    });
    await saveInvoiceSettings(admin, { footerNote: 'Thank you!' });
    expect(await readInvoiceSettings(suite.db)).toMatchObject({
      autoIssue: false,
      payableTo: 'Acme IT Services LLC',
      footerNote: 'Thank you!',
    });
    expect(
      await fieldsOf(
        saveInvoiceSettings(admin, { paymentUrl: 'pay.acme.test', creditNotePrefix: 'C-N' }),
      ),
    ).toEqual({
      paymentUrl: 'Online payment link must start with http:// or https://',
      creditNotePrefix: 'Credit note prefix may use letters and digits only',
    });
    await expect(saveInvoiceSettings(billing, { footerNote: 'x' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const rows = await audits('settings.invoices');
    expect(rows.map((r) => JSON.parse(r.summary!))).toContainEqual({
      footerNote: [null, 'Thank you!'],
    });
  });
});
