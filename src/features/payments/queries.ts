// Every SQL statement about payments, their allocations and refunds. Rows stay here; callers get
// Payment / AllocationRow objects. The write helpers take the caller's transaction; the conditional
// invoice updates are the guard against over-paying an invoice whatever the callers do.
import { PostgresAdapter, sql } from 'kysely';
import type { DbOrTrx, PaymentsTable } from '../../db/database.ts';
import { canLock } from '../../db/locking.ts';
import { columnContains } from '../search/contains.ts';
import type { OpenInvoice } from './allocation.ts';
import type { PaymentMethod } from './schemas.ts';

export type PaymentStatus = 'recorded' | 'void';
export type Payment = {
  id: string;
  companyId: string;
  method: PaymentMethod;
  reference: string | null;
  receivedOn: string;
  amountCents: number;
  feeCents: number;
  memo: string | null;
  depositBatch: string | null;
  status: PaymentStatus;
  appliedCents: number;
  unappliedCents: number;
  refundedCents: number;
  provider: 'stripe' | 'paypal' | null;
  providerRef: string | null;
  createdByLabel: string;
  createdAt: string;
  updatedAt: string;
  voidedAt: string | null;
  /** the date the void takes effect */
  voidedOn: string | null;
  voidReason: string | null;
};
export type PaymentRow = Payment & { companyName: string };

const n = (v: unknown) => Number(v ?? 0);

export const toPayment = (r: PaymentsTable): Payment => ({
  id: r.id,
  companyId: r.company_id,
  method: r.method as PaymentMethod,
  reference: r.reference,
  receivedOn: r.received_on,
  amountCents: n(r.amount_cents),
  feeCents: n(r.fee_cents),
  memo: r.memo,
  depositBatch: r.deposit_batch,
  status: r.status as PaymentStatus,
  appliedCents: n(r.applied_cents),
  unappliedCents: n(r.unapplied_cents),
  refundedCents: n(r.refunded_cents),
  provider: r.provider as Payment['provider'],
  providerRef: r.provider_ref,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  voidedAt: r.voided_at,
  voidedOn: r.voided_on,
  voidReason: r.void_reason,
});

/** Row locks exist on PostgreSQL and MySQL; SQLite serialises writers on its own. */

/**
 * Locks the company row for the rest of the transaction (PG/MySQL), so two payments or credit
 * applications for one company take turns. Returns false when there is no such company.
 */
export async function lockCompany(db: DbOrTrx, companyId: string): Promise<boolean> {
  let q = db.selectFrom('companies').select('id').where('id', '=', companyId);
  // PostgreSQL: NO KEY UPDATE still makes payments take turns but does not wait on (or deadlock
  // with) the key-share locks that inserting an invoice or payment for the company takes.
  if (db.getExecutor().adapter instanceof PostgresAdapter) q = q.forNoKeyUpdate();
  else if (canLock(db)) q = q.forUpdate();
  return Boolean(await q.executeTakeFirst());
}

/** The company's open invoices (issued, kind invoice, something owed), read for update. */
export async function openInvoices(
  db: DbOrTrx,
  companyId: string,
): Promise<(OpenInvoice & { issueDate: string | null })[]> {
  let q = db
    .selectFrom('invoices')
    .select(['id', 'number', 'issue_date', 'due_date', 'balance_cents'])
    .where('company_id', '=', companyId)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .orderBy('due_date')
    .orderBy('number')
    .orderBy('id');
  if (canLock(db)) q = q.forUpdate();
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    balanceCents: n(r.balance_cents),
  }));
}

export type OpenInvoiceView = OpenInvoice & {
  issueDate: string | null;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
};
/** The same for the record form (no lock), with the figures the form shows. */
export async function openInvoicesForForm(
  db: DbOrTrx,
  companyId: string,
): Promise<OpenInvoiceView[]> {
  const rows = await db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'due_date',
      'issue_date',
      'total_cents',
      'paid_cents',
      'credited_cents',
      'balance_cents',
    ])
    .where('company_id', '=', companyId)
    .where('status', '=', 'issued')
    .where('kind', '=', 'invoice')
    .where('balance_cents', '>', 0)
    .orderBy('due_date')
    .orderBy('number')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    dueDate: r.due_date,
    issueDate: r.issue_date,
    totalCents: n(r.total_cents),
    paidCents: n(r.paid_cents),
    creditedCents: n(r.credited_cents),
    balanceCents: n(r.balance_cents),
  }));
}

