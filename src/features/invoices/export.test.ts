// The accounting export over HTTP: the exact CSV of a small known set in both layouts, inclusive
// date bounds, credit notes and void invoices, formula neutralising, paging past one chunk,
// permissions and field-named errors.
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import type { Ctx } from '../../platform/context.ts';
import { voidInvoice } from './service.ts';
import { EXPORT_PAGE } from './export.ts';
import { creditNote, customer, issuedInvoice, setDates, staff, taxRate } from './pdf-fixtures.ts';

describe.each(DIALECTS)('accounting export on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Ctx;
  let companyId: string;
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const api = async (query: string, role: Role = 'billing') =>
    suite.app.inject({ url: `/api/v1/invoices/export?${query}`, headers: await bearer(role) });

  /** March 2026: A (Mar 1), void E (Mar 10), credit note on A (Mar 15), B (Mar 31); C (Apr 1) and D (Feb 28) outside. */
  async function knownSet() {
    const a = await issuedInvoice(admin, companyId, [
      {
        description: 'Monthly support contract',
        quantityThousandths: 1000,
        unitPriceCents: 150000,
      },
      {
        description: 'Cat6 patch cable',
        quantityThousandths: 4000,
        unitPriceCents: 399,
        taxable: false,
      },
    ]);
    const b = await issuedInvoice(admin, companyId, [
      { description: 'Backup storage', quantityThousandths: 2500, unitPriceCents: 1999 },
    ]);
    const c = await issuedInvoice(admin, companyId, [
      { description: 'April work', quantityThousandths: 1000, unitPriceCents: 100 },
    ]);
    const d = await issuedInvoice(admin, companyId, [
      { description: 'February work', quantityThousandths: 1000, unitPriceCents: 100 },
    ]);
    const e = await issuedInvoice(admin, companyId, [
      {
        description: 'Billed twice',
        quantityThousandths: 1000,
        unitPriceCents: 5000,
        taxable: false,
      },
    ]);
    await voidInvoice(admin, e.id, { reason: 'Duplicate' });
    const cn = await creditNote(admin, a.id, 10000);
    await setDates(suite.db, a.id, '2026-03-01', '2026-03-31');
    await setDates(suite.db, b.id, '2026-03-31', '2026-04-30');
    await setDates(suite.db, c.id, '2026-04-01', '2026-05-01');
    await setDates(suite.db, d.id, '2026-02-28', '2026-03-30');
    await setDates(suite.db, e.id, '2026-03-10', '2026-04-09');
    await setDates(suite.db, cn.id, '2026-03-15', '2026-03-15');
    return { a, b, c, d, e, cn };
  }

  beforeEach(async () => {
    admin = await staff(suite.deps, 'admin');
    await taxRate(suite.db, 82_500);
    companyId = (await customer(admin)).id;
  });

  it('writes the QuickBooks Online layout exactly (MM/DD/YYYY, decimals, credit notes negative, void left out)', async () => {
    const s = await knownSet();
    const res = await api('from=2026-03-01&to=2026-03-31&layout=quickbooks');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(
      'quickbooks-invoices-2026-03-01-to-2026-03-31.csv',
    );
    expect(res.body).toBe(
      [
        'InvoiceNo,Customer,InvoiceDate,DueDate,Terms,Memo,Item(Product/Service),ItemDescription,ItemQuantity,ItemRate,ItemAmount,Taxable,TaxRate,ServiceDate,Currency',
        `${s.a.number},Riverside Dental,03/01/2026,03/31/2026,Net 30,,Services,Monthly support contract,1,1500.00,1500.00,Y,8.25%,,USD`,
        `${s.a.number},Riverside Dental,03/01/2026,03/31/2026,Net 30,,Services,Cat6 patch cable,4,3.99,15.96,N,,,USD`,
        `${s.cn.number},Riverside Dental,03/15/2026,03/15/2026,,Credit note for ${s.a.number} — Outage in March,Credit,Goodwill credit,1,-100.00,-100.00,N,,,USD`,
        `${s.b.number},Riverside Dental,03/31/2026,04/30/2026,Net 30,,Services,Backup storage,2.5,19.99,49.98,Y,8.25%,,USD`,
        '',
      ].join('\n'),
    );
  });

  it('writes the Xero layout exactly (DD/MM/YYYY, address lines, TaxType and TaxAmount, account code)', async () => {
    const s = await knownSet();
    const res = await api('from=2026-03-01&to=2026-03-31&layout=xero&accountCode=4000');
    expect(res.statusCode).toBe(200);
    const tail = (tax: string, amount: string) => `4000,${tax},${amount},,,,,USD,`;
    expect(res.body).toBe(
      [
        'ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,POCity,PORegion,POPostalCode,POCountry,InvoiceNumber,Reference,InvoiceDate,DueDate,InventoryItemCode,Description,Quantity,UnitAmount,Discount,AccountCode,TaxType,TaxAmount,TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme',
        `Riverside Dental,accounts@riverside.test,455 River Road,"Springfield, IL 62704",,,,,,,${s.a.number},,01/03/2026,31/03/2026,,Monthly support contract,1,1500.00,,${tail('Sales tax 8.25%', '123.75')}`,
        `Riverside Dental,accounts@riverside.test,455 River Road,"Springfield, IL 62704",,,,,,,${s.a.number},,01/03/2026,31/03/2026,,Cat6 patch cable,4,3.99,,${tail('Tax Exempt', '0.00')}`,
        `Riverside Dental,accounts@riverside.test,455 River Road,"Springfield, IL 62704",,,,,,,${s.cn.number},Credit for ${s.a.number},15/03/2026,15/03/2026,,Goodwill credit,1,-100.00,,${tail('Tax Exempt', '0.00')}`,
        `Riverside Dental,accounts@riverside.test,455 River Road,"Springfield, IL 62704",,,,,,,${s.b.number},,31/03/2026,30/04/2026,,Backup storage,2.5,19.99,,${tail('Sales tax 8.25%', '4.12')}`,
        '',
      ].join('\n'),
    );
  });

  it('exports Xero credit notes for its credit note import with positive amounts; includes void invoices only when asked, marked', async () => {
    const s = await knownSet();
    const cn = parse(
      (
        await api(
          'from=2026-03-01&to=2026-03-31&layout=xero&kind=credit_notes&dateFormat=YYYY-MM-DD',
        )
      ).body,
      { columns: true },
    ) as Record<string, string>[];
    expect(cn).toHaveLength(1);
    expect(cn[0]).toMatchObject({
      CreditNoteNumber: s.cn.number,
      CreditNoteDate: '2026-03-15',
      UnitAmount: '100.00',
      Reference: `Credit for ${s.a.number}`,
    });
    const withVoid = parse(
      (await api('from=2026-03-01&to=2026-03-31&layout=quickbooks&includeVoid=true&kind=invoices'))
        .body,
      { columns: true },
    ) as Record<string, string>[];
    expect(withVoid.map((r) => r.InvoiceNo)).toEqual([
      s.a.number,
      s.a.number,
      s.e.number,
      s.b.number,
    ]);
    expect(withVoid[2]).toMatchObject({
      Memo: 'VOID: Duplicate',
      ItemAmount: '50.00',
      InvoiceDate: '03/10/2026',
    });
    const us = parse(
      (await api('from=2026-03-01&to=2026-03-01&layout=xero&dateFormat=MM/DD/YYYY')).body,
      { columns: true },
    ) as Record<string, string>[];
    expect(us.map((r) => r.InvoiceDate)).toEqual(['03/01/2026', '03/01/2026']);
  });

  it('includes both ends of the date range and nothing outside it', async () => {
    const s = await knownSet();
    const numbers = async (from: string, to: string) => [
      ...new Set(
        (
          parse((await api(`from=${from}&to=${to}`)).body, { columns: true }) as Record<
            string,
            string
          >[]
        ).map((r) => r.InvoiceNo),
      ),
    ];
    expect(await numbers('2026-03-31', '2026-03-31')).toEqual([s.b.number]);
    expect(await numbers('2026-03-01', '2026-03-01')).toEqual([s.a.number]);
    expect(await numbers('2026-02-28', '2026-04-01')).toEqual([
      s.d.number,
      s.a.number,
      s.cn.number,
      s.b.number,
      s.c.number,
    ]);
    expect(await numbers('2026-05-01', '2026-05-31')).toEqual([]);
    expect((await api('from=2026-05-01&to=2026-05-31')).body.split('\n')[0]).toMatch(/^InvoiceNo,/);
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const evil = await customer(admin, '=HYPERLINK("http://x.test","Click")', 'ap@evil.test');
    const inv = await issuedInvoice(admin, evil.id, [
      { description: '+SUM(A1:A9)', quantityThousandths: 1000, unitPriceCents: 100 },
      { description: '@cmd', quantityThousandths: 1000, unitPriceCents: 200 },
    ]);
    await setDates(suite.db, inv.id, '2026-03-05', '2026-04-04');
    for (const layout of ['quickbooks', 'xero']) {
      const rows = parse((await api(`from=2026-03-01&to=2026-03-31&layout=${layout}`)).body, {
        columns: true,
      }) as Partial<Record<string, string>>[];
      const names = rows.map((r) => r.Customer ?? r.ContactName);
      const descriptions = rows.map((r) => r.ItemDescription ?? r.Description);
      expect(names).toEqual([
        '\'=HYPERLINK("http://x.test","Click")',
        '\'=HYPERLINK("http://x.test","Click")',
      ]);
      expect(descriptions).toEqual(["'+SUM(A1:A9)", "'@cmd"]);
    }
  });

  it('pages through more invoices than one chunk without losing or repeating any', async () => {
    const n = EXPORT_PAGE + 7;
    const now = new Date().toISOString();
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `inv-${String(i).padStart(5, '0')}`,
      company_id: companyId,
      kind: 'invoice',
      number: `T-${String(i).padStart(5, '0')}`,
      status: 'issued',
      issue_date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      due_date: '2026-04-30',
      terms_days: 30,
      period_start: null,
      period_end: null,
      currency: 'USD',
      bill_to_name: 'Riverside Dental',
      bill_to_address: null,
      bill_to_email: null,
      subtotal_cents: 100,
      tax_cents: 0,
      total_cents: 100,
      paid_cents: 0,
      credited_cents: 0,
      balance_cents: 100,
      credit_for_invoice_id: null,
      source: 'manual',
      billing_run_id: null,
      run_key: null,
      notes: null,
      footer: null,
      created_by_label: 'test',
      created_at: now,
      updated_at: now,
      issued_at: now,
      voided_at: null,
      void_reason: null,
      sent_at: null,
      auto_sent_at: null,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await suite.db
        .insertInto('invoices')
        .values(rows.slice(i, i + 100))
        .execute();
    const lines = rows.map((r) => ({
      id: `l-${r.id}`,
      invoice_id: r.id,
      position: 1,
      kind: 'manual',
      description: `Line of ${r.number}`,
      quantity_thousandths: 1000,
      unit_price_cents: 100,
      amount_cents: 100,
      tax_rate_id: null,
      tax_name: null,
      tax_rate_ppm: 0,
      tax_cents: 0,
      period_start: null,
      period_end: null,
      service_id: null,
      work_order_id: null,
      source_type: null,
      source_id: null,
      created_at: now,
    }));
    for (let i = 0; i < lines.length; i += 100)
      await suite.db
        .insertInto('invoice_lines')
        .values(lines.slice(i, i + 100))
        .execute();
    const out = parse((await api('from=2026-03-01&to=2026-03-31')).body, {
      columns: true,
    }) as Record<string, string>[];
    expect(out).toHaveLength(n);
    expect(new Set(out.map((r) => r.InvoiceNo)).size).toBe(n);
    const dates = out.map((r) => r.InvoiceDate.split('/').reverse().join(''));
    expect(dates).toEqual([...dates].sort());
  });

  it('answers 400 naming the field for bad dates or layout, 403 to technicians, and offers the form to billing users', async () => {
    const bad = await api('from=2026-02-30&to=2026-03-31');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors).toEqual([
      { path: 'from', message: 'From must be a date like 2026-03-31' },
    ]);
    expect((await api('from=2026-03-01')).json().errors).toEqual([
      { path: 'to', message: 'To is required (YYYY-MM-DD)' },
    ]);
    expect((await api('from=2026-03-31&to=2026-03-01')).json().errors).toEqual([
      { path: 'to', message: 'To must be on or after From' },
    ]);
    expect((await api('from=2026-03-01&to=2026-03-31&layout=sage')).json().errors).toEqual([
      { path: 'layout', message: 'Layout must be quickbooks or xero' },
    ]);
    expect((await api('from=2026-03-01&to=2026-03-31', 'technician')).statusCode).toBe(403);
    expect((await api('from=2026-03-01&to=2026-03-31', 'readonly')).statusCode).toBe(200);
    expect(
      (await suite.app.inject({ url: '/api/v1/invoices/export?from=2026-03-01&to=2026-03-31' }))
        .statusCode,
    ).toBe(401);

    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect(
      (await suite.app.inject({ url: '/invoices/export', headers: { cookie: tech.cookie } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await suite.app.inject({
          url: '/invoices/export.csv?from=2026-03-01&to=2026-03-31',
          headers: { cookie: tech.cookie },
        })
      ).statusCode,
    ).toBe(403);
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    const form = await suite.app.inject({
      url: '/invoices/export',
      headers: { cookie: billing.cookie },
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('action="/invoices/export.csv"');
    expect(form.body).toMatch(/name="from"[^>]*value="\d{4}-\d{2}-01"/);
    const again = await suite.app.inject({
      url: '/invoices/export.csv?from=2026-13-01&to=2026-03-31&layout=xero',
      headers: { cookie: billing.cookie },
    });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('From must be a date like 2026-03-31');
    expect(again.body).not.toContain('To must be on or after From');
    const ok = await suite.app.inject({
      url: '/invoices/export.csv?from=2026-03-01&to=2026-03-31&layout=xero&dateFormat=&kind=&accountCode=',
      headers: { cookie: billing.cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-disposition']).toBe(
      'attachment; filename="xero-invoices-2026-03-01-to-2026-03-31.csv"',
    );
    expect(ok.body.split('\n')[0]).toMatch(/^ContactName,EmailAddress/);
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(
      doc.paths['/invoices/export'].get.parameters.map((p: { name: string }) => p.name),
    ).toContain('layout');
  });
});
