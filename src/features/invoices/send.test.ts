// Invoice email through a real SMTP server on loopback (smtp-server + mailparser): the message, its
// PDF attachment read back as text, the email log, the once-only automatic send (re-run and
// concurrent), a failing server giving the claim back, and what cannot be sent.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { DIALECTS, type TestDb } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { useSmtp } from '../../../test/support/smtp.ts';
import { quietLog } from '../../../test/support/app.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { withActor, type Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { createMailer } from '../../platform/mailer.ts';
import { formatMoney } from '../../lib/money.ts';
import { findInvoiceRow } from './queries.ts';
import { DEFAULT_INVOICE_SETTINGS, writeInvoiceSettings } from './settings.ts';
import { autoSendInvoice, sendInvoice } from './send.ts';
import { creditNote, customer, issuedInvoice, staff, taxRate } from './pdf-fixtures.ts';
import { voidInvoice } from './service.ts';

const emailLog = (db: TestDb['db'], id: string) =>
  db
    .selectFrom('email_log')
    .selectAll()
    .where('entity_id', '=', id)
    .orderBy('created_at')
    .execute();
const toAddress = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;

describe.each(DIALECTS)('invoice email on %s', (dialect) => {
  const smtp = useSmtp();
  const suite = useAppSuite(dialect, {
    deps: () => ({ mailer: smtp.mailer('Acme IT <billing@acme.test>') }),
    app: false,
  });
  let admin: Ctx;
  let companyId: string;
  const lines = [
    { description: 'Monthly support contract', quantityThousandths: 1000, unitPriceCents: 120000 },
    { description: 'Backup storage', quantityThousandths: 2500, unitPriceCents: 1999 },
  ];

  beforeEach(async () => {
    admin = await staff(suite.deps, 'admin');
    await taxRate(suite.db, 82_500);
    companyId = (await customer(admin)).id;
    await writeInvoiceSettings(
      suite.db,
      { ...DEFAULT_INVOICE_SETTINGS, paymentUrl: 'https://pay.acme.test/{number}' },
      new Date().toISOString(),
    );
  });

  const waitFor = async (n: number) => {
    for (let i = 0; i < 50 && smtp.inbox.length < n; i++)
      await new Promise((r) => setTimeout(r, 20));
  };

  it('sends the invoice with its PDF to the billing email, logs it and marks it sent', async () => {
    const inv = await issuedInvoice(admin, companyId, lines);
    expect(inv.billToEmail).toBe('accounts@riverside.test');
    const res = await sendInvoice(admin, inv.id);
    expect(res).toEqual({ to: 'accounts@riverside.test', status: 'sent' });
    await waitFor(1);
    expect(smtp.inbox).toHaveLength(1);
    const mail = smtp.inbox[0];
    expect(toAddress(mail)).toBe('accounts@riverside.test');
    const total = formatMoney(inv.totalCents, 'USD');
    expect(mail.subject).toBe(
      `Invoice ${inv.number} from Acme IT Services — ${total} due ${new Date(`${inv.dueDate}T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}`,
    );
    expect(mail.text).toContain(`Amount due: ${total}`);
    expect(mail.text).toContain(`Pay online: https://pay.acme.test/${inv.number}`);
    expect(mail.html).toContain(`<a href="https://pay.acme.test/${inv.number}">`);
    expect(mail.attachments).toHaveLength(1);
    const att = mail.attachments[0];
    expect(att.filename).toBe(`${inv.number}.pdf`);
    expect(att.contentType).toBe('application/pdf');
    const text = await pdfText(att.content);
    expect(text).toContain(inv.number!);
    expect(text).toContain(total);
    const log = await emailLog(suite.db, inv.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      kind: 'invoice',
      entity_type: 'invoice',
      status: 'sent',
      to_address: 'accounts@riverside.test',
      subject: mail.subject,
    });
    expect((await findInvoiceRow(suite.db, inv.id))!.sentAt).not.toBeNull();
    const audited = await suite.db
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'invoice.send')
      .where('entity_id', '=', inv.id)
      .execute();
    expect(JSON.parse(audited[0].summary!)).toMatchObject({
      to: 'accounts@riverside.test',
      status: 'sent',
    });
  });

  it('sends to another address when given one, escapes the HTML, and refuses a bad or missing address', async () => {
    const company = await customer(admin, 'Tom & Jerry <Cartoons>', null);
    const inv = await issuedInvoice(admin, company.id, lines);
    await expect(sendInvoice(admin, inv.id)).rejects.toMatchObject({
      errors: [{ path: 'to', message: expect.stringContaining('no billing email') }],
    });
    await expect(sendInvoice(admin, inv.id, { to: 'not-an-address' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(sendInvoice(admin, inv.id, { to: 'not-an-address' })).rejects.toMatchObject({
      errors: [{ path: 'to' }],
    });
    expect(await sendInvoice(admin, inv.id, { to: 'ap@tomjerry.test' })).toMatchObject({
      status: 'sent',
      to: 'ap@tomjerry.test',
    });
    await waitFor(1);
    expect(toAddress(smtp.inbox[0])).toBe('ap@tomjerry.test');
    expect(smtp.inbox[0].html).toContain('Tom &amp; Jerry &lt;Cartoons&gt;');
    expect(smtp.inbox[0].html).not.toContain('<Cartoons>');
  });

  it('sends a credit note with its own subject and PDF', async () => {
    const inv = await issuedInvoice(admin, companyId, lines);
    const cn = await creditNote(admin, inv.id, 5000);
    expect(await sendInvoice(admin, cn.id)).toMatchObject({ status: 'sent' });
    await waitFor(1);
    const mail = smtp.inbox[0];
    expect(mail.subject).toBe(`Credit note ${cn.number} from Acme IT Services — $50.00 credit`);
    expect(mail.text).toContain(`credit note ${cn.number}`);
    expect(mail.text).not.toContain('Amount due');
    expect(mail.attachments[0].filename).toBe(`${cn.number}.pdf`);
    expect(await pdfText(mail.attachments[0].content)).toContain(
      `Credit for invoice ${inv.number}`,
    );
  });

  it('refuses drafts and void invoices, and roles without billing.write', async () => {
    const draft = await issuedInvoice(admin, companyId, lines, { issue: false });
    await expect(sendInvoice(admin, draft.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(sendInvoice(admin, draft.id)).rejects.toThrow(
      'A draft cannot be emailed: issue it first.',
    );
    const inv = await issuedInvoice(admin, companyId, lines);
    await expect(sendInvoice(await staff(suite.deps, 'readonly'), inv.id)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await voidInvoice(admin, inv.id, { reason: 'Wrong customer' });
    await expect(sendInvoice(admin, inv.id)).rejects.toThrow(
      `${inv.number} is void and cannot be emailed.`,
    );
    expect(await autoSendInvoice(admin, draft.id)).toMatchObject({ status: 'skipped' });
    expect(smtp.inbox).toHaveLength(0);
    expect(await emailLog(suite.db, inv.id)).toHaveLength(0);
  });

  it('auto-sends an invoice once however often and however concurrently it is asked', async () => {
    const system = withActor(suite.deps, { type: 'system', label: 'billing run' });
    const a = await issuedInvoice(admin, companyId, lines);
    expect(await autoSendInvoice(system, a.id)).toMatchObject({ status: 'sent' });
    expect(await autoSendInvoice(system, a.id)).toMatchObject({ status: 'skipped' });
    const b = await issuedInvoice(admin, companyId, lines);
    const both = await Promise.all([
      autoSendInvoice(system, b.id),
      autoSendInvoice(system, b.id),
      autoSendInvoice(system, b.id),
    ]);
    expect(both.filter((r) => r.status === 'sent')).toHaveLength(1);
    await waitFor(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(smtp.inbox.map((m) => m.attachments[0].filename).sort()).toEqual(
      [`${a.number}.pdf`, `${b.number}.pdf`].sort(),
    );
    expect((await emailLog(suite.db, b.id)).map((l) => l.status)).toEqual(['sent']);
    expect((await findInvoiceRow(suite.db, b.id))!.autoSentAt).not.toBeNull();
  });

  it('gives the claim back when the SMTP server fails, so a later run retries', async () => {
    const inv = await issuedInvoice(admin, companyId, lines);
    const down = {
      ...suite.deps,
      mailer: createMailer({
        smtpUrl: 'smtp://127.0.0.1:1',
        from: 'x <x@acme.test>',
        log: quietLog,
      }),
    };
    const failing = withActor(down, { type: 'system', label: 'billing run' });
    const res = await autoSendInvoice(failing, inv.id);
    expect(res.status).toBe('failed');
    expect(res.detail).toBeTruthy();
    expect((await findInvoiceRow(suite.db, inv.id))!.autoSentAt).toBeNull();
    expect((await findInvoiceRow(suite.db, inv.id))!.sentAt).toBeNull();
    const log = await emailLog(suite.db, inv.id);
    expect(log).toMatchObject([{ status: 'failed', kind: 'invoice' }]);
    expect(log[0].error).toBeTruthy();
    // The next run, with the server back, sends it.
    expect(
      await autoSendInvoice(
        withActor(suite.deps, { type: 'system', label: 'billing run' }),
        inv.id,
      ),
    ).toMatchObject({ status: 'sent' });
    await waitFor(1);
    expect(smtp.inbox).toHaveLength(1);
    expect((await emailLog(suite.db, inv.id)).map((l) => l.status).sort()).toEqual([
      'failed',
      'sent',
    ]);
  });

  it('skips (and keeps the claim) when there is nobody to send to; logs when SMTP is not configured', async () => {
    const system = withActor(suite.deps, { type: 'system', label: 'billing run' });
    const nobody = await customer(admin, 'No Email Inc', null);
    const inv = await issuedInvoice(admin, nobody.id, lines);
    expect(await autoSendInvoice(system, inv.id)).toMatchObject({ status: 'skipped', to: null });
    expect((await findInvoiceRow(suite.db, inv.id))!.autoSentAt).not.toBeNull();
    expect(await emailLog(suite.db, inv.id)).toMatchObject([{ status: 'skipped' }]);
    const noSmtp = withActor(
      { ...suite.deps, mailer: createMailer({ from: 'x <x@acme.test>', log: quietLog }) },
      admin.actor,
    );
    const other = await issuedInvoice(admin, companyId, lines);
    expect(await sendInvoice(noSmtp, other.id)).toMatchObject({ status: 'logged' });
    expect(await emailLog(suite.db, other.id)).toMatchObject([{ status: 'logged' }]);
    expect((await findInvoiceRow(suite.db, other.id))!.sentAt).toBeNull();
    expect(smtp.inbox).toHaveLength(0);
  });
});
