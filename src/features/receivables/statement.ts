// A customer statement for a date range: the balance on the day before `from`, every event in the
// range that changed what the customer owes (invoices and credit notes issued or voided, payments
// received with the invoices each paid, payments voided, refunds), a running balance, and the closing
// balance. The closing balance equals balanceAsOf(to), which the aging report computes another way;
// a test holds the two together.
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { addDaysToDate, nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { formatMoney } from '../../lib/money.ts';
import { billingEmail, companyRow } from '../invoices/service.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { StatementEmailInput, StatementQuery } from './schemas.ts';
import { balanceAsOf } from './service.ts';
import {
  documentsIssued,
  documentsVoided,
  paymentsReceived,
  paymentsVoided,
  refundsMade,
  type Range,
} from './statement-queries.ts';
import { renderStatementPdf } from './statement-pdf.ts';
import type { Statement, StatementEntry } from './statement-types.ts';

const METHOD: Record<string, string> = {
  check: 'Check',
  cash: 'Cash',
  bank: 'Bank transfer',
  card: 'Card',
  paypal: 'PayPal',
};
const paymentLabel = (method: string, reference: string | null) =>
  `${METHOD[method] ?? method}${reference ? ` ${reference}` : ''}`;

/** The statement's figures (no permission check; callers check billing.read). */
export async function buildStatement(
  ctx: Pick<Ctx, 'db'>,
  companyId: string,
  raw: unknown,
): Promise<Statement> {
  const q = parseInput(StatementQuery, raw);
  const c = await companyRow(ctx.db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  const profile = await getProfileCached(ctx.db);
  const currency = profile?.currency ?? 'USD';
  const r: Range = { companyId, from: q.from, to: q.to };
  const money = (cents: number) => formatMoney(cents, currency);
  const [opening, closing, issued, voided, payments, paymentVoids, refunds] = await Promise.all([
    balanceAsOf(ctx, companyId, addDaysToDate(q.from, -1)),
    balanceAsOf(ctx, companyId, q.to),
    documentsIssued(ctx.db, r),
    documentsVoided(ctx.db, r),
    paymentsReceived(ctx.db, r),
    paymentsVoided(ctx.db, r),
    refundsMade(ctx.db, r),
  ]);
  const raw_: Omit<StatementEntry, 'balanceCents'>[] = [
    ...issued.map((d) =>
      d.kind === 'invoice'
        ? {
            date: d.date,
            order: 0,
            description: `Invoice ${d.number}`,
            detail: d.dueDate ? [`due ${d.dueDate}`] : [],
            amountCents: d.totalCents,
          }
        : {
            date: d.date,
            order: 1,
            description: `Credit note ${d.number}`,
            detail: d.forNumber ? [`against ${d.forNumber}`] : [],
            amountCents: -d.totalCents,
          },
    ),
    ...payments.map((p) => ({
      date: p.date,
      order: 2,
      description: `Payment received — ${paymentLabel(p.method, p.reference)}`,
      detail: p.paid.map((a) => `applied to ${a.number}: ${money(a.amountCents)}`),
      amountCents: -p.amountCents,
    })),
    ...refunds.map((f) => ({
      date: f.refundedOn,
      order: 3,
      description: `Refund of ${paymentLabel(f.method, f.reference)}`,
      detail: f.reason ? [f.reason] : [],
      amountCents: f.amountCents,
    })),
    ...voided.map((d) => ({
      date: d.voidedOn,
      order: 4,
      description: `${d.kind === 'invoice' ? 'Invoice' : 'Credit note'} ${d.number} voided`,
      detail: [],
      amountCents: d.kind === 'invoice' ? -d.totalCents : d.totalCents,
    })),
    ...paymentVoids.map((p) => ({
      date: p.voidedOn,
      order: 5,
      description: `Payment voided — ${paymentLabel(p.method, p.reference)}`,
      detail: [],
      amountCents: p.amountCents,
    })),
  ];
  raw_.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.order - b.order ||
      a.description.localeCompare(b.description),
  );
  let running = opening.balanceCents;
  const entries = raw_.map((e) => {
    running += e.amountCents;
    return { ...e, balanceCents: running };
  });
  return {
    company: { id: c.id, name: c.name, billingAddress: c.billing_address },
    from: q.from,
    to: q.to,
    currency,
    openingCents: opening.balanceCents,
    closingCents: running,
    entries,
    aging: closing.aging,
    unappliedCreditCents: closing.unappliedCreditCents,
  };
}

async function logo(
  ctx: Pick<Ctx, 'storage' | 'log'>,
  key: string | null | undefined,
): Promise<Buffer | null> {
  if (!key) return null;
  try {
    return await ctx.storage.get(key);
  } catch (err) {
    ctx.log.warn(
      { err: err instanceof Error ? err.message : String(err), key },
      'statement PDF: logo not readable',
    );
    return null;
  }
}

export const statementFilename = (s: Pick<Statement, 'company' | 'from' | 'to'>) =>
  `statement-${
    s.company.name
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'customer'
  }-${s.from}-to-${s.to}.pdf`;

/** The statement as a PDF; billing.read. */
export async function statementPdf(
  ctx: Ctx,
  companyId: string,
  raw: unknown,
): Promise<{ filename: string; bytes: Buffer; statement: Statement }> {
  assertCan(ctx.actor, 'billing.read');
  const s = await buildStatement(ctx, companyId, raw);
  const profile = await getProfileCached(ctx.db);
  const bytes = await renderStatementPdf(s, {
    // No placeholder for a missing name: the letterhead leaves it out.
    name: profile?.name?.trim() ?? '',
    address: profile?.address ?? null,
    email: profile?.email ?? null,
    phone: profile?.phone ?? null,
    logo: await logo(ctx, profile?.logoKey),
  });
  return { filename: statementFilename(s), bytes, statement: s };
}

export type StatementSend = { to: string; status: 'sent' | 'logged' | 'failed'; detail?: string };

/** Emails the statement PDF to the billing contact (or the address given); billing.write. Logged and audited. */
export async function sendStatement(
  ctx: Ctx,
  companyId: string,
  raw: unknown,
): Promise<StatementSend> {
  assertCan(ctx.actor, 'billing.write');
  const input = parseInput(StatementEmailInput, raw);
  const c = await companyRow(ctx.db, companyId);
  if (!c) throw new NotFoundError('No such company.');
  const to = input.email ?? (await billingEmail(ctx.db, c));
  if (!to)
    throw new ValidationError([
      { path: 'email', message: 'This company has no billing email address; enter one' },
    ]);
  const { filename, bytes, statement: s } = await statementPdf(ctx, companyId, input);
  const profile = await getProfileCached(ctx.db);
  const business = profile?.name?.trim() ?? '';
  const subject = `Statement${business ? ` from ${business}` : ''} — ${s.from} to ${s.to}`;
  const balance = formatMoney(s.closingCents, s.currency);
  const text = [
    `Hello ${c.name},`,
    '',
    `Please find attached your statement for ${s.from} to ${s.to}.`,
    `Balance on ${s.to}: ${balance}`,
    '',
    'Thank you for your business.',
    ...(business ? ['', business] : []),
  ].join('\n');
  let status: StatementSend['status'] = 'failed';
  let detail: string | undefined;
  try {
    const res = await ctx.mailer.send({
      to,
      subject,
      text,
      attachments: [{ filename, content: bytes, contentType: 'application/pdf' }],
    });
    status = res.delivered ? 'sent' : 'logged';
    if (!res.delivered) detail = 'SMTP is not configured; the email was written to the server log';
  } catch (err) {
    detail = err instanceof Error ? err.message : String(err);
    ctx.log.error({ err: detail, to, companyId }, 'statement email failed');
  }
  await ctx.db
    .insertInto('email_log')
    .values({
      id: newId(),
      to_address: to.slice(0, 255),
      subject: subject.slice(0, 500),
      kind: 'statement',
      entity_type: 'company',
      entity_id: companyId,
      status,
      error: status === 'failed' ? (detail ?? '').slice(0, 1000) : null,
      created_at: nowIso(),
    })
    .execute();
  await audit(ctx.db, ctx, {
    action: 'statement.send',
    entityType: 'company',
    entityId: companyId,
    companyId,
    summary: { to, status, from: s.from, to_date: s.to, closingCents: s.closingCents },
  });
  return { to, status, ...(detail ? { detail } : {}) };
}
