// Frozen once landed: never edit, add a new numbered migration instead.
// The work order list's default order is urgency: open before the rest, then by due date (none
// last), then by priority, then oldest first. No index served that: the open work orders are 5
// statuses (an IN list, whose merged order no index gives), the due date would have to put nulls
// last, and priority is text whose rank is a CASE. So the database keeps the key itself, in a
// generated column (written by no one, correct for every writer, the bench generator included):
//   urgency = ('0' open | '1' otherwise) || coalesce(due_on, '9999-12-31') || priority rank 0–3
// e.g. '02026-11-291' is an open, high-priority work order due 2026-11-29. With the index on
// (urgency, number), the open list is the index range urgency < '1' read in order, stopping after
// the page: 50 of 8,021 open among 200,000 without a sort. The status and priority lists here
// must match OPEN_STATUSES and the ranks in src/features/work-orders/transitions.ts.
// SQLite adds it VIRTUAL (ALTER TABLE cannot add a STORED one; the index holds the value),
// PostgreSQL and MariaDB/MySQL STORED.
import { MysqlAdapter, PostgresAdapter, sql, type Kysely } from 'kysely';

const OPEN = sql`status in ('new', 'scheduled', 'in_progress', 'waiting_customer', 'waiting_parts')`;
const openFlag = sql`case when ${OPEN} then '0' else '1' end`;
const due = sql`coalesce(due_on, '9999-12-31')`;
const rank = sql`case priority when 'urgent' then '0' when 'high' then '1' when 'normal' then '2' else '3' end`;

const dropIndex = (db: Kysely<any>, name: string, table: string) => {
  const q = db.schema.dropIndex(name);
  return (db.getExecutor().adapter instanceof MysqlAdapter ? q.on(table) : q).execute();
};

export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  const mysql = adapter instanceof MysqlAdapter;
  // MySQL's || is OR unless PIPES_AS_CONCAT; concat() is the portable spelling there.
  const key = mysql
    ? sql`concat(${openFlag}, ${due}, ${rank})`
    : sql`${openFlag} || ${due} || ${rank}`;
  const stored = mysql || adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('work_orders')
    .addColumn('urgency', 'varchar(12)', (c) => {
      const g = c.generatedAlwaysAs(key);
      return stored ? g.stored() : g;
    })
    .execute();
  await db.schema
    .createIndex('work_orders_urgency')
    .on('work_orders')
    .columns(['urgency', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropIndex(db, 'work_orders_urgency', 'work_orders');
  await db.schema.alterTable('work_orders').dropColumn('urgency').execute();
}
