// The portal's billing use cases for a signed-in contact with the billing flag: the invoice list,
// one invoice, its PDF, payments with their allocations, aging, the statement PDF, and starting an
// online payment. Every read is by the contact's company (p.companyId, from the session only) and
// through the same queries the staff pages use, so the figures are the staff figures. The PDFs are
// the staff PDFs: the company check happens here first, then the staff renderer runs as a trusted
// internal call (a system actor), and the download is audited under the contact.
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import {
  creditNotesFor,
  pageIdsQuery,
  summaryQuery,
  type InvoiceFilter,
} from '../invoices/list.ts';
import { invoicePdf } from '../invoices/pdf.ts';
import { linesOf, toInvoice, type Invoice } from '../invoices/queries.ts';
import { readInvoiceSettings, type InvoiceSettings } from '../invoices/settings.ts';
import { createCheckout } from '../online-payments/checkout.ts';
import { findCheckout } from '../online-payments/queries.ts';
import { readStoredSettings } from '../online-payments/settings.ts';
import { companyAging } from '../receivables/service.ts';
import { companyBalance as receivablesBalance } from '../receivables/queries.ts';
import { StatementQuery } from '../receivables/schemas.ts';
import { statementPdf } from '../receivables/statement.ts';
import {
  allocationsOnInvoice,
  companyPaymentsPage,
  findCompanyInvoice,
} from './billing-queries.ts';
import type { PortalCtx } from './context.ts';
import { portalBaseUrl } from './links-service.ts';
import { companyBalance } from './queries.ts';
import { brandingCached } from './render.tsx';

export const PORTAL_STATUSES = ['open', 'overdue', 'paid', 'void', 'all'] as const;
export const PAGE_SIZE = 25;

export const PortalInvoicesQuery = z.object({
  status: z.enum(PORTAL_STATUSES).catch('all'),
  kind: z.enum(['invoice', 'credit_note', 'any']).catch('any'),
  q: z.string().trim().max(50).catch(''),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PortalInvoicesQuery = z.infer<typeof PortalInvoicesQuery>;

/** The PDF renderers' actor: only ever used after this file has checked the company. */
const trusted = (ctx: Ctx): Ctx => ({
  ...ctx,
  actor: { type: 'system', label: 'Customer portal' },
});

export async function onlineProviders(db: Ctx['db']) {
  const s = await readStoredSettings(db);
  return { stripe: s.stripe.enabled, paypal: s.paypal.enabled };
}

/**
 * One page of the company's invoices and credit notes (never drafts) with the matching count and
 * balance: the staff list's own page and summary queries (invoices_company: company_id, created_at,
 * id walks the page in order; invoices_open: company_id, status, due_date for open and overdue).
 */
export async function portalInvoices(p: PortalCtx, raw: unknown) {
  const query = PortalInvoicesQuery.parse(raw ?? {});
  const brand = await brandingCached(p.ctx.db);
  const today = await businessToday(p.ctx);
  const f: InvoiceFilter = {
    companyId: p.companyId,
    status: query.status === 'all' ? undefined : query.status,
    kind: query.kind === 'any' ? undefined : query.kind,
    q: query.q || undefined,
    today,
  };
  const o = {
    sort: 'created' as const,
    dir: 'desc' as const,
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
  };
  const notDraft = 'invoices.status' as const;
  const [ids, summary, balance] = await Promise.all([
    pageIdsQuery(p.ctx.db, f, o).where(notDraft, '!=', 'draft').execute(),
    summaryQuery(p.ctx.db, f).where(notDraft, '!=', 'draft').executeTakeFirstOrThrow(),
    companyBalance(p.ctx.db, p.companyId, today),
  ]);
  const rows = ids.length
    ? await p.ctx.db
        .selectFrom('invoices')
        .selectAll()
        .where(
          'id',
          'in',
          ids.map((r) => r.id),
        )
        .where('company_id', '=', p.companyId)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, toInvoice(r)]));
  return {
    query,
    today,
    currency: brand.currency,
    items: ids.map((r) => byId.get(r.id)).filter((i): i is Invoice => Boolean(i)),
    total: Number(summary.n),
    balance,
    providers: await onlineProviders(p.ctx.db),
  };
}

/** One invoice or credit note of the company with its lines, credit notes and what paid it. */
export async function portalInvoice(ctx: Ctx, companyId: string, id: string) {
  const invoice = await findCompanyInvoice(ctx.db, companyId, id);
  if (!invoice) throw new NotFoundError('There is nothing at this address.');
  const [lines, credits, allocations, settings, providers, today, original] = await Promise.all([
    linesOf(ctx.db, invoice.id),
    creditNotesFor(ctx.db, invoice),
    allocationsOnInvoice(ctx.db, companyId, invoice.id),
    readInvoiceSettings(ctx.db),
    onlineProviders(ctx.db),
    businessToday(ctx),
    invoice.creditForInvoiceId
      ? findCompanyInvoice(ctx.db, companyId, invoice.creditForInvoiceId)
      : Promise.resolve(null),
  ]);
  return {
    invoice: { ...invoice, lines },
    creditNotes: credits.filter((c) => c.status !== 'draft'),
    allocations,
    instructions: instructionsOf(settings),
    providers,
    today,
    original,
  };
}
export type PortalInvoiceView = Awaited<ReturnType<typeof portalInvoice>>;

