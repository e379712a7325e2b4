// Row locks for read-modify-write transactions. PostgreSQL and MySQL/MariaDB take them with
// SELECT … FOR UPDATE; SQLite has no row locks and needs none (one writer at a time).
import { SqliteAdapter } from 'kysely';
import type { DbOrTrx } from './database.ts';

export const canLock = (db: DbOrTrx): boolean =>
  !(db.getExecutor().adapter instanceof SqliteAdapter);

/**
 * Locks the business profile row (the one row every installation has after setup) until the
 * transaction ends, so changes to a setting kept across many rows (the default tax rate) take turns.
 */
export async function lockBusinessSettings(trx: DbOrTrx): Promise<void> {
  if (canLock(trx)) await trx.selectFrom('business_profile').select('id').forUpdate().execute();
}
