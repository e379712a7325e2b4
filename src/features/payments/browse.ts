// Reading payments: the HTML list (filters, sort, offset pages, totals row), the API's keyset pages,
// one payment with its allocations and refunds, and the deposit slip view. billing.read throughout.
import type { Ctx } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { assertCan } from '../../platform/permissions.ts';
import { parseInput } from '../../platform/validation.ts';
import { findCompany } from '../companies/queries.ts';
import { companyFilter } from '../invoices/list.ts';
import {
  allocationsForPayment,
  allocationsForPayments,
  depositBatches,
  findPaymentRow,
  listPayments,
  listPaymentsAfter,
  refundsOf,
  type AllocationRow,
  type Payment,
  type PaymentFilter,
} from './queries.ts';
import { ApiPaymentsQuery, DepositsQuery, ListPaymentsQuery } from './schemas.ts';

export async function browsePayments(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'billing.read');
  const query = parseInput(ListPaymentsQuery, raw);
  const { company, companyIds, matches } = await companyFilter(ctx.db, query);
  const filter: PaymentFilter = {
    companyId: company?.id,
    companyIds,
    method: query.method,
    status: query.status,
    batch: query.batch || undefined,
    q: query.q || undefined,
    from: query.from,
    to: query.to,
  };
  const page = await listPayments(ctx.db, filter, {
    sort: query.sort,
    dir: query.dir,
    limit: query.size,
    offset: (query.page - 1) * query.size,
  });
  return {
    query,
    company: company ? { id: company.id, name: company.name } : null,
    matches,
    ...page,
  };
}

/** A payment as the API shows it: its figures and every allocation (reversed ones flagged). */
export function apiPayment(p: Payment, allocations: AllocationRow[]) {
  return {
    id: p.id,
    companyId: p.companyId,
    amountCents: p.amountCents,
    method: p.method,
    reference: p.reference,
    receivedOn: p.receivedOn,
    memo: p.memo,
    depositBatch: p.depositBatch,
    status: p.status,
    appliedCents: p.appliedCents,
    unappliedCents: p.unappliedCents,
    refundedCents: p.refundedCents,
    feeCents: p.feeCents,
    provider: p.provider,
    providerRef: p.providerRef,
    createdByLabel: p.createdByLabel,
    createdAt: p.createdAt,
    voidedAt: p.voidedAt,
    voidedOn: p.voidedOn,
    voidReason: p.voidReason,
    allocations: allocations.map((a) => ({
      id: a.id,
      invoiceId: a.invoiceId,
      invoiceNumber: a.invoiceNumber,
      amountCents: a.amountCents,
      kind: a.kind,
      createdAt: a.createdAt,
      effectiveOn: a.effectiveOn,
      reversed: a.reversedAt !== null,
      reversedAt: a.reversedAt,
      reversedOn: a.reversedOn,
      reversedReason: a.reversedReason,
    })),
  };
}

export async function pagePayments(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'billing.read');
  const q = parseInput(ApiPaymentsQuery, raw);
  const page = await listPaymentsAfter(
    ctx.db,
    { companyId: q.companyId },
    { limit: q.limit, cursor: q.cursor },
  );
  const allocs = await allocationsForPayments(
    ctx.db,
    page.items.map((p) => p.id),
  );
  return {
    items: page.items.map((p) => apiPayment(p, allocs.get(p.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

export async function paymentDetail(ctx: Ctx, id: string) {
  assertCan(ctx.actor, 'billing.read');
  const payment = await findPaymentRow(ctx.db, id);
  if (!payment) throw new NotFoundError('No such payment.');
  const [allocations, refunds, company] = await Promise.all([
    allocationsForPayment(ctx.db, id),
    refundsOf(ctx.db, id),
    findCompany(ctx.db, payment.companyId),
  ]);
  return { payment, allocations, refunds, companyName: company?.name ?? '' };
}

export async function deposits(ctx: Ctx, raw: unknown) {
  assertCan(ctx.actor, 'billing.read');
  const query = parseInput(DepositsQuery, raw);
  return {
    query,
    batches: await depositBatches(ctx.db, {
      from: query.from,
      to: query.to,
      batch: query.batch || undefined,
    }),
  };
}
