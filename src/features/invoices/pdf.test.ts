// The invoice PDF read back as text: the figures a customer sees are the invoice row's, formatted
// as everywhere else; long invoices paginate with the table header on each page; credit notes and
// drafts say what they are.
import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { pdfInfo, pdfPages, pdfText } from '../../../test/support/pdf.ts';
import type { Ctx } from '../../platform/context.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { formatMoney } from '../../lib/money.ts';
import { invoicePdf } from './pdf.ts';
import { getInvoice, voidInvoice } from './service.ts';
import { writeInvoiceSettings, DEFAULT_INVOICE_SETTINGS } from './settings.ts';
import { invoiceTotals, priceLine, formatQuantity } from './totals.ts';
import { creditNote, customer, issuedInvoice, staff, taxRate } from './pdf-fixtures.ts';

const usd = (c: number) => formatMoney(c, 'USD');
/** The value printed right after a label in the totals box. */
/** 88750 -> "8.875", written out by string handling (the code under test uses integer arithmetic). */
const percentText = (ppm: number) => {
  const d = String(ppm).padStart(5, '0');
  return `${Number(d.slice(0, -4))}.${d.slice(-4)}`.replace(/\.?0+$/, '');
};
const amountAfter = (text: string, label: string) =>
  new RegExp(`(?:^|\\n)${label}\\n([^\\n]+)`).exec(text)?.[1];

