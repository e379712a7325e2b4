// Frozen once landed: never edit, add a new numbered migration instead.
// The customer portal's work order lists (issue 12). work_orders.source already exists (0003, with
// 'portal' among its values), so this adds only what the portal's lists read: a company's work
// orders newest-updated first, and a contact's own (the requester) the same way. Before, the only
// company index was (company_id, status, number), which cannot give "all statuses by last update"
// without sorting the company's thousands of rows on every page.
import { MysqlAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('work_orders_company_updated')
    .on('work_orders')
    .columns(['company_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('work_orders_company_contact')
    .on('work_orders')
    .columns(['company_id', 'contact_id', 'updated_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  for (const name of ['work_orders_company_contact', 'work_orders_company_updated']) {
    const q = db.schema.dropIndex(name);
    await (db.getExecutor().adapter instanceof MysqlAdapter ? q.on('work_orders') : q).execute();
  }
}
