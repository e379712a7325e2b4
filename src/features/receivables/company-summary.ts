// Receivables for the company pages, as of today, by the rule of agingFromBalances and
// companyBalance (queries.ts): an issued invoice counts by its running balance when that is above
// zero, it is past due when its due date is before today (the aging's "current" edge), and a
// company's balance is its open invoice amounts less its payments' unapplied credit.
//
// - openByCompany / creditByCompany: the per-company sums as subqueries, over the open invoices
//   (invoices_receivable, covering) and the payments with credit left (payments_unapplied) only, so
//   sorting the whole company list by balance reads ~17,000 index entries at 100,000 invoices, not
//   every invoice of the business.
// - moneyOfCompanies: the same figures for one page of companies (invoices_open, payments_credit).
// - overdueInvoicesOf: a company's oldest overdue invoices and how many there are (invoices_open).
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { daysLate } from '../payments/aging.ts';
import { bucketEdges } from './queries.ts';

const num = (v: unknown) => Number(v ?? 0);

/** Per company: open_cents (open invoice amounts) and past_due_cents (of those, due before `asOf`). */
export function openByCompany(db: DbOrTrx, asOf: string, companyIds?: readonly string[]) {
  const late = bucketEdges(asOf).current;
  let q = db
    .selectFrom('invoices')
    .select((eb) => [
      'invoices.company_id',
      eb.fn.sum<number>('invoices.balance_cents').as('open_cents'),
      sql<number>`sum(case when invoices.due_date < ${late} then invoices.balance_cents else 0 end)`.as(
        'past_due_cents',
      ),
    ])
    .where('invoices.status', '=', 'issued')
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.balance_cents', '>', 0);
  if (companyIds) q = q.where('invoices.company_id', 'in', companyIds.length ? companyIds : ['-']);
  return q.groupBy('invoices.company_id');
}

/** Per company: credit_cents, the unapplied credit of its recorded payments. */
export function creditByCompany(db: DbOrTrx, companyIds?: readonly string[]) {
  let q = db
    .selectFrom('payments')
    .select((eb) => [
      'payments.company_id',
      eb.fn.sum<number>('payments.unapplied_cents').as('credit_cents'),
    ])
    .where('payments.status', '=', 'recorded')
    .where('payments.unapplied_cents', '>', 0);
  if (companyIds) q = q.where('payments.company_id', 'in', companyIds.length ? companyIds : ['-']);
  return q.groupBy('payments.company_id');
}

export type CompanyMoney = {
  balanceCents: number;
  pastDueCents: number;
  openInvoiceCents: number;
  unappliedCreditCents: number;
};
export const NO_MONEY: CompanyMoney = {
  balanceCents: 0,
  pastDueCents: 0,
  openInvoiceCents: 0,
  unappliedCreditCents: 0,
};

/** Balance and past due of each of `companyIds` (a page of the list): two grouped queries. */
export async function moneyOfCompanies(
  db: DbOrTrx,
  companyIds: readonly string[],
  asOf: string,
): Promise<Map<string, CompanyMoney>> {
  const out = new Map<string, CompanyMoney>();
  if (companyIds.length === 0) return out;
  const [open, credit] = await Promise.all([
    openByCompany(db, asOf, companyIds).execute(),
    creditByCompany(db, companyIds).execute(),
  ]);
  const credits = new Map(credit.map((r) => [r.company_id, num(r.credit_cents)]));
  const opens = new Map(open.map((r) => [r.company_id, r]));
  for (const id of companyIds) {
    const o = opens.get(id);
    const openInvoiceCents = num(o?.open_cents);
    const unappliedCreditCents = credits.get(id) ?? 0;
    out.set(id, {
      balanceCents: openInvoiceCents - unappliedCreditCents,
      pastDueCents: num(o?.past_due_cents),
      openInvoiceCents,
      unappliedCreditCents,
    });
  }
  return out;
}

export type OverdueInvoice = {
  id: string;
  number: string | null;
  dueDate: string;
  balanceCents: number;
  daysOverdue: number;
};

/** A company's overdue invoices on `asOf`, oldest due first (at most `limit`), and how many there are. */
export async function overdueInvoicesOf(
  db: DbOrTrx,
  companyId: string,
  asOf: string,
  limit = 5,
): Promise<{ items: OverdueInvoice[]; count: number }> {
  const late = bucketEdges(asOf).current;
  // invoices_open (company_id, status, due_date)
  const overdue = () =>
    db
      .selectFrom('invoices')
      .where('company_id', '=', companyId)
      .where('status', '=', 'issued')
      .where('kind', '=', 'invoice')
      .where('balance_cents', '>', 0)
      .where('due_date', '<', late);
  const [rows, count] = await Promise.all([
    overdue()
      .select(['id', 'number', 'due_date', 'balance_cents'])
      .orderBy('due_date')
      .orderBy('number')
      .limit(limit)
      .execute(),
    overdue()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      number: r.number,
      dueDate: r.due_date ?? asOf,
      balanceCents: num(r.balance_cents),
      daysOverdue: daysLate(r.due_date ?? asOf, asOf),
    })),
    count: num(count.n),
  };
}
