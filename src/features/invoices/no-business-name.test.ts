// Before a business profile exists (a bare database, or data added by the API before setup), the
// invoice PDF, the invoice email and the statement never print a placeholder where the business
// name goes ("Make checks payable to: Invoice", "from us"): the line is left out.
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppSuite } from '../../../test/support/suite.ts';
import { memoryMailer } from '../../../test/support/app.ts';
import { pdfInfo, pdfText } from '../../../test/support/pdf.ts';
import type { Ctx } from '../../platform/context.ts';
import { statementPdf, sendStatement } from '../receivables/statement.ts';
import { invoicePdf } from './pdf.ts';
import { sendInvoice } from './send.ts';
import { customer, issuedInvoice, staff } from './pdf-fixtures.ts';

describe('no business name: no placeholder in PDFs or emails', () => {
  const mailer = memoryMailer();
  const suite = useAppSuite('sqlite', { profile: false, deps: () => ({ mailer }) });
  let admin: Ctx;
  let companyId: string;

  beforeEach(async () => {
    mailer.sent.length = 0;
    admin = await staff(suite.deps, 'admin');
    companyId = (await customer(admin)).id;
  });

  it('the invoice PDF has no "payable to" line naming a placeholder, and no Author', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      { description: 'On-site visit', quantityThousandths: 1000, unitPriceCents: 12500 },
    ]);
    const { bytes } = await invoicePdf(admin, inv.id);
    const text = await pdfText(bytes);
    expect(text).toContain('INVOICE');
    expect(text).toContain('Riverside Dental');
    expect(text).not.toMatch(/payable to/i);
    expect(text).not.toContain('payable to: Invoice');
    // "Invoice" appears only as the label of the number, never as a letterhead.
    expect(text.split('\n').filter((l) => l.trim() === 'Invoice')).toEqual([]);
    expect((await pdfInfo(bytes)).Author).toBeUndefined();
  });

  it('the invoice email says neither "from us" nor a placeholder signature', async () => {
    const inv = await issuedInvoice(admin, companyId, [
      { description: 'On-site visit', quantityThousandths: 1000, unitPriceCents: 12500 },
    ]);
    const res = await sendInvoice(admin, inv.id);
    expect(res.status).toBe('sent');
    const mail = mailer.sent.at(-1)!;
    expect(mail.subject).toMatch(/^Invoice INV-\S+ — \$\d/);
    expect(mail.text).toContain(`Please find attached invoice ${inv.number}.`);
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/\bfrom us\b|Invoice\n*$/);
    expect(mail.text!.trimEnd().endsWith('Thank you for your business.')).toBe(true);
  });

  it('the statement PDF and email leave the name out too', async () => {
    await issuedInvoice(admin, companyId, [
      { description: 'On-site visit', quantityThousandths: 1000, unitPriceCents: 12500 },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const { bytes } = await statementPdf(admin, companyId, { from: '2020-01-01', to: today });
    const text = await pdfText(bytes);
    expect(text).toContain('STATEMENT');
    expect(text.split('\n').filter((l) => l.trim() === 'Statement')).toEqual([]);
    await sendStatement(admin, companyId, { from: '2020-01-01', to: today });
    const mail = mailer.sent.at(-1)!;
    expect(mail.subject).toMatch(/^Statement — /);
    expect(mail.text).not.toMatch(/\bus\s*$/);
  });
});
