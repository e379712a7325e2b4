// Emailing an invoice with its PDF. Every attempt (sent, logged without SMTP, failed, or skipped for
// want of an address) leaves an email_log row and an audit line. The billing run's automatic send
// claims the invoice first with one conditional UPDATE on auto_sent_at, so however many runs or
// processes reach the same invoice, one of them sends it; a failed send gives the claim back so a
// later run retries.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { formatMoney } from '../../lib/money.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { findInvoiceRow, type Invoice } from './queries.ts';
import { paymentLinkFor, readInvoiceSettings } from './settings.ts';
import { invoicePdf } from './pdf.ts';
import { issuePayLink } from '../portal/pay-links.ts';
import { longDate } from './pdf-layout.ts';

export type SendResult = {
  to: string | null;
  status: 'sent' | 'logged' | 'failed' | 'skipped';
  detail?: string;
};

const Email = z.email({ message: 'Enter a valid email address' });

/** Emails an issued invoice with its PDF to the billing contact (or `to`); permission billing.write. Every send is logged. */
export async function sendInvoice(
  ctx: Ctx,
  id: string,
  opts: { to?: string | null } = {},
): Promise<SendResult> {
  assertCan(ctx.actor, 'billing.write');
  const inv = await findInvoiceRow(ctx.db, id);
  if (!inv) throw new NotFoundError('No such invoice.');
  if (inv.status === 'draft') throw new ConflictError('A draft cannot be emailed: issue it first.');
  if (inv.status === 'void')
    throw new ConflictError(`${inv.number ?? 'This invoice'} is void and cannot be emailed.`);
  const to = (opts.to ?? '').trim() || inv.billToEmail;
  if (!to)
    throw new ValidationError([
      { path: 'to', message: 'This customer has no billing email address; enter one' },
    ]);
  if (!Email.safeParse(to).success)
    throw new ValidationError([
      { path: 'to', message: `“${to.slice(0, 100)}” is not a valid email address` },
    ]);
  return deliver(ctx, inv, to, false);
}

/** The billing run's send: at most once per invoice ever (claims invoices.auto_sent_at), even when re-run. */
export async function autoSendInvoice(ctx: Ctx, id: string): Promise<SendResult> {
  assertCan(ctx.actor, 'billing.write');
  const claim = nowIso();
  const claimed = await ctx.db
    .updateTable('invoices')
    .set({ auto_sent_at: claim })
    .where('id', '=', id)
    .where('auto_sent_at', 'is', null)
    .where('status', '=', 'issued')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1)
    return {
      to: null,
      status: 'skipped',
      detail: 'Already sent automatically, or not an issued invoice',
    };
  const inv = (await findInvoiceRow(ctx.db, id))!;
  const to = inv.billToEmail && Email.safeParse(inv.billToEmail).success ? inv.billToEmail : null;
  if (!to) {
    // Nobody to send to: the claim stays (a re-run would find nobody either); staff can send by hand.
    const detail = inv.billToEmail
      ? `The billing email “${inv.billToEmail}” is not a valid address`
      : 'No billing email address for this customer';
    await logInvoiceEmail(ctx.db, inv, {
      to: inv.billToEmail ?? '',
      subject: subjectFor(inv, ''),
      status: 'skipped',
      error: detail,
    });
    await audit(ctx.db, ctx, {
      action: 'invoice.send',
      entityType: 'invoice',
      entityId: id,
      companyId: inv.companyId,
      summary: { to: null, status: 'skipped', auto: true },
    });
    ctx.log.warn({ invoiceId: id, number: inv.number }, `invoice not emailed: ${detail}`);
    return { to: null, status: 'skipped', detail };
  }
  const result = await deliver(ctx, inv, to, true);
  if (result.status === 'failed') {
    // Give the claim back (only ours) so the next run tries again.
    await ctx.db
      .updateTable('invoices')
      .set({ auto_sent_at: null })
      .where('id', '=', id)
      .where('auto_sent_at', '=', claim)
      .execute();
  }
  return result;
}

