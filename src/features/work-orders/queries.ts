// Every SQL statement about work orders, their assets, comments and the email log. Rows stay here;
// callers get WorkOrder objects. Lookups that name a company are scoped by it.
import { sql, type SelectQueryBuilder } from 'kysely';
import type {
  Database,
  DbOrTrx,
  WorkOrdersTable,
  WorkOrderCommentsTable,
} from '../../db/database.ts';
import { columnContains, orderColumn, textSearch, type TextSearch } from '../search/contains.ts';
import { newId } from '../../lib/ids.ts';
import { nowIso } from '../../lib/dates.ts';
import { OPEN_STATUSES, type WoBilling, type WoPriority, type WoStatus } from './transitions.ts';
import type { ListWorkOrdersQuery } from './schemas.ts';

export type WorkOrder = {
  id: string;
  number: number;
  companyId: string;
  contactId: string | null;
  title: string;
  description: string | null;
  priority: WoPriority;
  status: WoStatus;
  assignedToId: string | null;
  scheduledFor: string | null;
  dueOn: string | null;
  source: 'staff' | 'portal' | 'email';
  billing: WoBilling;
  createdByLabel: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
};
/** A work order with the names it points at, for lists and pages. */
export type WorkOrderView = WorkOrder & {
  companyName: string;
  contactName: string | null;
  contactEmail: string | null;
  contactOptOut: boolean;
  assignedToName: string | null;
  assignedToEmail: string | null;
};
export type Comment = {
  id: string;
  workOrderId: string;
  authorType: 'staff' | 'contact';
  authorId: string | null;
  authorName: string;
  visibility: 'internal' | 'public';
  body: string;
  createdAt: string;
};

export const toWorkOrder = (r: WorkOrdersTable): WorkOrder => ({
  id: r.id,
  number: Number(r.number),
  companyId: r.company_id,
  contactId: r.contact_id,
  title: r.title,
  description: r.description,
  priority: r.priority as WoPriority,
  status: r.status as WoStatus,
  assignedToId: r.assigned_to_id,
  scheduledFor: r.scheduled_for,
  dueOn: r.due_on,
  source: r.source as WorkOrder['source'],
  billing: r.billing as WoBilling,
  createdByLabel: r.created_by_label,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
});
const searchText = (w: Pick<WorkOrder, 'number' | 'title'>) =>
  `${w.number} wo-${String(w.number).padStart(5, '0')} ${w.title}`.toLowerCase().slice(0, 500);
const toRow = (w: WorkOrder): WorkOrdersTable => ({
  id: w.id,
  number: w.number,
  company_id: w.companyId,
  contact_id: w.contactId,
  title: w.title,
  description: w.description,
  priority: w.priority,
  status: w.status,
  assigned_to_id: w.assignedToId,
  scheduled_for: w.scheduledFor,
  due_on: w.dueOn,
  source: w.source,
  billing: w.billing,
  search_text: searchText(w),
  created_by_label: w.createdByLabel,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
  resolved_at: w.resolvedAt,
  closed_at: w.closedAt,
});
const toComment = (r: WorkOrderCommentsTable): Comment => ({
  id: r.id,
  workOrderId: r.work_order_id,
  authorType: r.author_type as Comment['authorType'],
  authorId: r.author_id,
  authorName: r.author_name,
  visibility: r.visibility as Comment['visibility'],
  body: r.body,
  createdAt: r.created_at,
});

/**
 * The next gapless number. The UPDATE takes the counter row's lock (PostgreSQL/MySQL) or the write
 * lock (SQLite) until the caller's transaction ends, so concurrent creators queue here; a rollback
 * gives the number back.
 */
export async function takeNumber(trx: DbOrTrx): Promise<number> {
  await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'work_order')
    .execute();
  const r = await trx
    .selectFrom('counters')
    .select('value')
    .where('name', '=', 'work_order')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

export async function insertWorkOrder(db: DbOrTrx, w: WorkOrder, assetIds: string[]) {
  await db.insertInto('work_orders').values(toRow(w)).execute();
  if (assetIds.length)
    await db
      .insertInto('work_order_assets')
      .values(assetIds.map((a) => ({ work_order_id: w.id, asset_id: a })))
      .execute();
}

export async function updateWorkOrderRow(db: DbOrTrx, w: WorkOrder) {
  const {
    id,
    number: _n,
    company_id: _c,
    created_at: _ca,
    created_by_label: _cb,
    source: _s,
    ...rest
  } = toRow(w);
  await db.updateTable('work_orders').set(rest).where('id', '=', id).execute();
}

export async function setAssets(db: DbOrTrx, workOrderId: string, assetIds: string[]) {
  await db.deleteFrom('work_order_assets').where('work_order_id', '=', workOrderId).execute();
  if (assetIds.length)
    await db
      .insertInto('work_order_assets')
      .values(assetIds.map((a) => ({ work_order_id: workOrderId, asset_id: a })))
      .execute();
}

