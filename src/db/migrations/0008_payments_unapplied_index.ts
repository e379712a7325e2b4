// Frozen once landed: never edit, add a new numbered migration instead.
// Payments with credit left over, across all companies (the dashboard's "Unapplied credit", the
// payment list's "Unapplied credit" filter): payments_credit leads with company_id, so that read
// every entry of it (17–30 ms on MariaDB at 120,000 payments). This index answers it alone (< 1 ms).
import { MysqlAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('payments_unapplied')
    .on('payments')
    .columns(['status', 'unapplied_cents'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const q = db.schema.dropIndex('payments_unapplied');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? q.on('payments') : q).execute();
}
