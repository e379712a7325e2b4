// Frozen once landed: never edit, add a new numbered migration instead.
// Each staff user picks their home page: 'work' (my work by urgency) or 'office' (the office
// dashboard); NULL means the default for their role (src/features/users/home.ts). "My work" reads
// the user's open work orders through work_orders_assignee (assigned_to_id, status, due_on, from
// 0003), and the last customer and staff comment of each through this index, which answers
// max(created_at) per (work order, author type) from the index alone instead of reading every
// comment row of every open work order.
import { MysqlAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('home', 'varchar(10)').execute();
  await db.schema
    .createIndex('work_order_comments_author')
    .on('work_order_comments')
    .columns(['work_order_id', 'author_type', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const q = db.schema.dropIndex('work_order_comments_author');
  await (db.getExecutor().adapter instanceof MysqlAdapter
    ? q.on('work_order_comments')
    : q
  ).execute();
  await db.schema.alterTable('users').dropColumn('home').execute();
}