function joined(db: DbOrTrx) {
  return withNames(db.selectFrom('work_orders'));
}

// The filters apply to work_orders directly (no `id in (subquery)` wrapper), so the planner can
// walk an index in the page's order and stop after one page instead of sorting every match.
function withNames(q: SelectQueryBuilder<Database, 'work_orders', object>) {
  return q
    .innerJoin('companies', 'companies.id', 'work_orders.company_id')
    .leftJoin('contacts', 'contacts.id', 'work_orders.contact_id')
    .leftJoin('users', 'users.id', 'work_orders.assigned_to_id')
    .selectAll('work_orders')
    .select([
      'companies.name as company_name',
      'contacts.name as contact_name',
      'contacts.email as contact_email',
      'contacts.email_opt_out as contact_opt_out',
      'users.name as user_name',
      'users.email as user_email',
    ]);
}
type Names = {
  company_name: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_opt_out: number | null | undefined;
  user_name: string | null;
  user_email: string | null;
};
const toView = (r: WorkOrdersTable & Names): WorkOrderView => ({
  ...toWorkOrder(r),
  companyName: r.company_name,
  contactName: r.contact_name,
  contactEmail: r.contact_email,
  contactOptOut: Number(r.contact_opt_out ?? 0) === 1,
  assignedToName: r.user_name,
  assignedToEmail: r.user_email,
});

export async function findWorkOrder(
  db: DbOrTrx,
  id: string,
  companyId?: string,
): Promise<WorkOrderView | null> {
  let q = joined(db).where('work_orders.id', '=', id);
  if (companyId) q = q.where('work_orders.company_id', '=', companyId);
  const r = await q.executeTakeFirst();
  return r ? toView(r) : null;
}

export type WoFilter = Omit<ListWorkOrdersQuery, 'sort' | 'dir' | 'page' | 'size' | 'mine'> & {
  today: string;
};