export async function insertPaymentRow(db: DbOrTrx, row: PaymentsTable) {
  await db.insertInto('payments').values(row).execute();
}

export type NewAllocation = {
  id: string;
  paymentId: string;
  invoiceId: string;
  companyId: string;
  amountCents: number;
  kind: 'payment' | 'credit' | 'manual';
  createdAt: string;
  /** the date it counts from in receivables as of a date (see receivables/queries.ts) */
  effectiveOn: string;
};
export async function insertAllocationRows(db: DbOrTrx, rows: NewAllocation[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('payment_allocations')
      .values(
        rows.slice(i, i + 200).map((a) => ({
          id: a.id,
          payment_id: a.paymentId,
          invoice_id: a.invoiceId,
          company_id: a.companyId,
          amount_cents: a.amountCents,
          kind: a.kind,
          created_at: a.createdAt,
          effective_on: a.effectiveOn,
          reversed_at: null,
          reversed_on: null,
          reversed_reason: null,
        })),
      )
      .execute();
  }
}

/** Applies money to an invoice only if it is still issued and owes at least that much; true when it did. */
export async function applyToInvoice(
  db: DbOrTrx,
  invoiceId: string,
  amountCents: number,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('invoices')
    .set((eb) => ({
      paid_cents: eb('paid_cents', '+', amountCents),
      balance_cents: eb('balance_cents', '-', amountCents),
      updated_at: now,
    }))
    .where('id', '=', invoiceId)
    .where('status', '=', 'issued')
    .where('balance_cents', '>=', amountCents)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives an invoice back money taken by a reversed allocation. */
export async function unapplyFromInvoice(
  db: DbOrTrx,
  invoiceId: string,
  amountCents: number,
  now: string,
) {
  await db
    .updateTable('invoices')
    .set((eb) => ({
      paid_cents: eb('paid_cents', '-', amountCents),
      balance_cents: eb('balance_cents', '+', amountCents),
      updated_at: now,
    }))
    .where('id', '=', invoiceId)
    .where('paid_cents', '>=', amountCents)
    .execute();
}

export async function findPaymentRow(
  db: DbOrTrx,
  id: string,
  lock = false,
): Promise<Payment | null> {
  let q = db.selectFrom('payments').selectAll().where('id', '=', id);
  if (lock && canLock(db)) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r ? toPayment(r) : null;
}

/** The company's recorded payments that still hold unapplied credit, oldest first, locked. */
export async function paymentsWithCredit(db: DbOrTrx, companyId: string): Promise<Payment[]> {
  let q = db
    .selectFrom('payments')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('status', '=', 'recorded')
    .where('unapplied_cents', '>', 0)
    .orderBy('received_on')
    .orderBy('id');
  if (canLock(db)) q = q.forUpdate();
  return (await q.execute()).map(toPayment);
}

export async function unappliedCreditOf(db: DbOrTrx, companyId: string): Promise<number> {
  const r = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.sum<number>('unapplied_cents').as('u'))
    .where('company_id', '=', companyId)
    .where('status', '=', 'recorded')
    .where('unapplied_cents', '>', 0)
    .executeTakeFirst();
  return n(r?.u);
}

/** Live (not reversed) allocations of a payment, newest first (refunds take from the newest). */
export async function liveAllocations(db: DbOrTrx, paymentId: string) {
  const rows = await db
    .selectFrom('payment_allocations')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where('reversed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    invoiceId: r.invoice_id,
    companyId: r.company_id,
    amountCents: n(r.amount_cents),
    kind: r.kind as NewAllocation['kind'],
    createdAt: r.created_at,
    effectiveOn: r.effective_on,
  }));
}

/** Marks allocations reversed at `now`, taking effect on date `on` (the void's or refund's date). */
export async function markAllocationsReversed(
  db: DbOrTrx,
  ids: string[],
  at: { now: string; on: string },
  reason: string,
) {
  for (let i = 0; i < ids.length; i += 200) {
    await db
      .updateTable('payment_allocations')
      .set({ reversed_at: at.now, reversed_on: at.on, reversed_reason: reason })
      .where('id', 'in', ids.slice(i, i + 200))
      .where('reversed_at', 'is', null)
      .execute();
  }
}

