// The home page's figures. Each is one statement over a covering index that holds only what is still
// open (open work orders, invoices with a balance, payments with credit left, warranties in a date
// range), so the cost follows the open work, not the years of history (docs/PERFORMANCE.md).
import { sql, type ExpressionBuilder } from 'kysely';
import type { CompaniesTable, Database, DbOrTrx, WorkOrdersTable } from '../../db/database.ts';
import { OPEN_STATUSES, type WoPriority, type WoStatus } from '../work-orders/transitions.ts';
import type { MyWorkItem } from './my-work.ts';

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

/** "My work" reads at most this many of the user's open work orders (the earliest due first). */
export const MY_WORK_LIMIT = 1000;

/**
 * The user's open work orders with what the grouping needs, in one statement: the rows come from
 * work_orders_assignee (assigned_to_id, status, due_on); per row, the last customer and staff
 * comment from work_order_comments_author (0012), the last status change from audit_log_entity,
 * and the first asset from the work_order_assets primary key — each a correlated index seek.
 */
type Row = ExpressionBuilder<
  Database & { w: WorkOrdersTable } & { co: CompaniesTable },
  'w' | 'co'
>;
export async function myOpenWork(db: DbOrTrx, userId: string): Promise<MyWorkItem[]> {
  const lastComment = (eb: Row, authorType: 'staff' | 'contact') =>
    eb
      .selectFrom('work_order_comments as c')
      .select((e) => e.fn.max('c.created_at').as('at'))
      .whereRef('c.work_order_id', '=', 'w.id')
      .where('c.author_type', '=', authorType);
  const assets = (eb: Row) =>
    eb
      .selectFrom('work_order_assets as wa')
      .innerJoin('assets as a', 'a.id', 'wa.asset_id')
      .whereRef('wa.work_order_id', '=', 'w.id');
  const rows = await db
    .selectFrom('work_orders as w')
    .innerJoin('companies as co', 'co.id', 'w.company_id')
    .select((eb) => [
      'w.id',
      'w.number',
      'w.title',
      'w.company_id',
      'co.name as company_name',
      'w.status',
      'w.priority',
      'w.due_on',
      'w.created_at',
      lastComment(eb, 'contact').as('last_customer_at'),
      lastComment(eb, 'staff').as('last_staff_at'),
      eb
        .selectFrom('audit_log as al')
        .select((e) => e.fn.max('al.at').as('at'))
        .where('al.entity_type', '=', 'work_order')
        .whereRef('al.entity_id', '=', 'w.id')
        .where('al.action', '=', 'work_order.status')
        .as('status_changed_at'),
      assets(eb)
        .select((e) => e.fn.min('a.name').as('n'))
        .as('asset_name'),
      assets(eb)
        .select((e) => e.fn.countAll().as('n'))
        .as('asset_count'),
    ])
    .where('w.assigned_to_id', '=', userId)
    .where('w.status', 'in', OPEN_STATUSES)
    .orderBy(sql`case when w.due_on is null then 1 else 0 end`)
    .orderBy('w.due_on')
    .orderBy('w.number')
    .limit(MY_WORK_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: num(r.number),
    title: r.title,
    companyId: r.company_id,
    companyName: r.company_name,
    assetName: r.asset_name ?? null,
    assetCount: num(r.asset_count),
    status: r.status as WoStatus,
    priority: r.priority as WoPriority,
    dueOn: r.due_on,
    createdAt: r.created_at,
    statusChangedAt: r.status_changed_at ?? null,
    lastCustomerAt: r.last_customer_at ?? null,
    lastStaffAt: r.last_staff_at ?? null,
  }));
}

/** How many open work orders the user has (work_orders_assignee alone answers it). */
export async function countMyOpenWork(db: DbOrTrx, userId: string): Promise<number> {
  const r = await db
    .selectFrom('work_orders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('assigned_to_id', '=', userId)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  return num(r?.n);
}