export type PaymentInstructions = {
  payableTo: string | null;
  remitAddress: string | null;
  bankDetails: string | null;
};
export const instructionsOf = (s: InvoiceSettings): PaymentInstructions => ({
  payableTo: s.payableTo,
  remitAddress: s.remitAddress,
  bankDetails: s.bankDetails ?? null,
});

/** The staff PDF of the company's invoice; audited as the contact's download. */
export async function portalInvoicePdf(
  ctx: Ctx,
  companyId: string,
  id: string,
  via: 'portal' | 'pay link',
) {
  const invoice = await findCompanyInvoice(ctx.db, companyId, id);
  if (!invoice) throw new NotFoundError('There is nothing at this address.');
  const pdf = await invoicePdf(trusted(ctx), invoice.id);
  await audit(ctx.db, ctx, {
    action: 'portal.invoice_download',
    entityType: 'invoice',
    entityId: invoice.id,
    companyId,
    summary: { number: invoice.number, via },
  });
  return pdf;
}

/** Payments (newest first, paginated) with allocations, unapplied credit and the aging of the balance. */
export async function portalPayments(p: PortalCtx, rawPage: unknown) {
  const page = z.coerce.number().int().min(1).max(100_000).catch(1).parse(rawPage);
  const brand = await brandingCached(p.ctx.db);
  const [payments, aging, balance, settings] = await Promise.all([
    companyPaymentsPage(p.ctx.db, p.companyId, {
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }),
    companyAging(p.ctx, p.companyId),
    receivablesBalance(p.ctx.db, p.companyId),
    readInvoiceSettings(p.ctx.db),
  ]);
  return {
    page,
    currency: brand.currency,
    payments,
    aging,
    balance,
    instructions: instructionsOf(settings),
    providers: await onlineProviders(p.ctx.db),
    defaultRange: { from: addDaysToDate(aging.asOf, -90), to: aging.asOf },
  };
}

/** The staff statement PDF of the contact's own company for a date range; audited. */
export async function portalStatementPdf(p: PortalCtx, raw: unknown) {
  const range = parseInput(StatementQuery, raw);
  const pdf = await statementPdf(trusted(p.ctx), p.companyId, range);
  await audit(p.ctx.db, p.ctx, {
    action: 'portal.statement_download',
    entityType: 'company',
    entityId: p.companyId,
    companyId: p.companyId,
    summary: range,
  });
  return pdf;
}

export const PayInput = z.object({
  provider: z.enum(['stripe', 'paypal'], { message: 'Choose how to pay: card or PayPal' }),
  /** 'balance' (oldest first), or the chosen invoice ids. */
  scope: z.enum(['balance', 'invoices']).catch('invoices'),
  invoiceIds: z.preprocess(
    (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().max(64)).max(200),
  ),
});

/** Where the provider sends the customer back to: the portal's own processing page. */
export const portalReturn = (base: string, prefix: string) => ({
  successUrl: (id: string) => `${base}${prefix}/${id}`,
  cancelUrl: (id: string) => `${base}${prefix}/${id}?cancelled=1`,
  paypalReturnUrl: (id: string) => `${base}${prefix}/${id}/paypal-return`,
});

/** Starts a checkout for the whole open balance or the chosen invoices; returns the provider's page. */
export async function startPortalPayment(p: PortalCtx, raw: unknown) {
  const input = parseInput(PayInput, raw);
  if (input.scope === 'invoices' && input.invoiceIds.length === 0)
    throw new ValidationError([
      { path: 'invoiceIds', message: 'Choose at least one invoice to pay' },
    ]);
  const checkout = await createCheckout(
    p.ctx,
    input.scope === 'balance'
      ? { provider: input.provider, companyId: p.companyId }
      : { provider: input.provider, companyId: p.companyId, invoiceIds: input.invoiceIds },
    {
      ...portalReturn(portalBaseUrl(p.ctx), '/portal/payments/checkout'),
      receiptTo: p.contact.email,
    },
  );
  return checkout;
}

/** A checkout of the company (the processing page); another company's reads as not found. */
export async function companyCheckout(ctx: Ctx, companyId: string, id: string) {
  const c = await findCheckout(ctx.db, id);
  if (c?.companyId !== companyId) throw new NotFoundError('There is nothing at this address.');
  return c;
}

/** A checkout started from a pay link: of that link's invoice only. */
export async function payLinkCheckout(
  ctx: Ctx,
  link: { companyId: string; invoice: { id: string } },
  id: string,
) {
  const c = await companyCheckout(ctx, link.companyId, id);
  if (c.invoiceId !== link.invoice.id || c.invoiceIds?.length)
    throw new NotFoundError('There is nothing at this address.');
  return c;
}