/** A search term is typed as "#1234" or "1234"; the # is not part of search_text. */
const woSearch = (db: DbOrTrx, f: WoFilter) =>
  textSearch(db, 'work_orders', f.q?.replace(/^#/, ''));

/**
 * The generated urgency key (migration 0014): '0' open / '1' not, the due date ('9999-12-31' for
 * none), the priority rank. Not in the table types: no one writes it.
 */
const URGENCY = sql.ref('work_orders.urgency');

/**
 * The filters. With `openByUrgency`, "open" is the urgency index range (urgency < '1') instead of
 * the status list, so the urgency-ordered page walks that index in order and stops after the page.
 */
function filtered(db: DbOrTrx, f: WoFilter, search: TextSearch | undefined, openByUrgency = false) {
  let q = db.selectFrom('work_orders');
  if (f.companyId) q = q.where('work_orders.company_id', '=', f.companyId);
  if (f.company)
    q = q.where(
      'work_orders.company_id',
      'in',
      db
        .selectFrom('companies')
        .select('companies.id')
        .where(columnContains(db, 'companies.name_sort', f.company)),
    );
  if (f.assetId)
    q = q.where(
      'work_orders.id',
      'in',
      db.selectFrom('work_order_assets').select('work_order_id').where('asset_id', '=', f.assetId),
    );
  if ((f.status === 'open' || f.overdue) && openByUrgency) q = q.where(URGENCY, '<', '1');
  else if (f.status === 'open' || f.overdue) q = q.where('work_orders.status', 'in', OPEN_STATUSES);
  else if (f.status && f.status !== 'all') q = q.where('work_orders.status', '=', f.status);
  if (f.priority) q = q.where('work_orders.priority', '=', f.priority);
  if (f.assignedTo === 'none') q = q.where('work_orders.assigned_to_id', 'is', null);
  else if (f.assignedTo) q = q.where('work_orders.assigned_to_id', '=', f.assignedTo);
  if (f.overdue) q = q.where('work_orders.due_on', '<', f.today);
  // Open and due before today is the urgency range below '0<today>' (none due is '09999-12-31').
  if (f.overdue && openByUrgency) q = q.where(URGENCY, '<', `0${f.today}`);
  if (search) q = q.where(search.where);
  return q;
}

const PRIORITY_RANK = sql<number>`case work_orders.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

export type ListOrder = {
  sort: ListWorkOrdersQuery['sort'] | 'work';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/**
 * The page's ids in order, from work_orders alone (exported for the query plan test). The default,
 * by urgency, walks the (urgency, number) index in order and stops after the page.
 */
export function pageIdsQuery(db: DbOrTrx, f: WoFilter, o: ListOrder, search?: TextSearch) {
  let q = filtered(db, f, search, o.sort === 'urgency').select('work_orders.id');
  if (o.sort === 'urgency') {
    // Open first, then due date (overdue first, none last), then priority; then the oldest.
    q = q
      .orderBy(orderColumn(search, 'work_orders.urgency'), o.dir)
      .orderBy(orderColumn(search, 'work_orders.number'), o.dir);
  } else if (o.sort === 'work') {
    // My work: overdue first, then due today, then by priority and due date.
    q = q
      .orderBy(
        sql`case when work_orders.due_on is null then 2 when work_orders.due_on < ${f.today} then 0 when work_orders.due_on = ${f.today} then 1 else 2 end`,
      )
      .orderBy(PRIORITY_RANK)
      .orderBy(sql`case when work_orders.due_on is null then 1 else 0 end`)
      .orderBy('work_orders.due_on', 'asc');
  } else if (o.sort === 'priority') q = q.orderBy(PRIORITY_RANK, o.dir === 'asc' ? 'desc' : 'asc');
  else if (o.sort === 'due')
    q = q
      .orderBy(sql`case when work_orders.due_on is null then 1 else 0 end`)
      .orderBy('work_orders.due_on', o.dir);
  else if (o.sort === 'updated') q = q.orderBy('work_orders.updated_at', o.dir);
  if (o.sort !== 'urgency')
    q = q.orderBy(orderColumn(search, 'work_orders.number'), o.sort === 'number' ? o.dir : 'desc');
  return q.limit(o.limit).offset(o.offset);
}

export async function listWorkOrders(db: DbOrTrx, f: WoFilter, o: ListOrder) {
  // Two steps: the page's ids in order from work_orders alone, then the 50 rows with their names.
  // Joining first made every open work order's row be read and sorted.
  const search = await woSearch(db, f);
  const [page, total] = await Promise.all([
    pageIdsQuery(db, f, o, search).execute(),
    filtered(db, f, search)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const ids = page.map((r) => r.id);
  const rows = ids.length ? await joined(db).where('work_orders.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { items: ids.map((id) => toView(byId.get(id)!)), total: Number(total.n) };
}

const PRIORITIES_BY_RANK = ['urgent', 'high', 'normal', 'low'] as const;

/**
 * Per status: the first `cap` cards (by priority, then number) and the count. One query per
 * priority in rank order, each served in order by the (status, priority, number) index, instead
 * of sorting every work order of the status by a priority expression.
 */
export async function boardColumns(db: DbOrTrx, f: WoFilter, statuses: WoStatus[], cap: number) {
  const search = await woSearch(db, f);
  return Promise.all(
    statuses.map(async (status) => {
      const g = { ...f, status, overdue: undefined };
      const rows: Awaited<ReturnType<ReturnType<typeof joined>['execute']>> = [];
      for (const priority of PRIORITIES_BY_RANK) {
        if (rows.length >= cap) break;
        if (f.priority && f.priority !== priority) continue;
        rows.push(
          ...(await withNames(filtered(db, { ...g, priority }, search))
            .orderBy(orderColumn(search, 'work_orders.number'), 'asc')
            .limit(cap - rows.length)
            .execute()),
        );
      }
      const n = await filtered(db, g, search)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { status, items: rows.map(toView), total: Number(n.n) };
    }),
  );
}

/** Keyset page for the API: ordered by id (time-ordered), after the cursor. */
export async function listWorkOrdersAfter(
  db: DbOrTrx,
  f: WoFilter,
  o: { limit: number; cursor?: string },
) {
  const search = await woSearch(db, f);
  let q = withNames(filtered(db, f, search))
    .orderBy(orderColumn(search, 'work_orders.id'), 'asc')
    .limit(o.limit + 1);
  if (o.cursor) q = q.where('work_orders.id', '>', o.cursor);
  const rows = await q.execute();
  const items = rows.slice(0, o.limit).map(toView);
  return { items, nextCursor: rows.length > o.limit ? items[items.length - 1].id : null };
}

export async function workOrderAssets(db: DbOrTrx, workOrderId: string) {
  return db
    .selectFrom('work_order_assets')
    .innerJoin('assets', 'assets.id', 'work_order_assets.asset_id')
    .select(['assets.id', 'assets.name', 'assets.company_id as companyId'])
    .where('work_order_assets.work_order_id', '=', workOrderId)
    .orderBy('assets.name_sort')
    .execute();
}

/** Ids among `ids` that are assets of the company. */
export async function companyAssetIds(
  db: DbOrTrx,
  companyId: string,
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('assets')
    .select('id')
    .where('company_id', '=', companyId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function companyAssetOptions(db: DbOrTrx, companyId: string) {
  return db
    .selectFrom('assets')
    .select(['id', 'name'])
    .where('company_id', '=', companyId)
    .where('status', '!=', 'retired')
    .orderBy('name_sort')
    .limit(500)
    .execute();
}

export async function assignableUsers(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('active', '=', 1)
    .where('role', 'in', ['admin', 'technician'])
    .orderBy('name')
    .execute();
}

/** Minutes of time logged on the work order (0 when none). */
export async function loggedMinutes(db: DbOrTrx, workOrderId: string): Promise<number> {
  const r = await db
    .selectFrom('time_entries')
    .select((eb) => eb.fn.sum<number>('minutes').as('m'))
    .where('work_order_id', '=', workOrderId)
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

export async function insertComment(db: DbOrTrx, c: Comment) {
  await db
    .insertInto('work_order_comments')
    .values({
      id: c.id,
      work_order_id: c.workOrderId,
      author_type: c.authorType,
      author_id: c.authorId,
      author_name: c.authorName,
      visibility: c.visibility,
      body: c.body,
      created_at: c.createdAt,
    })
    .execute();
}

export async function listComments(
  db: DbOrTrx,
  workOrderId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<Comment[]> {
  let q = db.selectFrom('work_order_comments').selectAll().where('work_order_id', '=', workOrderId);
  if (opts.publicOnly) q = q.where('visibility', '=', 'public');
  return (await q.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(500).execute()).map(
    toComment,
  );
}

/** Status changes and other history of the work order, oldest first, from the audit log. */
export async function history(db: DbOrTrx, workOrderId: string) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'action', 'summary'])
    .where('entity_type', '=', 'work_order')
    .where('entity_id', '=', workOrderId)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    by: r.actor_label,
    action: r.action,
    summary: r.summary ? (JSON.parse(r.summary) as Record<string, unknown>) : {},
  }));
}

export async function logEmail(
  db: DbOrTrx,
  e: {
    to: string;
    subject: string;
    kind: string;
    entityType: string;
    entityId: string;
    status: 'sent' | 'logged' | 'failed';
    error?: string | null;
  },
) {
  await db
    .insertInto('email_log')
    .values({
      id: newId(),
      to_address: e.to.slice(0, 255),
      subject: e.subject.slice(0, 500),
      kind: e.kind,
      entity_type: e.entityType,
      entity_id: e.entityId,
      status: e.status,
      error: e.error ? e.error.slice(0, 1000) : null,
      created_at: nowIso(),
    })
    .execute();
}

export async function savedViews(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('saved_views')
    .select(['id', 'name', 'query'])
    .where('user_id', '=', userId)
    .where('area', '=', 'work_orders')
    .orderBy('name')
    .limit(50)
    .execute();
}
export async function insertSavedView(
  db: DbOrTrx,
  v: { userId: string; name: string; query: string },
) {
  await db
    .insertInto('saved_views')
    .values({
      id: newId(),
      user_id: v.userId,
      area: 'work_orders',
      name: v.name,
      query: v.query,
      created_at: nowIso(),
    })
    .execute();
}
export async function deleteSavedView(db: DbOrTrx, userId: string, id: string) {
  await db.deleteFrom('saved_views').where('id', '=', id).where('user_id', '=', userId).execute();
}

/** Companies whose name contains q, for choosing the company of a new work order. */
export async function companiesMatching(db: DbOrTrx, q: string, limit: number) {
  let query = db
    .selectFrom('companies')
    .select(['id', 'name'])
    .where('status', '=', 'active')
    .orderBy('name_sort')
    .limit(limit);
  if (q) query = query.where(columnContains(db, 'companies.name_sort', q));
  return query.execute();
}

/** For the demo: the company's first contact and a few of its assets. */
export async function demoPicks(db: DbOrTrx, companyId: string) {
  const contact = await db
    .selectFrom('contacts')
    .select('id')
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .executeTakeFirst();
  const assets = await db
    .selectFrom('assets')
    .select('id')
    .where('company_id', '=', companyId)
    .orderBy('name_sort')
    .limit(5)
    .execute();
  return { contactId: contact?.id ?? null, assetIds: assets.map((a) => a.id) };
}

/** Files attached to the work order's comments (not deleted), by comment id. */
export async function commentAttachments(
  db: DbOrTrx,
  workOrderId: string,
): Promise<Map<string, { id: string; filename: string; sizeBytes: number }[]>> {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'filename', 'size_bytes', 'comment_id'])
    .where('work_order_id', '=', workOrderId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  const out = new Map<string, { id: string; filename: string; sizeBytes: number }[]>();
  for (const r of rows)
    if (r.comment_id)
      out.set(r.comment_id, [
        ...(out.get(r.comment_id) ?? []),
        { id: r.id, filename: r.filename, sizeBytes: Number(r.size_bytes) },
      ]);
  return out;
}
