// Frozen once landed: never edit, add a new numbered migration instead.
// Receivables: payments and their allocations to invoices, refunds, idempotency keys for the API,
// payment-provider webhook events and checkouts, reminder steps sent, late fees charged, and the
// per-company reminder pause.
import { MysqlAdapter, type Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';
const date = 'varchar(10)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('payments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    /** check | cash | bank | card | paypal */
    .addColumn('method', 'varchar(10)', (c) => c.notNull())
    // Check number, transfer reference, or the provider's payment id.
    .addColumn('reference', 'varchar(255)')
    .addColumn('received_on', date, (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    // What the provider kept (card/PayPal fees); the amount is what the customer paid.
    .addColumn('fee_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('memo', 'varchar(1000)')
    .addColumn('deposit_batch', 'varchar(50)')
    /** recorded | void */
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    // Running figures: applied + unapplied = amount - refunded, for a recorded payment.
    .addColumn('applied_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unapplied_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    /** stripe | paypal, for online payments */
    .addColumn('provider', 'varchar(10)')
    // The provider's id of the money movement (payment intent, capture): one payment per id.
    .addColumn('provider_ref', 'varchar(255)', (c) => c.unique())
    .addColumn('created_by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('voided_at', instant)
    .addColumn('void_reason', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('payments_company')
    .on('payments')
    .columns(['company_id', 'received_on', 'id'])
    .execute();
  await db.schema
    .createIndex('payments_received')
    .on('payments')
    .columns(['received_on', 'id'])
    .execute();
  await db.schema
    .createIndex('payments_batch')
    .on('payments')
    .columns(['deposit_batch', 'received_on'])
    .execute();
  // Finding a company's unapplied credit without reading all its payments.
  await db.schema
    .createIndex('payments_credit')
    .on('payments')
    .columns(['company_id', 'status', 'unapplied_cents'])
    .execute();

  // Every allocation ever made is kept; voiding a payment marks its allocations reversed.
  await db.schema
    .createTable('payment_allocations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('payment_id', id, (c) => c.notNull().references('payments.id'))
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    /** payment (when recorded) | credit (unapplied credit used on a later invoice) | manual */
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('reversed_at', instant)
    .addColumn('reversed_reason', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('payment_allocations_payment')
    .on('payment_allocations')
    .columns(['payment_id'])
    .execute();
  await db.schema
    .createIndex('payment_allocations_invoice')
    .on('payment_allocations')
    .columns(['invoice_id'])
    .execute();
  await db.schema
    .createIndex('payment_allocations_created')
    .on('payment_allocations')
    .columns(['created_at', 'id'])
    .execute();
  // A company's allocations up to a date (statements and aging as of a past date).
  await db.schema
    .createIndex('payment_allocations_company')
    .on('payment_allocations')
    .columns(['company_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('refunds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('payment_id', id, (c) => c.notNull().references('payments.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('provider_ref', 'varchar(255)', (c) => c.unique())
    .addColumn('reason', 'varchar(500)')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('refunds_payment').on('refunds').columns(['payment_id']).execute();

  // A retried API POST with the same Idempotency-Key gets the first answer back.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'varchar(100)', (c) => c.notNull())
    .addColumn('idem_key', 'varchar(255)', (c) => c.notNull())
    .addColumn('request_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'idem_key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .columns(['created_at'])
    .execute();

  // Each provider event is applied at most once: the unique index decides, not the code.
  await db.schema
    .createTable('webhook_events')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('provider', 'varchar(10)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('type', 'varchar(100)', (c) => c.notNull())
    .addColumn('received_at', instant, (c) => c.notNull())
    .addColumn('result', 'varchar(1000)')
    .addUniqueConstraint('webhook_events_once', ['provider', 'event_id'])
    .execute();

  // A checkout started for one invoice or a company's whole balance.
  await db.schema
    .createTable('online_checkouts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('provider', 'varchar(10)', (c) => c.notNull())
    // Stripe Checkout Session id or PayPal order id.
    .addColumn('provider_id', 'varchar(255)', (c) => c.unique())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('invoice_id', id)
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    /** open | completed | expired | failed */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)')
    .addColumn('payment_id', id)
    .addColumn('created_by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('completed_at', instant)
    .execute();
  await db.schema
    .createIndex('online_checkouts_company')
    .on('online_checkouts')
    .columns(['company_id', 'created_at'])
    .execute();

  // Reminder steps sent: one row per invoice and step, ever.
  await db.schema
    .createTable('invoice_reminders')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('company_id', id, (c) => c.notNull())
    // e.g. before-3, due, after-7
    .addColumn('step', 'varchar(30)', (c) => c.notNull())
    /** sent | logged | failed | skipped */
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_address', 'varchar(255)')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('invoice_reminders_once', ['invoice_id', 'step'])
    .execute();
  await db.schema
    .createIndex('invoice_reminders_created')
    .on('invoice_reminders')
    .columns(['created_at'])
    .execute();

  // Late fees: at most once per overdue invoice and rule; the fee is billed on its own invoice.
  await db.schema
    .createTable('late_fees')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('rule', 'varchar(50)', (c) => c.notNull())
    .addColumn('fee_invoice_id', id, (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('late_fees_once', ['invoice_id', 'rule'])
    .execute();

  await db.schema
    .alterTable('companies')
    .addColumn('reminders_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('companies')
    .addColumn('reminders_paused_reason', 'varchar(500)')
    .execute();
  // Open (issued, unpaid) invoices by company and due date: balances, aging and reminders.
  await db.schema
    .createIndex('invoices_open')
    .on('invoices')
    .columns(['company_id', 'status', 'due_date'])
    .execute();
  // Every open amount by company and due date, read from the index alone: the aging report as of
  // today touches only the invoices that still owe something, not every invoice ever issued.
  await db.schema
    .createIndex('invoices_receivable')
    .on('invoices')
    .columns(['status', 'kind', 'balance_cents', 'company_id', 'due_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX names the table on MySQL/MariaDB only (SQLite and PostgreSQL refuse the ON clause).
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  for (const name of ['invoices_receivable', 'invoices_open'])
    await (mysql ? db.schema.dropIndex(name).on('invoices') : db.schema.dropIndex(name)).execute();
  for (const c of ['reminders_paused', 'reminders_paused_reason'])
    await db.schema.alterTable('companies').dropColumn(c).execute();
  for (const t of [
    'late_fees',
    'invoice_reminders',
    'online_checkouts',
    'webhook_events',
    'idempotency_keys',
    'refunds',
    'payment_allocations',
    'payments',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