export async function updatePaymentFigures(
  db: DbOrTrx,
  id: string,
  d: { applied?: number; unapplied?: number; refunded?: number },
  now: string,
) {
  await db
    .updateTable('payments')
    .set((eb) => ({
      applied_cents: eb('applied_cents', '+', d.applied ?? 0),
      unapplied_cents: eb('unapplied_cents', '+', d.unapplied ?? 0),
      refunded_cents: eb('refunded_cents', '+', d.refunded ?? 0),
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertRefundRow(
  db: DbOrTrx,
  r: {
    id: string;
    paymentId: string;
    amountCents: number;
    providerRef: string | null;
    reason: string | null;
    refundedOn: string;
    createdAt: string;
  },
) {
  await db
    .insertInto('refunds')
    .values({
      id: r.id,
      payment_id: r.paymentId,
      amount_cents: r.amountCents,
      provider_ref: r.providerRef,
      reason: r.reason,
      refunded_on: r.refundedOn,
      created_at: r.createdAt,
    })
    .execute();
}

/** The date of the payment's latest refund (a new refund cannot take effect before it). */
export async function lastRefundOn(db: DbOrTrx, paymentId: string): Promise<string | null> {
  const r = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.max('refunded_on').as('on'))
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();
  return (r?.on as string | null | undefined) ?? null;
}

// ---- reading allocations for display

export type AllocationRow = {
  id: string;
  paymentId: string;
  invoiceId: string;
  amountCents: number;
  kind: 'payment' | 'credit' | 'manual';
  createdAt: string;
  effectiveOn: string;
  reversedAt: string | null;
  reversedOn: string | null;
  reversedReason: string | null;
  invoiceNumber: string | null;
  invoiceDueDate: string | null;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  paymentReceivedOn: string;
  paymentStatus: PaymentStatus;
};

function allocationsJoined(db: DbOrTrx) {
  return db
    .selectFrom('payment_allocations as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
    .select([
      'a.id',
      'a.payment_id',
      'a.invoice_id',
      'a.amount_cents',
      'a.kind',
      'a.created_at',
      'a.effective_on',
      'a.reversed_at',
      'a.reversed_on',
      'a.reversed_reason',
      'i.number',
      'i.due_date',
      'p.method',
      'p.reference',
      'p.received_on',
      'p.status',
    ]);
}
type JoinedRow = Awaited<ReturnType<ReturnType<typeof allocationsJoined>['execute']>>[number];
const toAllocation = (r: JoinedRow): AllocationRow => ({
  id: r.id,
  paymentId: r.payment_id,
  invoiceId: r.invoice_id,
  amountCents: n(r.amount_cents),
  kind: r.kind as AllocationRow['kind'],
  createdAt: r.created_at,
  effectiveOn: r.effective_on,
  reversedAt: r.reversed_at,
  reversedOn: r.reversed_on,
  reversedReason: r.reversed_reason,
  invoiceNumber: r.number,
  invoiceDueDate: r.due_date,
  paymentMethod: r.method as PaymentMethod,
  paymentReference: r.reference,
  paymentReceivedOn: r.received_on,
  paymentStatus: r.status as PaymentStatus,
});

/** Every allocation ever made to an invoice (reversed ones too), oldest first. */
export async function allocationsForInvoice(
  db: DbOrTrx,
  invoiceId: string,
): Promise<AllocationRow[]> {
  return (
    await allocationsJoined(db)
      .where('a.invoice_id', '=', invoiceId)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute()
  ).map(toAllocation);
}

/** Every allocation ever made from a payment (reversed ones too), oldest first. */
export async function allocationsForPayment(
  db: DbOrTrx,
  paymentId: string,
): Promise<AllocationRow[]> {
  return (
    await allocationsJoined(db)
      .where('a.payment_id', '=', paymentId)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute()
  ).map(toAllocation);
}

export async function allocationsForPayments(
  db: DbOrTrx,
  paymentIds: string[],
): Promise<Map<string, AllocationRow[]>> {
  const out = new Map<string, AllocationRow[]>(paymentIds.map((id) => [id, []]));
  for (let i = 0; i < paymentIds.length; i += 500) {
    const rows = await allocationsJoined(db)
      .where('a.payment_id', 'in', paymentIds.slice(i, i + 500))
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    for (const r of rows) out.get(r.payment_id)!.push(toAllocation(r));
  }
  return out;
}

export async function refundsOf(db: DbOrTrx, paymentId: string) {
  const rows = await db
    .selectFrom('refunds')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amountCents: n(r.amount_cents),
    providerRef: r.provider_ref,
    reason: r.reason,
    refundedOn: r.refunded_on,
    createdAt: r.created_at,
  }));
}

// ---- lists

export type PaymentFilter = {
  companyId?: string;
  companyIds?: string[];
  method?: string;
  status?: 'recorded' | 'void' | 'unapplied';
  batch?: string;
  q?: string;
  from?: string;
  to?: string;
};
/** The sums are null for the unfiltered list (see listPayments). */
export type PaymentSummary = {
  count: number;
  amountCents: number | null;
  appliedCents: number | null;
  unappliedCents: number | null;
};

function filtered(db: DbOrTrx, f: PaymentFilter) {
  let q = db.selectFrom('payments');
  if (f.companyId) q = q.where('payments.company_id', '=', f.companyId);
  else if (f.companyIds)
    q = q.where('payments.company_id', 'in', f.companyIds.length ? f.companyIds : ['-']);
  if (f.method) q = q.where('payments.method', '=', f.method);
  if (f.status === 'unapplied')
    q = q.where('payments.status', '=', 'recorded').where('payments.unapplied_cents', '>', 0);
  else if (f.status) q = q.where('payments.status', '=', f.status);
  if (f.batch) q = q.where('payments.deposit_batch', '=', f.batch);
  if (f.q) q = q.where(columnContains(db, sql`lower(payments.reference)`, f.q));
  if (f.from) q = q.where('payments.received_on', '>=', f.from);
  if (f.to) q = q.where('payments.received_on', '<=', f.to);
  return q;
}

const SORT_COLUMN = {
  receivedOn: 'payments.received_on',
  amount: 'payments.amount_cents',
  company: 'companies.name_sort',
  created: 'payments.created_at',
} as const;

/** One page (offset) and the totals of everything that matches (void payments count nothing). */
export async function listPayments(
  db: DbOrTrx,
  f: PaymentFilter,
  o: { sort: keyof typeof SORT_COLUMN; dir: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: PaymentRow[]; summary: PaymentSummary }> {
  // Summing every payment ever received on each visit would make the page's cost grow with the
  // business: the unfiltered list counts only; sums appear once a filter narrows the set.
  const broad =
    !f.companyId && !f.companyIds && !f.method && !f.status && !f.batch && !f.q && !f.from && !f.to;
  const live = (col: string) =>
    broad
      ? sql<number>`null`
      : sql<number>`sum(case when payments.status = 'void' then 0 else ${sql.ref(col)} end)`;
  // Two steps unless sorting by company name: the page's ids in order from payments alone, then
  // those rows with their company names. Joining first made MariaDB read every payment, join it
  // and sort them all to keep 50 (4 pages a second at 120,000 payments).
  const page =
    o.sort === 'company'
      ? filtered(db, f)
          .innerJoin('companies', 'companies.id', 'payments.company_id')
          .select('payments.id')
          .orderBy(SORT_COLUMN.company, o.dir)
      : filtered(db, f).select('payments.id').orderBy(SORT_COLUMN[o.sort], o.dir);
  const [ids, agg] = await Promise.all([
    page
      .orderBy('payments.id', o.dir)
      .limit(o.limit)
      .offset(o.offset)
      .execute()
      .then((r) => r.map((x) => x.id)),
    filtered(db, f)
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        live('payments.amount_cents').as('amount'),
        live('payments.applied_cents').as('applied'),
        live('payments.unapplied_cents').as('unapplied'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const rows = ids.length
    ? await db
        .selectFrom('payments')
        .innerJoin('companies', 'companies.id', 'payments.company_id')
        .selectAll('payments')
        .select('companies.name as company_name')
        .where('payments.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    items: ids
      .map((id) => byId.get(id)!)
      .map((r) => ({ ...toPayment(r), companyName: r.company_name })),
    summary: {
      count: n(agg.n),
      amountCents: broad ? null : n(agg.amount),
      appliedCents: broad ? null : n(agg.applied),
      unappliedCents: broad ? null : n(agg.unapplied),
    },
  };
}

/** Keyset pages for the API, newest first. */
export async function listPaymentsAfter(
  db: DbOrTrx,
  f: PaymentFilter,
  o: { limit: number; cursor?: string },
): Promise<{ items: Payment[]; nextCursor: string | null }> {
  let q = filtered(db, f)
    .selectAll('payments')
    .orderBy('payments.id', 'desc')
    .limit(o.limit + 1);
  if (o.cursor) q = q.where('payments.id', '<', o.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, o.limit).map(toPayment);
  return { items: page, nextCursor: rows.length > o.limit ? page[page.length - 1].id : null };
}

// ---- deposits: checks and cash by batch

export type DepositItem = {
  id: string;
  companyName: string;
  method: PaymentMethod;
  reference: string | null;
  receivedOn: string;
  amountCents: number;
};
export type DepositBatch = {
  batch: string | null;
  count: number;
  totalCents: number;
  items: DepositItem[];
};

export async function depositBatches(
  db: DbOrTrx,
  f: { from?: string; to?: string; batch?: string },
): Promise<DepositBatch[]> {
  let q = db
    .selectFrom('payments')
    .innerJoin('companies', 'companies.id', 'payments.company_id')
    .select([
      'payments.id',
      'payments.method',
      'payments.reference',
      'payments.received_on',
      'payments.amount_cents',
      'payments.deposit_batch',
      'companies.name',
    ])
    .where('payments.status', '=', 'recorded')
    .where('payments.method', 'in', ['check', 'cash']);
  if (f.from) q = q.where('payments.received_on', '>=', f.from);
  if (f.to) q = q.where('payments.received_on', '<=', f.to);
  if (f.batch) q = q.where('payments.deposit_batch', '=', f.batch);
  const rows = await q
    .orderBy('payments.deposit_batch')
    .orderBy('payments.received_on')
    .orderBy('payments.id')
    .limit(5000)
    .execute();
  const batches = new Map<string, DepositBatch>();
  for (const r of rows) {
    const key = r.deposit_batch ?? '';
    let b = batches.get(key);
    if (!b) {
      b = { batch: r.deposit_batch, count: 0, totalCents: 0, items: [] };
      batches.set(key, b);
    }
    b.count += 1;
    b.totalCents += n(r.amount_cents);
    b.items.push({
      id: r.id,
      companyName: r.name,
      method: r.method as PaymentMethod,
      reference: r.reference,
      receivedOn: r.received_on,
      amountCents: n(r.amount_cents),
    });
  }
  // Checks not yet in a batch first (the next deposit), then batches newest first (names are usually dates).
  return [...batches.values()].sort((a, b) =>
    a.batch === null ? -1 : b.batch === null ? 1 : b.batch.localeCompare(a.batch),
  );
}

// ---- export

export async function exportPage(
  db: DbOrTrx,
  f: { from: string; to: string },
  after: { receivedOn: string; id: string } | null,
  limit: number,
): Promise<PaymentRow[]> {
  let q = db
    .selectFrom('payments')
    .innerJoin('companies', 'companies.id', 'payments.company_id')
    .selectAll('payments')
    .select('companies.name as company_name')
    .where('payments.received_on', '>=', f.from)
    .where('payments.received_on', '<=', f.to);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('payments.received_on', '>', after.receivedOn),
        eb.and([
          eb('payments.received_on', '=', after.receivedOn),
          eb('payments.id', '>', after.id),
        ]),
      ]),
    );
  const rows = await q
    .orderBy('payments.received_on')
    .orderBy('payments.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toPayment(r), companyName: r.company_name }));
}

export async function companyName(db: DbOrTrx, id: string): Promise<string | null> {
  return (
    (await db.selectFrom('companies').select('name').where('id', '=', id).executeTakeFirst())
      ?.name ?? null
  );
}

/** Companies that owe something, the longest-waiting first: quick picks on the record form. */
export async function companiesOwing(
  db: DbOrTrx,
  limit = 15,
): Promise<
  { id: string; name: string; openCents: number; count: number; oldestDue: string | null }[]
> {
  const rows = await db
    .selectFrom('invoices')
    .innerJoin('companies', 'companies.id', 'invoices.company_id')
    .select((eb) => [
      'companies.id',
      'companies.name',
      eb.fn.sum<number>('invoices.balance_cents').as('open'),
      eb.fn.countAll<number>().as('n'),
      eb.fn.min('invoices.due_date').as('oldest'),
    ])
    .where('invoices.status', '=', 'issued')
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.balance_cents', '>', 0)
    .groupBy(['companies.id', 'companies.name'])
    .orderBy('oldest')
    .orderBy('companies.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    openCents: n(r.open),
    count: n(r.n),
    oldestDue: (r.oldest as string | null) ?? null,
  }));
}
