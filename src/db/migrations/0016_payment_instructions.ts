// Frozen once landed: never edit, add a new numbered migration instead.
// The portal's billing side (issue 12). Pay links: the token an invoice email carries to open that
// one invoice without signing in, stored as its SHA-256 (like portal_links), scoped to one invoice,
// revocable; pay_link_failures counts wrong tokens per IP so guessing is throttled. A checkout may
// pay several chosen invoices (online_checkouts.invoice_ids, a JSON array in the customer's order)
// and remembers where its receipt goes (receipt_to, receipt_sent_at: sent at most once). The payment
// instructions themselves (payable to, mailing address, bank details) live in the invoice settings
// JSON (app_settings), so they need no column.
import { MysqlAdapter, type Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoice_pay_links')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('invoice_id', id, (c) => c.notNull())
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant)
    .addColumn('revoked_at', instant)
    .addColumn('revoked_by_label', 'varchar(255)')
    .execute();
  await db.schema
    .createIndex('invoice_pay_links_invoice')
    .on('invoice_pay_links')
    .columns(['invoice_id', 'revoked_at'])
    .execute();
  await db.schema
    .createTable('pay_link_failures')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pay_link_failures_ip')
    .on('pay_link_failures')
    .columns(['ip', 'at'])
    .execute();
  await db.schema.alterTable('online_checkouts').addColumn('invoice_ids', 'text').execute();
  await db.schema.alterTable('online_checkouts').addColumn('receipt_to', 'varchar(255)').execute();
  await db.schema.alterTable('online_checkouts').addColumn('receipt_sent_at', instant).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['receipt_sent_at', 'receipt_to', 'invoice_ids'])
    await db.schema.alterTable('online_checkouts').dropColumn(col).execute();
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const drop = (index: string, table: string) => {
    const q = db.schema.dropIndex(index);
    return (mysql ? q.on(table) : q).execute();
  };
  await drop('pay_link_failures_ip', 'pay_link_failures');
  await db.schema.dropTable('pay_link_failures').execute();
  await drop('invoice_pay_links_invoice', 'invoice_pay_links');
  await db.schema.dropTable('invoice_pay_links').execute();
}
