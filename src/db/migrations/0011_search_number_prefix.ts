// Frozen once landed: never edit, add a new numbered migration instead.
// Global search finds invoices by number and payments by reference (a check number, a transfer
// reference) as typed: case-insensitively, the whole value or its beginning (src/features/search/
// prefix.ts). These indexes make that an index range read on every dialect instead of a scan of
// 100,000 invoices or 120,000 payments. They are built from the rows already there, so nothing
// needs backfilling, and no write path changes: the database keeps them in step.
// - SQLite: an index on lower(column); the search compares lower(column) with a range
//   (>= term, < term with its last character incremented), which the index serves in order.
// - PostgreSQL: an index on lower(column) COLLATE "C", which serves LIKE 'term%' as a range and its
//   ORDER BY whatever the database's collation (a plain index on a non-C collation serves neither).
// - MariaDB/MySQL: the columns' case-insensitive collation already makes LIKE 'term%' case-blind;
//   invoices.number has its unique index, payments.reference gets a plain one.
import { MysqlAdapter, PostgresAdapter, SqliteAdapter, sql, type Kysely } from 'kysely';

const INDEXES = [
  ['invoices_number_lower', 'invoices', 'number'],
  ['payments_reference_lower', 'payments', 'reference'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  for (const [name, table, column] of INDEXES) {
    if (adapter instanceof SqliteAdapter)
      await sql.raw(`CREATE INDEX ${name} ON ${table} (lower(${column}))`).execute(db);
    else if (adapter instanceof PostgresAdapter)
      await sql
        .raw(`CREATE INDEX ${name} ON ${table} ((lower(${column}) COLLATE "C"))`)
        .execute(db);
  }
  if (adapter instanceof MysqlAdapter)
    await db.schema.createIndex('payments_reference').on('payments').column('reference').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof MysqlAdapter) {
    await db.schema.dropIndex('payments_reference').on('payments').execute();
    return;
  }
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