describe.each(DIALECTS)('invoice PDF on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Ctx;
  let companyId: string;

  beforeEach(async () => {
    admin = await staff(suite.deps, 'admin');
    await taxRate(suite.db, 82_500);
    companyId = (await customer(admin)).id;
    await writeInvoiceSettings(
      suite.db,
      {
        ...DEFAULT_INVOICE_SETTINGS,
        payableTo: 'Acme IT Services LLC',
        remitAddress: 'PO Box 1234\nSpringfield, IL 62705',
        paymentUrl: 'https://pay.acme.test/{number}',
        footerNote: 'Thank you for your business.',
      },
      new Date().toISOString(),
    );
  });

  it('shows the number, customer, each line and the totals exactly as formatMoney prints them', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      {
        description: 'Monthly support contract',
        quantityThousandths: 1000,
        unitPriceCents: 150000,
      },
      {
        description: 'On-site visit: replaced the failed switch in the server closet',
        quantityThousandths: 1500,
        unitPriceCents: 12500,
      },
      {
        description: 'Cat6 patch cable',
        quantityThousandths: 4000,
        unitPriceCents: 399,
        taxable: false,
      },
    ]);
    const pdf = await invoicePdf(admin, inv.id);
    expect(pdf.filename).toBe(`${inv.number}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('INVOICE');
    expect(text).toContain(inv.number!);
    expect(text).toContain('Riverside Dental');
    expect(text).toContain('455 River Road');
    for (const l of inv.lines) {
      expect(text).toContain(l.description);
      expect(text).toContain(usd(l.amountCents));
    }
    expect(text).toContain('1.5');
    // 1,500.00 + 187.50 + 15.96 = 1,703.46; tax 8.25% of 1,687.50 = 139.22 (rounded per line: 123.75 + 15.47)
    expect(inv).toMatchObject({
      subtotalCents: 170346,
      taxCents: 13922,
      totalCents: 184268,
      balanceCents: 184268,
    });
    expect(amountAfter(text, 'Subtotal')).toBe('$1,703.46');
    expect(amountAfter(text, 'Sales tax 8.25%')).toBe('$139.22');
    expect(amountAfter(text, 'Total')).toBe('$1,842.68');
    expect(amountAfter(text, 'Balance due')).toBe('$1,842.68');
    // How to pay and the remittance stub.
    expect(text).toContain(`https://pay.acme.test/${inv.number}`);
    expect(text).toContain('Please return this portion with your payment');
    expect(text).toContain('Amount enclosed');
    expect(text).toContain('Make checks payable to: Acme IT Services LLC');
    expect(text).toContain('PO Box 1234');
    expect(text).toContain('Page 1 of 1');
    const info = await pdfInfo(pdf.bytes);
    expect(info.Title).toBe(`Invoice ${inv.number} — Riverside Dental`);
    expect(info.Author).toBe('Acme IT Services');
    expect(String(info.CreationDate)).toContain(inv.issueDate!.replaceAll('-', ''));
  });

  it('prints payments and credits applied and the remaining balance from the invoice row', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      {
        description: 'Firewall renewal',
        quantityThousandths: 1000,
        unitPriceCents: 50000,
        taxable: false,
      },
    ]);
    await creditNote(admin, inv.id, 12000);
    await suite.db
      .updateTable('invoices')
      .set({ paid_cents: 10000, balance_cents: 50000 - 12000 - 10000 })
      .where('id', '=', inv.id)
      .execute();
    const text = await pdfText((await invoicePdf(admin, inv.id)).bytes);
    expect(amountAfter(text, 'Payments applied')).toBe('-$100.00');
    expect(amountAfter(text, 'Credits applied')).toBe('-$120.00');
    expect(amountAfter(text, 'Balance due')).toBe('$280.00');
  });

  it('shows the same totals as invoiceTotals, the stored invoice and the API for random lines (property)', async () => {
    const headers = {
      authorization: `Bearer ${(await insertApiKey(suite.db, { name: 'billing', role: 'billing', createdBy: null })).key}`,
    };
    const line = fc.record({
      quantityThousandths: fc.oneof(
        fc.integer({ min: 1, max: 50_000 }),
        fc.constantFrom(1000, 250, 1500, 333),
      ),
      unitPriceCents: fc.integer({ min: 0, max: 2_500_000 }),
      taxable: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 150_000 }),
        async (lines, ratePpm) => {
          await suite.db.updateTable('tax_rates').set({ rate_ppm: ratePpm }).execute();
          const inv = await issuedInvoice(
            admin,
            companyId,
            lines.map((l, i) => ({ ...l, description: `Item ${i + 1}` })),
          );
          const reference = invoiceTotals(
            lines.map((l) => priceLine({ ...l, taxRatePpm: l.taxable ? ratePpm : 0 })),
          );
          const stored = await getInvoice(admin, inv.id);
          expect({
            subtotalCents: stored.subtotalCents,
            taxCents: stored.taxCents,
            totalCents: stored.totalCents,
          }).toEqual(reference);
          const json = (
            await suite.app.inject({ url: `/api/v1/invoices/${inv.id}`, headers })
          ).json();
          expect({
            subtotalCents: json.subtotalCents,
            taxCents: json.taxCents,
            totalCents: json.totalCents,
            balanceCents: json.balanceCents,
          }).toEqual({ ...reference, balanceCents: stored.balanceCents });
          // The PDF as the API serves it.
          const res = await suite.app.inject({ url: `/api/v1/invoices/${inv.id}/pdf`, headers });
          expect(res.headers['content-type']).toBe('application/pdf');
          const text = await pdfText(res.rawPayload);
          expect(amountAfter(text, 'Subtotal')).toBe(usd(reference.subtotalCents));
          expect(amountAfter(text, 'Total')).toBe(usd(reference.totalCents));
          expect(amountAfter(text, 'Balance due')).toBe(usd(stored.balanceCents));
          if (reference.taxCents !== 0)
            expect(amountAfter(text, `Sales tax ${percentText(ratePpm)}%`)).toBe(
              usd(reference.taxCents),
            );
          for (const l of stored.lines)
            expect(text).toContain(
              `${l.description}\n${formatQuantity(l.quantityThousandths)}\n${usd(l.unitPriceCents)}`,
            );
        },
      ),
      { numRuns: dialect === 'sqlite' ? 25 : 15 },
    );
  }, 60_000);

  it('paginates a 60-line invoice with the table header on every page and page numbers', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({
      description: `Line ${i + 1}: backup storage for server ${i + 1}${i % 7 === 0 ? ', including geo-redundant replication and a 30-day retention policy for every protected volume' : ''}`,
      quantityThousandths: 1000 + i,
      unitPriceCents: 1000 + i * 37,
    }));
    const inv = await issuedInvoice(admin, companyId, lines);
    const pages = await pdfPages((await invoicePdf(admin, inv.id)).bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const withTable = pages.filter((p) => /Description\nQty\nUnit price\nTax\nAmount/.test(p));
    expect(withTable.length).toBeGreaterThanOrEqual(2);
    const all = pages.join('\n');
    for (const l of inv.lines) expect(all).toContain(usd(l.amountCents));
    expect(all).toContain('Line 60: backup storage for server 60');
    // The totals and the stub come once, on the last pages.
    expect(all.match(/Please return this portion with your payment/g)).toHaveLength(1);
    expect(pages.at(-1)).toContain('Please return this portion with your payment');
    expect(amountAfter(all, 'Total')).toBe(usd(inv.totalCents));
  });

  it('prints a credit note as such, with the invoice it credits and no remittance stub', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      {
        description: 'Support block',
        quantityThousandths: 10_000,
        unitPriceCents: 12500,
        taxable: false,
      },
    ]);
    const cn = await creditNote(admin, inv.id, 25000, 'Two hours not worked');
    const pdf = await invoicePdf(admin, cn.id);
    expect(pdf.filename).toBe(`${cn.number}.pdf`);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain(cn.number!);
    expect(text).toContain(`Credit for invoice ${inv.number}`);
    expect(text).toContain('Two hours not worked');
    expect(amountAfter(text, 'Total credit')).toBe('$250.00');
    expect(text).not.toContain('Please return this portion');
    expect(text).not.toContain('Balance due');
  });

  it('marks a draft and names its file by id; readonly may read, technicians may not', async () => {
    const draft = await issuedInvoice(
      admin,
      companyId,
      [{ description: 'Draft work', quantityThousandths: 1000, unitPriceCents: 9900 }],
      { issue: false },
    );
    const pdf = await invoicePdf(await staff(suite.deps, 'readonly'), draft.id);
    expect(pdf.filename).toBe(`draft-${draft.id}.pdf`);
    const text = await pdfText(pdf.bytes);
    expect(text).toContain('DRAFT');
    expect(text).toContain('Draft work');
    await expect(
      invoicePdf(await staff(suite.deps, 'technician'), draft.id),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('marks a void invoice with its reason, without payment instructions or stub', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      { description: 'Billed twice', quantityThousandths: 1000, unitPriceCents: 5000 },
    ]);
    await voidInvoice(admin, inv.id, { reason: 'Duplicate of INV-2026-00007' });
    const text = await pdfText((await invoicePdf(admin, inv.id)).bytes);
    expect(text).toContain('VOID — Duplicate of INV-2026-00007');
    expect(text).toContain(inv.number!);
    expect(amountAfter(text, 'Balance due')).toBe('$0.00');
    expect(text).not.toContain('HOW TO PAY');
    expect(text).not.toContain('https://pay.acme.test/');
    expect(text).not.toContain('Please return this portion');
  });

  it('prints the logo when there is one and still prints when the stored logo is gone', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC',
      'base64',
    );
    await suite.deps.storage.put('logos/test.png', png);
    await suite.db.updateTable('business_profile').set({ logo_key: 'logos/test.png' }).execute();
    const { clearProfileCache } = await import('../settings/profile-cache.ts');
    clearProfileCache(suite.db);
    const inv = await issuedInvoice(admin, companyId, [
      { description: 'With logo', quantityThousandths: 1000, unitPriceCents: 100 },
    ]);
    const withLogo = await invoicePdf(admin, inv.id);
    expect(withLogo.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    await suite.deps.storage.remove('logos/test.png');
    const without = await invoicePdf(admin, inv.id);
    expect(await pdfText(without.bytes)).toContain('With logo');
    expect(without.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(false);
  });
});
