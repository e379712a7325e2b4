// The portal's billing SQL that the staff features do not already have: one company's invoice by
// id, its payments page with what each paid, the allocations on one invoice, and the pay-link rows.
// Every function that reads customer data takes the company id and filters by it (context.ts).
// Indexes: invoices by primary key plus company_id in the WHERE; payments_company (company_id,
// received_on, id) for the payments page and its count; payment_allocations_payment (payment_id)
// and payment_allocations_invoice (invoice_id) for the allocations; invoice_pay_links_invoice.
import type { DbOrTrx } from '../../db/database.ts';
import { toInvoice, type Invoice } from '../invoices/queries.ts';

/** The company's issued or void invoice or credit note; drafts and other companies' are not found. */
export async function findCompanyInvoice(
  db: DbOrTrx,
  companyId: string,
  id: string,
): Promise<Invoice | null> {
  const r = await db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', id)
    .where('company_id', '=', companyId)
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  return r ? toInvoice(r) : null;
}

export type PortalAllocation = {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  amountCents: number;
  kind: string;
  date: string;
  method: string;
  reference: string | null;
};

/** The live payments and credits applied to one invoice of the company, oldest first. */
export async function allocationsOnInvoice(
  db: DbOrTrx,
  companyId: string,
  invoiceId: string,
): Promise<PortalAllocation[]> {
  const rows = await db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select([
      'a.payment_id',
      'a.invoice_id',
      'a.amount_cents',
      'a.kind',
      'a.effective_on',
      'p.method',
      'p.reference',
    ])
    .where('a.invoice_id', '=', invoiceId)
    .where('a.company_id', '=', companyId)
    .where('a.reversed_at', 'is', null)
    .orderBy('a.effective_on')
    .orderBy('a.created_at')
    .execute();
  return rows.map((r) => ({
    paymentId: r.payment_id,
    invoiceId: r.invoice_id,
    invoiceNumber: null,
    amountCents: Number(r.amount_cents),
    kind: r.kind,
    date: r.effective_on,
    method: r.method,
    reference: r.reference,
  }));
}

export type PortalPayment = {
  id: string;
  receivedOn: string;
  method: string;
  reference: string | null;
  amountCents: number;
  appliedCents: number;
  unappliedCents: number;
  refundedCents: number;
  status: string;
  allocations: { invoiceId: string; invoiceNumber: string | null; amountCents: number }[];
};

/** One page of the company's payments, newest first, each with the invoices it paid (two queries). */
export async function companyPaymentsPage(
  db: DbOrTrx,
  companyId: string,
  o: { limit: number; offset: number },
): Promise<{ items: PortalPayment[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('payments')
      .select([
        'id',
        'received_on',
        'method',
        'reference',
        'amount_cents',
        'applied_cents',
        'unapplied_cents',
        'refunded_cents',
        'status',
      ])
      .where('company_id', '=', companyId)
      .orderBy('received_on', 'desc')
      .orderBy('id', 'desc')
      .limit(o.limit)
      .offset(o.offset)
      .execute(),
    db
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('company_id', '=', companyId)
      .executeTakeFirst(),
  ]);
  const ids = rows.map((r) => r.id);
  const allocs = ids.length
    ? await db
        .selectFrom('payment_allocations as a')
        .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
        .select(['a.payment_id', 'a.invoice_id', 'i.number', 'a.amount_cents'])
        .where('a.payment_id', 'in', ids)
        .where('a.company_id', '=', companyId)
        .where('a.reversed_at', 'is', null)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .execute()
    : [];
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      receivedOn: r.received_on,
      method: r.method,
      reference: r.reference,
      amountCents: Number(r.amount_cents),
      appliedCents: Number(r.applied_cents),
      unappliedCents: Number(r.unapplied_cents),
      refundedCents: Number(r.refunded_cents),
      status: r.status,
      allocations: allocs
        .filter((a) => a.payment_id === r.id)
        .map((a) => ({
          invoiceId: a.invoice_id,
          invoiceNumber: a.number,
          amountCents: Number(a.amount_cents),
        })),
    })),
  };
}

/** When an invoice was last paid (its newest live allocation), for a pay link's expiry. */
export async function lastPaidAt(db: DbOrTrx, invoiceId: string): Promise<string | null> {
  const r = await db
    .selectFrom('payment_allocations')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('invoice_id', '=', invoiceId)
    .where('reversed_at', 'is', null)
    .executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

// ---- pay links

export async function insertPayLink(
  db: DbOrTrx,
  row: { hash: string; invoiceId: string; companyId: string; now: string },
) {
  await db
    .insertInto('invoice_pay_links')
    .values({
      id: row.hash,
      invoice_id: row.invoiceId,
      company_id: row.companyId,
      created_at: row.now,
      last_used_at: null,
      revoked_at: null,
      revoked_by_label: null,
    })
    .execute();
}

export const findPayLink = (db: DbOrTrx, hash: string) =>
  db.selectFrom('invoice_pay_links').selectAll().where('id', '=', hash).executeTakeFirst();

export async function touchPayLink(db: DbOrTrx, hash: string, now: string) {
  await db
    .updateTable('invoice_pay_links')
    .set({ last_used_at: now })
    .where('id', '=', hash)
    .execute();
}

/** Revokes every live link of the invoice; returns how many. */
export async function revokePayLinks(
  db: DbOrTrx,
  invoiceId: string,
  by: string,
  now: string,
): Promise<number> {
  const r = await db
    .updateTable('invoice_pay_links')
    .set({ revoked_at: now, revoked_by_label: by })
    .where('invoice_id', '=', invoiceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function livePayLinkCount(db: DbOrTrx, invoiceId: string): Promise<number> {
  const r = await db
    .selectFrom('invoice_pay_links')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('invoice_id', '=', invoiceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function recordPayLinkFailure(
  db: DbOrTrx,
  row: { id: string; ip: string; at: string },
) {
  await db.insertInto('pay_link_failures').values(row).execute();
}

export async function payLinkFailuresSince(db: DbOrTrx, ip: string, since: string) {
  const r = await db
    .selectFrom('pay_link_failures')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
