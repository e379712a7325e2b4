// Frozen once landed: never edit, add a new numbered migration instead.
// One company's open balance (receivables/queries.ts companyBalance: the company page, the invoice
// tab's header, the portal's home and invoice list) summed balance_cents over
// invoices_receivable (status, kind, balance_cents, company_id, …): every company's open invoices,
// 17,000 index entries at bench scale, ~11 ms. With company_id first the same sum reads only that
// company's open invoices from the index alone (~0.02 ms).
import { MysqlAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('invoices_company_balance')
    .on('invoices')
    .columns(['company_id', 'status', 'kind', 'balance_cents'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const q = db.schema.dropIndex('invoices_company_balance');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? q.on('invoices') : q).execute();
}
