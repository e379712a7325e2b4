// All SQL of receivables: a company's balance (two indexed aggregates), the aging report as of today
// (one aggregate over open invoices) or as of a past date (rebuilt from allocations and credit
// notes), a company's open invoices for the drill-down, and its unapplied credit as of a date.
//
// The as-of rule (docs/user-guide.md "Receivables as of a date") answers "what did customers owe on
// D", by the documents' own dates, whenever they were entered: an invoice counts when it was issued
// on or before D and not voided on or before D; its open amount is its total, less the allocations
// in effect on D (effective_on <= D: the later of the payment's received date and the invoice's
// issue date; and not reversed on or before D by the void's or refund's date), less the credit
// notes issued on or before D and not voided by then.
import { sql, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import type { AgingTotals } from '../payments/aging.ts';

const num = (v: unknown) => Number(v ?? 0);

export async function companyBalance(
  db: DbOrTrx,
  companyId: string,
): Promise<{ balanceCents: number; openInvoiceCents: number; unappliedCreditCents: number }> {
  const [open, credit] = await Promise.all([
    // invoices_company_balance (company_id, status, kind, balance_cents): the index alone
    db
      .selectFrom('invoices')
      .select((eb) => eb.fn.sum<number>('balance_cents').as('s'))
      .where('company_id', '=', companyId)
      .where('status', '=', 'issued')
      .where('kind', '=', 'invoice')
      .executeTakeFirst(),
    // payments_credit (company_id, status, unapplied_cents)
    db
      .selectFrom('payments')
      .select((eb) => eb.fn.sum<number>('unapplied_cents').as('s'))
      .where('company_id', '=', companyId)
      .where('status', '=', 'recorded')
      .executeTakeFirst(),
  ]);
  const openInvoiceCents = num(open?.s);
  const unappliedCreditCents = num(credit?.s);
  return {
    balanceCents: openInvoiceCents - unappliedCreditCents,
    openInvoiceCents,
    unappliedCreditCents,
  };
}

/** Due-date edges of the buckets on `asOf`: due on or after `current` is current, and so on. */
export function bucketEdges(asOf: string) {
  return {
    current: asOf,
    d30: addDaysToDate(asOf, -30),
    d60: addDaysToDate(asOf, -60),
    d90: addDaysToDate(asOf, -90),
  };
}

/** SUM(CASE ...) columns bucketing `amount` by `due` (both column references). */
function bucketSums(asOf: string, due: string, amount: string) {
  const e = bucketEdges(asOf);
  const d = sql.ref(due);
  const a = sql.ref(amount);
  return [
    sql<number>`sum(case when ${d} >= ${e.current} then ${a} else 0 end)`.as('c0'),
    sql<number>`sum(case when ${d} < ${e.current} and ${d} >= ${e.d30} then ${a} else 0 end)`.as(
      'c1',
    ),
    sql<number>`sum(case when ${d} < ${e.d30} and ${d} >= ${e.d60} then ${a} else 0 end)`.as('c2'),
    sql<number>`sum(case when ${d} < ${e.d60} and ${d} >= ${e.d90} then ${a} else 0 end)`.as('c3'),
    sql<number>`sum(case when ${d} < ${e.d90} then ${a} else 0 end)`.as('c4'),
  ] as const;
}

type BucketRow = { c0: unknown; c1: unknown; c2: unknown; c3: unknown; c4: unknown };
export const toAging = (r: BucketRow): AgingTotals => {
  const t = {
    currentCents: num(r.c0),
    days1To30Cents: num(r.c1),
    days31To60Cents: num(r.c2),
    days61To90Cents: num(r.c3),
    over90Cents: num(r.c4),
  };
  return {
    ...t,
    totalCents:
      t.currentCents + t.days1To30Cents + t.days31To60Cents + t.days61To90Cents + t.over90Cents,
  };
};

export type AgingRow = AgingTotals & { companyId: string; companyName: string };

/**
 * As of today (or later): the running balances of issued invoices, one aggregate query. Grouped by
 * company first and only then joined to the companies for their names, so the join is per company,
 * not per invoice.
 */
export async function agingFromBalances(
  db: DbOrTrx,
  asOf: string,
  companyId?: string,
): Promise<AgingRow[]> {
  let g = db
    .selectFrom('invoices')
    .select([
      'invoices.company_id',
      ...bucketSums(asOf, 'invoices.due_date', 'invoices.balance_cents'),
    ])
    .where('invoices.status', '=', 'issued')
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.balance_cents', '>', 0);
  if (companyId) g = g.where('invoices.company_id', '=', companyId);
  const rows = await db
    .selectFrom(g.groupBy('invoices.company_id').as('g'))
    .innerJoin('companies', 'companies.id', 'g.company_id')
    .select(['g.company_id', 'companies.name', 'g.c0', 'g.c1', 'g.c2', 'g.c3', 'g.c4'])
    .execute();
  return rows.map((r) => ({ companyId: r.company_id, companyName: r.name, ...toAging(r) }));
}

/** True when `col` (a date) is unset or after `asOf`: the thing it ends has not ended on `asOf`. */
const notEndedBy = (col: string, asOf: string) =>
  sql<SqlBool>`(${sql.ref(col)} is null or ${sql.ref(col)} > ${asOf})`;

/** Each invoice's open amount as of `asOf` (see the rule at the top), as a subquery. */
function openAsOf(db: DbOrTrx, asOf: string, companyId?: string) {
  // payment_allocations_effective (company_id, effective_on)
  let allocs = db
    .selectFrom('payment_allocations as a')
    .select((eb) => ['a.invoice_id', eb.fn.sum<number>('a.amount_cents').as('paid')])
    .where('a.effective_on', '<=', asOf)
    .where(notEndedBy('a.reversed_on', asOf));
  let credits = db
    .selectFrom('invoices as c')
    .select((eb) => ['c.credit_for_invoice_id', eb.fn.sum<number>('c.total_cents').as('credited')])
    .where('c.credit_for_invoice_id', 'is not', null)
    .where('c.kind', '=', 'credit_note')
    .where('c.status', 'in', ['issued', 'void'])
    .where('c.issue_date', '<=', asOf)
    .where(notEndedBy('c.voided_on', asOf));
  let q = db.selectFrom('invoices as i');
  if (companyId) {
    allocs = allocs.where('a.company_id', '=', companyId);
    credits = credits.where('c.company_id', '=', companyId);
    q = q.where('i.company_id', '=', companyId);
  }
  return q
    .leftJoin(allocs.groupBy('a.invoice_id').as('pa'), 'pa.invoice_id', 'i.id')
    .leftJoin(
      credits.groupBy('c.credit_for_invoice_id').as('cn'),
      'cn.credit_for_invoice_id',
      'i.id',
    )
    .select((eb) => [
      'i.id',
      'i.company_id',
      'i.number',
      'i.issue_date',
      'i.due_date',
      'i.total_cents',
      'i.currency',
      sql<number>`${eb.ref('i.total_cents')} - coalesce(${eb.ref('pa.paid')}, 0) - coalesce(${eb.ref('cn.credited')}, 0)`.as(
        'open_cents',
      ),
    ])
    .where('i.kind', '=', 'invoice')
    .where('i.status', 'in', ['issued', 'void'])
    .where('i.issue_date', '<=', asOf)
    .where(notEndedBy('i.voided_on', asOf));
}

/** As of a past date: rebuilt from the history of allocations, credit notes and voids. */
export async function agingFromHistory(
  db: DbOrTrx,
  asOf: string,
  companyId?: string,
): Promise<AgingRow[]> {
  const g = db
    .selectFrom(openAsOf(db, asOf, companyId).as('o'))
    .select(['o.company_id', ...bucketSums(asOf, 'o.due_date', 'o.open_cents')])
    .where('o.open_cents', '>', 0)
    .groupBy('o.company_id');
  const rows = await db
    .selectFrom(g.as('g'))
    .innerJoin('companies', 'companies.id', 'g.company_id')
    .select(['g.company_id', 'companies.name', 'g.c0', 'g.c1', 'g.c2', 'g.c3', 'g.c4'])
    .execute();
  return rows.map((r) => ({ companyId: r.company_id, companyName: r.name, ...toAging(r) }));
}

export type OpenInvoice = {
  id: string;
  number: string | null;
  issueDate: string | null;
  dueDate: string | null;
  totalCents: number;
  openCents: number;
  currency: string;
};

/** A company's open invoices on `asOf` (oldest due first): the running balances, or the history for a past date. */
export async function openInvoicesOf(
  db: DbOrTrx,
  companyId: string,
  asOf: string,
  history: boolean,
): Promise<OpenInvoice[]> {
  if (!history) {
    const rows = await db
      .selectFrom('invoices')
      .select([
        'id',
        'number',
        'issue_date',
        'due_date',
        'total_cents',
        'balance_cents',
        'currency',
      ])
      .where('company_id', '=', companyId)
      .where('status', '=', 'issued')
      .where('kind', '=', 'invoice')
      .where('balance_cents', '>', 0)
      .orderBy('due_date')
      .orderBy('number')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      totalCents: num(r.total_cents),
      openCents: num(r.balance_cents),
      currency: r.currency,
    }));
  }
  const rows = await db
    .selectFrom(openAsOf(db, asOf, companyId).as('o'))
    .selectAll()
    .where('o.open_cents', '>', 0)
    .orderBy('o.due_date')
    .orderBy('o.number')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    totalCents: num(r.total_cents),
    openCents: num(r.open_cents),
    currency: r.currency,
  }));
}

