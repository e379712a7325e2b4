// Frozen once landed: never edit, add a new numbered migration instead.
// Device cookies (OWASP "device cookies", src/platform/device-cookies.ts): a failed sign-in from a
// browser holding a valid device cookie for that account records the cookie's device id, so the
// device's own failures can be counted (and the device locked out) apart from everyone else's.
import { MysqlAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('login_failures').addColumn('device', 'varchar(32)').execute();
  await db.schema
    .createIndex('login_failures_device')
    .on('login_failures')
    .columns(['device', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const q = db.schema.dropIndex('login_failures_device');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? q.on('login_failures') : q).execute();
  await db.schema.alterTable('login_failures').dropColumn('device').execute();
}