async function deliver(ctx: Ctx, inv: Invoice, to: string, auto: boolean): Promise<SendResult> {
  const profile = await getProfileCached(ctx.db);
  // '' without a business profile: the subject, intro and signature then leave the name out.
  const business = profile?.name?.trim() ?? '';
  const subject = subjectFor(inv, business);
  let status: SendResult['status'] = 'failed';
  let detail: string | undefined;
  try {
    const [pdf, settings] = await Promise.all([
      invoicePdf(ctx, inv.id),
      readInvoiceSettings(ctx.db),
    ]);
    const body = bodyFor(inv, {
      business,
      email: profile?.email ?? null,
      phone: profile?.phone ?? null,
      // The configured payment URL when there is one; else each email gets its own pay link that
      // opens this invoice alone in the portal (portal/pay-links.ts).
      link:
        inv.kind !== 'invoice'
          ? null
          : (paymentLinkFor(settings, inv) ??
            (inv.status === 'issued' ? await issuePayLink(ctx, inv) : null)),
      payableTo: settings.payableTo,
      remit: settings.remitAddress,
    });
    const res = await ctx.mailer.send({
      to,
      subject,
      ...body,
      attachments: [{ filename: pdf.filename, content: pdf.bytes, contentType: 'application/pdf' }],
    });
    status = res.delivered ? 'sent' : 'logged';
    if (!res.delivered) detail = 'SMTP is not configured; the email was written to the server log';
  } catch (err) {
    detail = err instanceof Error ? err.message : String(err);
    ctx.log.error(
      { err: detail, to, invoiceId: inv.id, number: inv.number, auto },
      'invoice email failed',
    );
  }
  const now = nowIso();
  await logInvoiceEmail(ctx.db, inv, {
    to,
    subject,
    status,
    error: status === 'failed' ? (detail ?? null) : null,
  });
  if (status === 'sent')
    await ctx.db.updateTable('invoices').set({ sent_at: now }).where('id', '=', inv.id).execute();
  await audit(ctx.db, ctx, {
    action: 'invoice.send',
    entityType: 'invoice',
    entityId: inv.id,
    companyId: inv.companyId,
    summary: {
      to,
      status,
      ...(auto ? { auto: true } : {}),
      ...(status === 'failed' ? { error: detail?.slice(0, 200) } : {}),
    },
  });
  return { to, status, ...(detail ? { detail } : {}) };
}

/** "Invoice INV-2026-00001 from Acme IT — $1,234.56 due Dec 31, 2026" */
export function subjectFor(inv: Invoice, business: string): string {
  const from = business ? ` from ${business}` : '';
  if (inv.kind === 'credit_note')
    return `Credit note ${inv.number}${from} — ${formatMoney(inv.totalCents, inv.currency)} credit`;
  const owed =
    inv.balanceCents > 0
      ? `${formatMoney(inv.balanceCents, inv.currency)} due ${longDate(inv.dueDate)}`
      : 'paid in full';
  return `Invoice ${inv.number}${from} — ${owed}`;
}

type BodyInfo = {
  business: string;
  email: string | null;
  phone: string | null;
  link: string | null;
  payableTo: string | null;
  remit: string | null;
};

export function bodyFor(inv: Invoice, b: BodyInfo): { text: string; html: string } {
  const money = (c: number) => formatMoney(c, inv.currency);
  const isCredit = inv.kind === 'credit_note';
  const from = b.business ? ` from ${b.business}` : '';
  const intro = isCredit
    ? `Please find attached credit note ${inv.number}${from} for ${money(inv.totalCents)}.`
    : `Please find attached invoice ${inv.number}${from}.`;
  const facts: [string, string][] = isCredit
    ? []
    : [
        ['Amount due', money(inv.balanceCents)],
        ['Due date', longDate(inv.dueDate)],
        ...(b.link ? [['Pay online', b.link] as [string, string]] : []),
        ...(b.payableTo ? [['Make checks payable to', b.payableTo] as [string, string]] : []),
        ...(b.remit
          ? [
              [
                'Mail checks to',
                b.remit
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .join(', '),
              ] as [string, string],
            ]
          : []),
      ];
  const signature = [b.business, b.email, b.phone].filter((s): s is string => Boolean(s));
  const text = [
    `Hello ${inv.billToName},`,
    '',
    intro,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    ...(facts.length ? [''] : []),
    'Thank you for your business.',
    ...(signature.length ? ['', ...signature] : []),
  ].join('\n');
  const e = escapeHtml;
  const html = [
    `<p>Hello ${e(inv.billToName)},</p>`,
    `<p>${e(intro)}</p>`,
    facts.length
      ? `<table cellpadding="4">${facts.map(([k, v]) => `<tr><td>${e(k)}</td><td><strong>${k === 'Pay online' ? `<a href="${e(v)}">${e(v)}</a>` : e(v)}</strong></td></tr>`).join('')}</table>`
      : '',
    '<p>Thank you for your business.</p>',
    signature.length ? `<p>${signature.map(e).join('<br>')}</p>` : '',
  ].join('\n');
  return { text, html };
}

export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

// The email log row for an invoice send (SQL kept here: the table belongs to no single feature).
async function logInvoiceEmail(
  db: DbOrTrx,
  inv: Invoice,
  e: { to: string; subject: string; status: SendResult['status']; error: string | null },
) {
  await db
    .insertInto('email_log')
    .values({
      id: newId(),
      to_address: e.to.slice(0, 255),
      subject: e.subject.slice(0, 500),
      kind: 'invoice',
      entity_type: 'invoice',
      entity_id: inv.id,
      status: e.status,
      error: e.error ? e.error.slice(0, 1000) : null,
      created_at: nowIso(),
    })
    .execute();
}
