// Every SQL statement about time entries, parts, billing settings and ready-to-bill. Rows stay
// here; callers get TimeEntry / Part objects. Bigint columns are read through Number() because
// drivers differ in how they return them.
import type { DbOrTrx, TimeEntriesTable, WorkOrderPartsTable } from '../../db/database.ts';
import type { WorkOrderHeading } from '../work-orders/views/header.tsx';

export type TimeEntry = {
  id: string;
  workOrderId: string;
  companyId: string;
  userId: string;
  userName: string;
  running: boolean;
  startedAt: string | null;
  endedAt: string | null;
  workDate: string;
  minutesRaw: number;
  minutes: number;
  description: string | null;
  billable: boolean;
  rateCents: number;
  costRateCents: number;
  billableCents: number;
  costCents: number;
  invoiceId: string | null;
  invoicedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type Part = {
  id: string;
  workOrderId: string;
  companyId: string;
  description: string;
  quantityThousandths: number;
  unitCostCents: number;
  unitPriceCents: number;
  markupBp: number | null;
  billable: boolean;
  totalCostCents: number;
  totalPriceCents: number;
  invoiceId: string | null;
  invoicedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type WorkOrderForTime = WorkOrderHeading & {
  billing: string;
  companyRateCents: number | null;
};

const n = (v: unknown) => Number(v);
const nn = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const toEntry = (r: TimeEntriesTable): TimeEntry => ({
  id: r.id,
  workOrderId: r.work_order_id,
  companyId: r.company_id,
  userId: r.user_id,
  userName: r.user_name,
  running: r.running_user_id !== null,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  workDate: r.work_date,
  minutesRaw: n(r.minutes_raw),
  minutes: n(r.minutes),
  description: r.description,
  billable: n(r.billable) === 1,
  rateCents: n(r.rate_cents),
  costRateCents: n(r.cost_rate_cents),
  billableCents: n(r.billable_cents),
  costCents: n(r.cost_cents),
  invoiceId: r.invoice_id,
  invoicedAt: r.invoiced_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const entryRow = (e: TimeEntry): TimeEntriesTable => ({
  id: e.id,
  work_order_id: e.workOrderId,
  company_id: e.companyId,
  user_id: e.userId,
  user_name: e.userName,
  running_user_id: e.running ? e.userId : null,
  started_at: e.startedAt,
  ended_at: e.endedAt,
  work_date: e.workDate,
  minutes_raw: e.minutesRaw,
  minutes: e.minutes,
  description: e.description,
  billable: e.billable ? 1 : 0,
  rate_cents: e.rateCents,
  cost_rate_cents: e.costRateCents,
  billable_cents: e.billableCents,
  cost_cents: e.costCents,
  invoice_id: e.invoiceId,
  invoiced_at: e.invoicedAt,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});
export const toPart = (r: WorkOrderPartsTable): Part => ({
  id: r.id,
  workOrderId: r.work_order_id,
  companyId: r.company_id,
  description: r.description,
  quantityThousandths: n(r.quantity_thousandths),
  unitCostCents: n(r.unit_cost_cents),
  unitPriceCents: n(r.unit_price_cents),
  markupBp: nn(r.markup_bp),
  billable: n(r.billable) === 1,
  totalCostCents: n(r.total_cost_cents),
  totalPriceCents: n(r.total_price_cents),
  invoiceId: r.invoice_id,
  invoicedAt: r.invoiced_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const partRow = (p: Part): WorkOrderPartsTable => ({
  id: p.id,
  work_order_id: p.workOrderId,
  company_id: p.companyId,
  description: p.description,
  quantity_thousandths: p.quantityThousandths,
  unit_cost_cents: p.unitCostCents,
  unit_price_cents: p.unitPriceCents,
  markup_bp: p.markupBp,
  billable: p.billable ? 1 : 0,
  total_cost_cents: p.totalCostCents,
  total_price_cents: p.totalPriceCents,
  invoice_id: p.invoiceId,
  invoiced_at: p.invoicedAt,
  created_at: p.createdAt,
  updated_at: p.updatedAt,
});

export async function findWorkOrderForTime(
  db: DbOrTrx,
  id: string,
): Promise<WorkOrderForTime | null> {
  const r = await db
    .selectFrom('work_orders as w')
    .innerJoin('companies as c', 'c.id', 'w.company_id')
    .select([
      'w.id',
      'w.number',
      'w.title',
      'w.status',
      'w.priority',
      'w.company_id',
      'w.billing',
      'c.name as company_name',
      'c.hourly_rate_cents',
    ])
    .where('w.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    number: n(r.number),
    title: r.title,
    status: r.status,
    priority: r.priority,
    companyId: r.company_id,
    companyName: r.company_name,
    billing: r.billing,
    companyRateCents: nn(r.hourly_rate_cents),
  };
}

export async function findUserRates(db: DbOrTrx, userId: string) {
  const r = await db
    .selectFrom('users')
    .select(['id', 'name', 'hourly_rate_cents', 'cost_rate_cents'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        name: r.name,
        hourlyRateCents: nn(r.hourly_rate_cents),
        costRateCents: nn(r.cost_rate_cents),
      }
    : null;
}

export async function listStaffRates(db: DbOrTrx) {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'hourly_rate_cents', 'cost_rate_cents'])
    .where('role', 'in', ['admin', 'technician'])
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    hourlyRateCents: nn(r.hourly_rate_cents),
    costRateCents: nn(r.cost_rate_cents),
  }));
}

export async function setUserRates(
  db: DbOrTrx,
  userId: string,
  hourly: number | null,
  cost: number | null,
) {
  await db
    .updateTable('users')
    .set({ hourly_rate_cents: hourly, cost_rate_cents: cost })
    .where('id', '=', userId)
    .execute();
}

export async function findCompanyRate(db: DbOrTrx, companyId: string): Promise<number | null> {
  const c = await db
    .selectFrom('companies')
    .select('hourly_rate_cents')
    .where('id', '=', companyId)
    .executeTakeFirst();
  return nn(c?.hourly_rate_cents);
}

export async function setCompanyRate(db: DbOrTrx, companyId: string, hourly: number | null) {
  await db
    .updateTable('companies')
    .set({ hourly_rate_cents: hourly })
    .where('id', '=', companyId)
    .execute();
}

export async function readSetting(db: DbOrTrx, key: string): Promise<unknown> {
  const r = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return r ? JSON.parse(r.value) : undefined;
}

export async function writeSetting(db: DbOrTrx, key: string, value: unknown, now: string) {
  const json = JSON.stringify(value);
  const res = await db
    .updateTable('app_settings')
    .set({ value: json, updated_at: now })
    .where('key', '=', key)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    await db.insertInto('app_settings').values({ key, value: json, updated_at: now }).execute();
}

export async function insertEntry(db: DbOrTrx, e: TimeEntry) {
  await db.insertInto('time_entries').values(entryRow(e)).execute();
}
export async function updateEntry(db: DbOrTrx, e: TimeEntry) {
  const { id, ...rest } = entryRow(e);
  await db
    .updateTable('time_entries')
    .set(rest)
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .execute();
}
/** Stops a running entry; 0 when it was stopped meanwhile (a second, concurrent stop). */
export async function finishRunningEntry(db: DbOrTrx, e: TimeEntry): Promise<number> {
  const { id, ...rest } = entryRow(e);
  const r = await db
    .updateTable('time_entries')
    .set(rest)
    .where('id', '=', id)
    .where('running_user_id', '=', e.userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
export async function deleteEntryRow(db: DbOrTrx, id: string) {
  await db
    .deleteFrom('time_entries')
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .execute();
}
export async function findEntry(db: DbOrTrx, id: string): Promise<TimeEntry | null> {
  const r = await db.selectFrom('time_entries').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toEntry(r) : null;
}

/** The technician's running timer, with its work order number for messages and the indicator. */
export async function findRunning(db: DbOrTrx, userId: string) {
  const r = await db
    .selectFrom('time_entries as t')
    .innerJoin('work_orders as w', 'w.id', 't.work_order_id')
    .selectAll('t')
    .select(['w.number as wo_number', 'w.title as wo_title'])
    .where('t.running_user_id', '=', userId)
    .executeTakeFirst();
  return r
    ? { entry: toEntry(r), workOrderNumber: n(r.wo_number), workOrderTitle: r.wo_title }
    : null;
}

export type EntryFilter = {
  workOrderId?: string;
  userId?: string;
  from?: string;
  to?: string;
  after?: string;
  limit?: number;
};
export async function listEntries(db: DbOrTrx, f: EntryFilter): Promise<TimeEntry[]> {
  let q = db.selectFrom('time_entries').selectAll();
  if (f.workOrderId) q = q.where('work_order_id', '=', f.workOrderId);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('work_date', '>=', f.from);
  if (f.to) q = q.where('work_date', '<=', f.to);
  if (f.after) q = q.where('id', '>', f.after);
  q = f.limit
    ? q.orderBy('id').limit(f.limit)
    : q.orderBy('work_date').orderBy('created_at').orderBy('id');
  return (await q.execute()).map(toEntry);
}

export async function insertPart(db: DbOrTrx, p: Part) {
  await db.insertInto('work_order_parts').values(partRow(p)).execute();
}
export async function findPart(db: DbOrTrx, id: string): Promise<Part | null> {
  const r = await db
    .selectFrom('work_order_parts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? toPart(r) : null;
}
export async function deletePartRow(db: DbOrTrx, id: string) {
  await db
    .deleteFrom('work_order_parts')
    .where('id', '=', id)
    .where('invoice_id', 'is', null)
    .execute();
}
export async function listParts(db: DbOrTrx, workOrderId: string): Promise<Part[]> {
  return (
    await db
      .selectFrom('work_order_parts')
      .selectAll()
      .where('work_order_id', '=', workOrderId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  ).map(toPart);
}

/** Billable, stopped, not yet invoiced time and parts of one company, with work order numbers. */
export async function unbilledRows(db: DbOrTrx, companyId: string) {
  const time = await db
    .selectFrom('time_entries as t')
    .innerJoin('work_orders as w', 'w.id', 't.work_order_id')
    .selectAll('t')
    .select('w.number as wo_number')
    .where('t.company_id', '=', companyId)
    .where('t.billable', '=', 1)
    .where('t.invoice_id', 'is', null)
    .where('t.running_user_id', 'is', null)
    .orderBy('w.number')
    .orderBy('t.work_date')
    .orderBy('t.id')
    .execute();
  const parts = await db
    .selectFrom('work_order_parts as p')
    .innerJoin('work_orders as w', 'w.id', 'p.work_order_id')
    .selectAll('p')
    .select('w.number as wo_number')
    .where('p.company_id', '=', companyId)
    .where('p.billable', '=', 1)
    .where('p.invoice_id', 'is', null)
    .orderBy('w.number')
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
  return {
    time: time.map((r) => ({ entry: toEntry(r), number: n(r.wo_number) })),
    parts: parts.map((r) => ({ part: toPart(r), number: n(r.wo_number) })),
  };
}

/** Sets invoice_id where still NULL; returns how many rows this call claimed. */
export async function claimForInvoice(
  db: DbOrTrx,
  table: 'time_entries' | 'work_order_parts',
  ids: string[],
  invoiceId: string,
  now: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable(table)
    .set({ invoice_id: invoiceId, invoiced_at: now })
    .where('id', 'in', ids)
    .where('invoice_id', 'is', null)
    .where('billable', '=', 1)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
