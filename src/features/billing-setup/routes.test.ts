import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, flashOf, type Agent } from '../../../test/support/app.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { readInvoiceSettings } from '../invoices/settings.ts';
import { company } from '../time/test-helpers.ts';

describe.each(DIALECTS)('billing set-up pages on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  let billing: Agent;
  let tech: Agent;
  let companyId: string;
  const get = (url: string, agent: Agent) => getPage(suite.app, agent, url);
  const services = () =>
    suite.db
      .selectFrom('company_services')
      .selectAll()
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .execute();

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    billing = await signInAs(suite.app, suite.deps, 'billing');
    tech = await signInAs(suite.app, suite.deps, 'technician');
    companyId = (await company(suite.deps)).id;
  });

  it('adds and edits tax rates (admin), shows them read-only to billing, and re-renders a bad rate with 422', async () => {
    expect(
      (
        await postForm(suite.app, admin, '/settings/tax-rates', {
          name: 'Sales tax',
          ratePercent: '8.25',
          isDefault: 'on',
          active: 'on',
        })
      ).statusCode,
    ).toBe(302);
    const bad = await postForm(suite.app, admin, '/settings/tax-rates', {
      name: '',
      ratePercent: '8.25001',
      active: 'on',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Name is required');
    expect(bad.body).toContain('Rate must be a percentage like 8.875');
    const rate = await suite.db.selectFrom('tax_rates').selectAll().executeTakeFirstOrThrow();
    expect([rate.name, Number(rate.rate_ppm), Number(rate.is_default)]).toEqual([
      'Sales tax',
      82_500,
      1,
    ]);

    const edited = await postForm(suite.app, admin, `/settings/tax-rates/${rate.id}`, {
      name: 'Sales tax',
      ratePercent: '8.875',
      isDefault: 'on',
      active: 'on',
    });
    expect(flashOf(edited)).toEqual({ kind: 'success', message: 'Sales tax saved.' });
    const refused = await postForm(suite.app, admin, `/settings/tax-rates/${rate.id}`, {
      name: 'Sales tax',
      ratePercent: '8.5',
      isDefault: 'on',
    });
    expect(flashOf(refused)).toEqual({
      kind: 'danger',
      message: 'The default rate must stay active: make another rate the default first',
    });

    const page = await get('/settings/tax-rates', billing);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('8.875%');
    expect(page.body).not.toContain('Add a tax rate');
    expect(
      (await postForm(suite.app, billing, '/settings/tax-rates', { name: 'x', ratePercent: '1' }))
        .statusCode,
    ).toBe(403);
    expect((await get('/settings/tax-rates', tech)).statusCode).toBe(403);
  });

  it('lists the catalogue, adds a service priced by markup, and re-prices company lines when asked', async () => {
    const list = await get('/settings/service-catalog', admin);
    expect(list.body).toContain('Twilio phone service — per line');
    expect(list.body).toContain('$2.30');
    expect(list.body).toContain('100%');
    const bad = await postForm(suite.app, admin, '/settings/service-catalog', {
      name: '',
      kind: 'backup',
      markupPercent: '20',
      taxable: 'on',
      active: 'on',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Name is required');
    expect(bad.body).toContain('Enter the unit cost the markup applies to');
    expect(
      (
        await postForm(suite.app, admin, '/settings/service-catalog', {
          name: 'Wasabi storage per TB',
          kind: 'backup',
          unitCost: '6.99',
          markupPercent: '60',
          taxable: 'on',
          active: 'on',
        })
      ).statusCode,
    ).toBe(302);
    const item = await suite.db
      .selectFrom('service_catalog')
      .selectAll()
      .where('name', '=', 'Wasabi storage per TB')
      .executeTakeFirstOrThrow();
    expect(Number(item.unit_price_cents)).toBe(1118); // 6.99 × 1.6 = 11.184

    expect(
      (
        await postForm(suite.app, billing, `/companies/${companyId}/services`, {
          catalogId: item.id,
          quantity: '4',
          taxable: '',
          startDate: '2026-01-01',
        })
      ).statusCode,
    ).toBe(302);
    const edit = await get(`/settings/service-catalog/${item.id}`, admin);
    expect(edit.body).toContain('1 company runs this service');
    const saved = await postForm(suite.app, admin, `/settings/service-catalog/${item.id}`, {
      name: 'Wasabi storage per TB',
      kind: 'backup',
      unitCost: '7.99',
      markupPercent: '60',
      taxable: 'on',
      active: 'on',
      applyToCompanies: 'on',
    });
    expect(flashOf(saved)).toEqual({
      kind: 'success',
      message: 'Wasabi storage per TB saved. 1 company line re-priced.',
    });
    expect(Number((await services())[0].unit_price_cents)).toBe(1278);
    expect((await get(`/settings/service-catalog/${item.id}`, billing)).statusCode).toBe(403);
  });

  it('shows the Services tab with the contract and lines, adds from the catalogue, edits, and deletes only unbilled lines', async () => {
    await suite.db
      .updateTable('companies')
      .set({ monthly_rate_cents: 120_000, contract_start: '2025-01-01' })
      .where('id', '=', companyId)
      .execute();
    const empty = await get(`/companies/${companyId}/services`, billing);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Monthly contract');
    expect(empty.body).toContain('$1,200.00 a month');

    const backup = await suite.db
      .selectFrom('service_catalog')
      .select('id')
      .where('kind', '=', 'backup')
      .executeTakeFirstOrThrow();
    expect(
      (
        await postForm(suite.app, billing, `/companies/${companyId}/services`, {
          catalogId: backup.id,
          quantity: '3',
          taxable: '',
          startDate: '2026-01-01',
        })
      ).statusCode,
    ).toBe(302);
    expect(
      (
        await postForm(suite.app, billing, `/companies/${companyId}/services`, {
          catalogId: '',
          description: 'Loyalty discount',
          quantity: '1',
          unitPrice: '-25',
          taxable: 'no',
          startDate: '2026-01-01',
        })
      ).statusCode,
    ).toBe(302);
    const bad = await postForm(suite.app, billing, `/companies/${companyId}/services`, {
      description: 'Thing',
      quantity: '0',
      startDate: '2026-02-01',
      endDate: '2026-01-01',
      taxable: '',
    });
    expect(bad.statusCode).toBe(422);
    for (const m of [
      'Quantity must be more than zero',
      'Enter a unit price, or a unit cost and a markup',
      'End date cannot be before the start date',
    ])
      expect(bad.body).toContain(m);
    expect(bad.body).toContain('value="Thing"');

    const page = await get(`/companies/${companyId}/services`, billing);
    expect(page.body).toContain('Azure backup — per protected server');
    expect(page.body).toContain('$126.00'); // 3 × 42.00
    expect(page.body).toContain('cost $30.00 + 40%');
    expect(page.body).toContain('-$25.00');
    expect(page.body).toContain('$1,301.00 a month'); // 1,200 + 126 − 25
    const [line, discount] = await services();

    const editPage = await get(`/companies/${companyId}/services/${line.id}`, billing);
    expect(editPage.body).toContain('value="30.00"');
    expect(editPage.body).toContain('value="40"');
    const saved = await postForm(
      suite.app,
      billing,
      `/companies/${companyId}/services/${line.id}`,
      {
        description: 'Azure backup (3 servers)',
        quantity: '3',
        unitPrice: '45',
        unitCost: '30',
        markupPercent: '',
        taxable: 'yes',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
      },
    );
    expect(saved.statusCode).toBe(302);
    const after = (await services())[0];
    expect([
      after.description,
      Number(after.unit_price_cents),
      after.markup_bp === null ? null : Number(after.markup_bp),
      after.end_date,
    ]).toEqual(['Azure backup (3 servers)', 4500, null, '2026-12-31']);

    // Billed lines cannot be deleted; the button is not offered and the action says why.
    const now = nowIso();
    await suite.db
      .insertInto('recurring_charges')
      .values({
        id: newId(),
        company_id: companyId,
        source_key: `service:${line.id}`,
        service_id: line.id,
        period_start: '2026-01-01',
        period_end: '2026-01-31',
        amount_cents: 13_500,
        invoice_id: newId(),
        invoice_line_id: newId(),
        created_at: now,
      })
      .execute();
    const billedPage = await get(`/companies/${companyId}/services`, billing);
    expect(billedPage.body).not.toContain(`/services/${line.id}/delete`);
    expect(billedPage.body).toContain('2026-01-31');
    const refused = await postForm(
      suite.app,
      billing,
      `/companies/${companyId}/services/${line.id}/delete`,
      {},
    );
    expect(flashOf(refused)?.kind).toBe('danger');
    expect(flashOf(refused)?.message).toContain('set an end date instead');
    expect(
      flashOf(
        await postForm(
          suite.app,
          billing,
          `/companies/${companyId}/services/${discount.id}/delete`,
          {},
        ),
      ),
    ).toEqual({ kind: 'success', message: 'Loyalty discount deleted.' });
    expect((await services()).map((s) => s.id)).toEqual([line.id]);

    // Read-only staff see the tab without forms.
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    const roPage = await get(`/companies/${companyId}/services`, ro);
    expect(roPage.statusCode).toBe(200);
    expect(roPage.body).not.toContain('Add a service');
    expect(
      (
        await postForm(suite.app, ro, `/companies/${companyId}/services`, {
          description: 'x',
          quantity: '1',
          unitPrice: '1',
        })
      ).statusCode,
    ).toBe(403);
    // Technicians see which services run, not what they cost.
    const techPage = await get(`/companies/${companyId}/services`, tech);
    expect(techPage.statusCode).toBe(200);
    expect(techPage.body).toContain('Azure backup (3 servers)');
    expect(techPage.body).not.toContain('$');
    expect(techPage.body).not.toContain('Billed through');
    expect((await get(`/companies/${newId()}/services`, billing)).statusCode).toBe(404);
  });

  it('saves the company’s billing fields from the tab', async () => {
    await postForm(suite.app, admin, '/settings/tax-rates', {
      name: 'County tax',
      ratePercent: '7',
      active: 'on',
    });
    await postForm(suite.app, admin, '/settings/tax-rates', {
      name: 'Sales tax',
      ratePercent: '8.25',
      isDefault: 'on',
      active: 'on',
    });
    const county = await suite.db
      .selectFrom('tax_rates')
      .select('id')
      .where('name', '=', 'County tax')
      .executeTakeFirstOrThrow();
    const page = await get(`/companies/${companyId}/services`, billing);
    expect(page.body).toContain('Sales tax 8.25%');
    expect(page.body).toContain('County tax 7%');
    const bad = await postForm(suite.app, billing, `/companies/${companyId}/billing-settings`, {
      taxRateId: county.id,
      billingAnchor: '2026-13-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Bill from must be a date (YYYY-MM-DD)');
    expect(
      (
        await postForm(suite.app, billing, `/companies/${companyId}/billing-settings`, {
          taxRateId: county.id,
          billingAnchor: '2026-10-01',
        })
      ).statusCode,
    ).toBe(302);
    const c = await suite.db
      .selectFrom('companies')
      .select(['tax_rate_id', 'bill_work_monthly', 'billing_anchor'])
      .where('id', '=', companyId)
      .executeTakeFirstOrThrow();
    expect([c.tax_rate_id, Number(c.bill_work_monthly), c.billing_anchor]).toEqual([
      county.id,
      0,
      '2026-10-01',
    ]);
    const after = await get(`/companies/${companyId}/services`, billing);
    expect(after.body).toContain('Invoiced by hand');
    expect(/Tax charged<\/dt><dd[^>]*>County tax 7%/.test(after.body)).toBe(true);
    expect(
      (
        await postForm(suite.app, tech, `/companies/${companyId}/billing-settings`, {
          billWorkMonthly: 'on',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('saves invoice settings (admin only) and re-renders a bad link with 422', async () => {
    const page = await get('/settings/invoices', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="CN"');
    const bad = await postForm(suite.app, admin, '/settings/invoices', {
      autoIssue: 'no',
      paymentUrl: 'pay.example.com',
      creditNotePrefix: 'CN',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Online payment link must start with http:// or https://');
    expect(bad.body).toContain('value="pay.example.com"');
    expect(
      (
        await postForm(suite.app, admin, '/settings/invoices', {
          autoIssue: 'no',
          payableTo: 'Acme IT Services LLC',
          remitAddress: 'PO Box 12\nSpringfield',
          bankDetails: 'First Bank\nIBAN DE00 1234',
          paymentUrl: 'https://pay.example.com/{number}',
          footerNote: 'Thanks!',
          creditNotePrefix: 'CR',
        })
      ).statusCode,
    ).toBe(302);
    expect(await readInvoiceSettings(suite.db)).toEqual({
      autoIssue: false,
      payableTo: 'Acme IT Services LLC',
      remitAddress: 'PO Box 12\nSpringfield',
      bankDetails: 'First Bank\nIBAN DE00 1234',
      paymentUrl: 'https://pay.example.com/{number}',
      footerNote: 'Thanks!',
      taxContract: false,
      taxLabor: false,
      creditNotePrefix: 'CR',
    });
    expect((await get('/settings/invoices', admin)).body).toContain('<option value="no" selected');
    expect((await get('/settings/invoices', billing)).statusCode).toBe(403);
  });

  it('renders every page without inline script or style (CSP)', async () => {
    const item = await suite.db
      .selectFrom('service_catalog')
      .select('id')
      .executeTakeFirstOrThrow();
    await postForm(suite.app, billing, `/companies/${companyId}/services`, {
      catalogId: item.id,
      quantity: '1',
      taxable: '',
      startDate: '2026-01-01',
    });
    const line = await suite.db
      .selectFrom('company_services')
      .select('id')
      .executeTakeFirstOrThrow();
    for (const url of [
      '/settings/tax-rates',
      '/settings/service-catalog',
      '/settings/service-catalog/new',
      `/settings/service-catalog/${item.id}`,
      '/settings/invoices',
      `/companies/${companyId}/services`,
      `/companies/${companyId}/services/${line.id}`,
    ]) {
      const res = await get(url, admin);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
  });
});
