// The home page's figures. Each is one statement over a covering index that holds only what is still
// open (open work orders, invoices with a balance, payments with credit left, warranties in a date
// range), so the cost follows the open work, not the years of history (docs/PERFORMANCE.md).
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { OPEN_STATUSES } from '../work-orders/transitions.ts';

const num = (v: unknown) => Number(v ?? 0);

export type WorkFigures = { open: number; unassigned: number; overdue: number };

/** Open work orders, those nobody is assigned to, and those past their due date. */
export async function workFigures(db: DbOrTrx, today: string): Promise<WorkFigures> {
  const [open, unassigned, overdue] = await Promise.all([
    db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', 'in', OPEN_STATUSES)
      .executeTakeFirst(),
    db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('assigned_to_id', 'is', null)
      .where('status', 'in', OPEN_STATUSES)
      .executeTakeFirst(),
    db
      .selectFrom('work_orders')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', 'in', OPEN_STATUSES)
      .where('due_on', '<', today)
      .executeTakeFirst(),
  ]);
  return { open: num(open?.n), unassigned: num(unassigned?.n), overdue: num(overdue?.n) };
}

export type MoneyFigures = {
  openCount: number;
  openCents: number;
  overdueCount: number;
  overdueCents: number;
  drafts: number;
  creditCount: number;
  creditCents: number;
};

/**
 * What customers owe (the invoice list's "open" and "overdue" filters: issued invoices with a balance,
 * overdue when due before today), drafts waiting to be issued, and payments with unapplied credit.
 */
export async function moneyFigures(db: DbOrTrx, today: string): Promise<MoneyFigures> {
  const overdue = sql<boolean>`invoices.due_date < ${today}`;
  const [owed, drafts, credit] = await Promise.all([
    db
      .selectFrom('invoices')
      .select((eb) => [
        eb.fn.countAll().as('n'),
        eb.fn.sum('balance_cents').as('cents'),
        eb.fn.sum(eb.case().when(overdue).then(1).else(0).end()).as('overdue_n'),
        eb.fn
          .sum(eb.case().when(overdue).then(eb.ref('balance_cents')).else(0).end())
          .as('overdue_cents'),
      ])
      .where('status', '=', 'issued')
      .where('kind', '=', 'invoice')
      .where('balance_cents', '>', 0)
      .executeTakeFirst(),
    db
      .selectFrom('invoices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'draft')
      .executeTakeFirst(),
    db
      .selectFrom('payments')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('unapplied_cents').as('cents')])
      .where('status', '=', 'recorded')
      .where('unapplied_cents', '>', 0)
      .executeTakeFirst(),
  ]);
  return {
    openCount: num(owed?.n),
    openCents: num(owed?.cents),
    overdueCount: num(owed?.overdue_n),
    overdueCents: num(owed?.overdue_cents),
    drafts: num(drafts?.n),
    creditCount: num(credit?.n),
    creditCents: num(credit?.cents),
  };
}

/** Active companies, and assets whose warranty ends between today and `until` (inclusive). */
export async function estateFigures(
  db: DbOrTrx,
  today: string,
  until: string,
): Promise<{ activeCompanies: number; warrantiesEnding: number }> {
  const [companies, warranties] = await Promise.all([
    db
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirst(),
    db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('warranty_expires', '>=', today)
      .where('warranty_expires', '<=', until)
      .executeTakeFirst(),
  ]);
  return { activeCompanies: num(companies?.n), warrantiesEnding: num(warranties?.n) };
}