/**
 * A company's unapplied credit on `asOf`: payments received on or before it and not voided by then,
 * less their refunds and their allocations in effect on it; plus what its invoices were over-paid
 * on that date (a payment entered later, dated before a bounced check's return, pays an invoice the
 * check still pays on those days): that money is the customer's credit, not a negative invoice.
 */
export async function unappliedCreditAsOf(
  db: DbOrTrx,
  companyId: string,
  asOf: string,
): Promise<number> {
  const counted = db
    .selectFrom('payments as p')
    .select('p.id')
    .where('p.company_id', '=', companyId)
    .where('p.received_on', '<=', asOf)
    .where(notEndedBy('p.voided_on', asOf));
  const [amount, refunded, applied, overpaid] = await Promise.all([
    db
      .selectFrom('payments')
      .select((eb) => eb.fn.sum<number>('amount_cents').as('s'))
      .where('id', 'in', counted)
      .executeTakeFirst(),
    db
      .selectFrom('refunds')
      .select((eb) => eb.fn.sum<number>('amount_cents').as('s'))
      .where('payment_id', 'in', counted)
      .where('refunded_on', '<=', asOf)
      .executeTakeFirst(),
    db
      .selectFrom('payment_allocations')
      .select((eb) => eb.fn.sum<number>('amount_cents').as('s'))
      .where('company_id', '=', companyId)
      .where('payment_id', 'in', counted)
      .where('effective_on', '<=', asOf)
      .where(notEndedBy('reversed_on', asOf))
      .executeTakeFirst(),
    db
      .selectFrom(openAsOf(db, asOf, companyId).as('o'))
      .select(sql<number>`sum(0 - o.open_cents)`.as('s'))
      .where('o.open_cents', '<', 0)
      .executeTakeFirst(),
  ]);
  return num(amount?.s) - num(refunded?.s) - num(applied?.s) + num(overpaid?.s);
}
