// Pay links: each invoice email carries a link that opens that one invoice (view, PDF, pay) without
// signing in. The token is 32 random bytes; invoice_pay_links keeps only its SHA-256, with the
// invoice and company it opens, so a token can never reach another invoice. A link stops working
// when staff revoke it, or PAY_LINK_DAYS_AFTER_PAID days after the invoice was paid in full. Every
// use is audited; a wrong token is recorded per IP (pay_link_failures) and from
// PAY_LINK_MAX_FAILURES of them in PAY_LINK_WINDOW_MINUTES the address gets 429 for any token.
import type { Ctx, Deps } from '../../platform/context.ts';
import { actorLabel } from '../../platform/actor.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, TooManyRequestsError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { addMinutes, nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { hashToken, randomToken } from '../../lib/tokens.ts';
import type { Invoice } from '../invoices/queries.ts';
import {
  findCompanyInvoice,
  findPayLink,
  insertPayLink,
  lastPaidAt,
  livePayLinkCount,
  payLinkFailuresSince,
  recordPayLinkFailure,
  revokePayLinks,
  touchPayLink,
} from './billing-queries.ts';
import { portalBaseUrl } from './links-service.ts';

export const PAY_LINK_DAYS_AFTER_PAID = 30;
export const PAY_LINK_MAX_FAILURES = 10;
export const PAY_LINK_WINDOW_MINUTES = 15;

const GONE =
  'This payment link has expired or was withdrawn. Ask us for a new one, or sign in to the portal.';

/** A new link for an issued invoice (each email gets its own); returns the URL to print. */
export async function issuePayLink(
  deps: Pick<Deps, 'db' | 'config'>,
  invoice: Pick<Invoice, 'id' | 'companyId'>,
): Promise<string> {
  const token = randomToken();
  await insertPayLink(deps.db, {
    hash: hashToken(token),
    invoiceId: invoice.id,
    companyId: invoice.companyId,
    now: nowIso(),
  });
  return `${portalBaseUrl(deps as Deps)}/portal/pay/${token}`;
}

export type PayLinkUse = 'view' | 'pdf' | 'pay';

/**
 * The invoice a token opens, or NotFoundError (unknown, revoked, expired: all read the same);
 * TooManyRequestsError while this IP has guessed too often. Audited per use.
 */
export async function openPayLink(
  deps: Deps,
  token: string,
  ip: string,
  use: PayLinkUse,
): Promise<{ invoice: Invoice; companyId: string; hash: string }> {
  const now = nowIso();
  const since = addMinutes(now, -PAY_LINK_WINDOW_MINUTES);
  if ((await payLinkFailuresSince(deps.db, ip, since)) >= PAY_LINK_MAX_FAILURES)
    throw new TooManyRequestsError(
      `Too many wrong payment links from your address. Try again in ${PAY_LINK_WINDOW_MINUTES} minutes.`,
      PAY_LINK_WINDOW_MINUTES * 60,
    );
  const hash = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashToken(token) : null;
  const link = hash ? await findPayLink(deps.db, hash) : undefined;
  if (!link || !hash) {
    await recordPayLinkFailure(deps.db, { id: newId(), ip, at: now });
    throw new NotFoundError(GONE);
  }
  const invoice = await findCompanyInvoice(deps.db, link.company_id, link.invoice_id);
  const expired =
    invoice &&
    invoice.status === 'issued' &&
    invoice.kind === 'invoice' &&
    invoice.balanceCents <= 0 &&
    (await isPastPaidWindow(deps, invoice.id, now));
  const ctx = { actor: { type: 'system' as const, label: 'Pay link' }, ip };
  if (link.revoked_at || !invoice || expired) {
    await audit(deps.db, ctx, {
      action: 'portal.pay_link_refused',
      entityType: 'invoice',
      entityId: link.invoice_id,
      companyId: link.company_id,
      summary: { use, reason: link.revoked_at ? 'revoked' : !invoice ? 'missing' : 'expired' },
    });
    throw new NotFoundError(GONE);
  }
  await touchPayLink(deps.db, hash, now);
  await audit(deps.db, ctx, {
    action: 'portal.pay_link_use',
    entityType: 'invoice',
    entityId: invoice.id,
    companyId: invoice.companyId,
    summary: { use, number: invoice.number },
  });
  return { invoice, companyId: invoice.companyId, hash };
}

async function isPastPaidWindow(deps: Deps, invoiceId: string, now: string): Promise<boolean> {
  const paidAt = await lastPaidAt(deps.db, invoiceId);
  // Paid by credit notes alone, or the figures came in another way: the window runs from now on.
  if (!paidAt) return false;
  return addMinutes(paidAt, PAY_LINK_DAYS_AFTER_PAID * 24 * 60) <= now;
}

/** Staff withdraw every pay link of an invoice (billing.write); audited. */
export async function revokeInvoicePayLinks(ctx: Ctx, invoiceId: string): Promise<number> {
  assertCan(ctx.actor, 'billing.write');
  const inv = await ctx.db
    .selectFrom('invoices')
    .select(['id', 'company_id', 'number'])
    .where('id', '=', invoiceId)
    .executeTakeFirst();
  if (!inv) throw new NotFoundError('No such invoice.');
  const n = await revokePayLinks(ctx.db, invoiceId, actorLabel(ctx.actor), nowIso());
  await audit(ctx.db, ctx, {
    action: 'invoice.pay_links_revoked',
    entityType: 'invoice',
    entityId: invoiceId,
    companyId: inv.company_id,
    summary: { number: inv.number, revoked: n },
  });
  return n;
}

export const payLinkCount = (ctx: Pick<Ctx, 'db'>, invoiceId: string) =>
  livePayLinkCount(ctx.db, invoiceId);
