// Frozen once landed: never edit, add a new numbered migration instead.
// Invoicing: tax rates, the service catalogue, each company's recurring service lines, invoices and
// credit notes with their lines, the recurring charges that make monthly billing idempotent, billing
// run records, and job leases for the in-process scheduler.
import type { Kysely } from 'kysely';
import { newId } from '../../lib/ids.ts';

const id = 'varchar(36)';
const instant = 'varchar(32)';
const date = 'varchar(10)';

export async function up(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();

  await db.schema
    .createTable('tax_rates')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('rate_ppm', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  // What the MSP sells month by month. A line is priced either at a fixed unit price or at unit cost
  // plus a markup in basis points (resold services such as backup storage or phone lines).
  await db.schema
    .createTable('service_catalog')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'varchar(1000)')
    /** support | backup | telephony | pbx | other */
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_cost_cents', 'bigint')
    .addColumn('markup_bp', 'integer')
    .addColumn('taxable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  // The brief's bundles, with example prices the admin is expected to change.
  const seed = [
    {
      name: 'IT support — additional user',
      kind: 'support',
      description: 'Managed support for one more user beyond the contract',
      unit_price_cents: 4500,
      unit_cost_cents: null,
      markup_bp: null,
    },
    {
      name: 'Azure backup — per protected server',
      kind: 'backup',
      description: 'Azure Backup storage and monitoring for one server',
      unit_price_cents: 4200,
      unit_cost_cents: 3000,
      markup_bp: 4000,
    },
    {
      name: 'Twilio phone service — per line',
      kind: 'telephony',
      description: 'Hosted phone number and SIP trunk line',
      unit_price_cents: 230,
      unit_cost_cents: 115,
      markup_bp: 10000,
    },
    {
      name: 'FreePBX management',
      kind: 'pbx',
      description: 'Monitoring, updates and changes to the customer’s FreePBX',
      unit_price_cents: 7500,
      unit_cost_cents: null,
      markup_bp: null,
    },
  ];
  await db
    .insertInto('service_catalog')
    .values(
      seed.map((s) => ({
        id: newId(),
        ...s,
        taxable: 1,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  // A company's recurring lines. unit_price_cents is what is charged per unit and month; when cost
  // and markup are given it was derived from them when the line was saved.
  await db.schema
    .createTable('company_services')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('catalog_id', id, (c) => c.references('service_catalog.id'))
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('quantity_thousandths', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost_cents', 'bigint')
    .addColumn('markup_bp', 'integer')
    .addColumn('taxable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('start_date', date, (c) => c.notNull())
    .addColumn('end_date', date)
    .addColumn('deleted_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('company_services_company')
    .on('company_services')
    .columns(['company_id', 'start_date'])
    .execute();

  // Companies: where billing stands and how ready-to-bill work is invoiced.
  // billing_anchor: the first period start the app billed; earlier periods are never charged.
  await db.schema.alterTable('companies').addColumn('billing_anchor', date).execute();
  // 1 = time and parts go on the monthly invoice; 0 = only when someone invoices them by hand.
  await db.schema
    .alterTable('companies')
    .addColumn('bill_work_monthly', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A tax rate for this company over the default (ignored when the company is tax exempt).
  await db.schema.alterTable('companies').addColumn('tax_rate_id', id).execute();

  await db.schema
    .createTable('billing_runs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('as_of', date, (c) => c.notNull())
    /** scheduler | cli | page | api */
    .addColumn('triggered_by', 'varchar(20)', (c) => c.notNull())
    /** running | completed | failed */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('invoices_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'varchar(1000)')
    .addColumn('actor_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant)
    .execute();
  await db.schema
    .createIndex('billing_runs_started')
    .on('billing_runs')
    .columns(['started_at'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    /** invoice | credit_note */
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    // Taken when issued (gapless per prefix and year); NULL while a draft.
    .addColumn('number', 'varchar(40)', (c) => c.unique())
    /** draft | issued | void */
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('issue_date', date)
    .addColumn('due_date', date)
    .addColumn('terms_days', 'integer', (c) => c.notNull())
    .addColumn('period_start', date)
    .addColumn('period_end', date)
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    // The customer as it was when the invoice was made (issued invoices never change).
    .addColumn('bill_to_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('bill_to_address', 'text')
    .addColumn('bill_to_email', 'varchar(255)')
    .addColumn('subtotal_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    // Running totals kept by payments (paid) and credit notes (credited); balance = total - both.
    .addColumn('paid_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('credited_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('credit_for_invoice_id', id)
    /** manual | billing_run | work_order */
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('billing_run_id', id)
    // company:period_start for a billing run's invoice: two runs can never both make one.
    .addColumn('run_key', 'varchar(100)', (c) => c.unique())
    .addColumn('notes', 'text')
    .addColumn('footer', 'text')
    .addColumn('created_by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('issued_at', instant)
    .addColumn('voided_at', instant)
    .addColumn('void_reason', 'varchar(500)')
    .addColumn('sent_at', instant)
    // Claimed by the automatic send so a re-run never emails an invoice twice.
    .addColumn('auto_sent_at', instant)
    .execute();
  await db.schema
    .createIndex('invoices_company')
    .on('invoices')
    .columns(['company_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invoices_created')
    .on('invoices')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invoices_status')
    .on('invoices')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invoices_issue_date')
    .on('invoices')
    .columns(['issue_date', 'id'])
    .execute();
  await db.schema
    .createIndex('invoices_due')
    .on('invoices')
    .columns(['status', 'due_date'])
    .execute();
  await db.schema
    .createIndex('invoices_credit_for')
    .on('invoices')
    .columns(['credit_for_invoice_id'])
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('invoice_id', id, (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** contract | service | time | part | manual | credit */
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('description', 'varchar(1000)', (c) => c.notNull())
    .addColumn('quantity_thousandths', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('tax_rate_id', id)
    .addColumn('tax_name', 'varchar(100)')
    .addColumn('tax_rate_ppm', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('period_start', date)
    .addColumn('period_end', date)
    .addColumn('service_id', id)
    .addColumn('work_order_id', id)
    /** time_entry | part | invoice_line (credited) */
    .addColumn('source_type', 'varchar(20)')
    .addColumn('source_id', id)
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invoice_lines_invoice')
    .on('invoice_lines')
    .columns(['invoice_id', 'position'])
    .execute();
  await db.schema
    .createIndex('invoice_lines_work_order')
    .on('invoice_lines')
    .columns(['work_order_id'])
    .execute();

  // One row per recurring line and period ever billed. The unique index is the guarantee that a
  // period is charged once, whichever process or retry gets there first.
  await db.schema
    .createTable('recurring_charges')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    // contract:<company id> for the monthly contract rate, service:<company service id> otherwise.
    .addColumn('source_key', 'varchar(100)', (c) => c.notNull())
    .addColumn('service_id', id)
    .addColumn('period_start', date, (c) => c.notNull())
    .addColumn('period_end', date, (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('invoice_id', id, (c) => c.notNull())
    .addColumn('invoice_line_id', id, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('recurring_charges_once', ['source_key', 'period_start'])
    .execute();
  await db.schema
    .createIndex('recurring_charges_invoice')
    .on('recurring_charges')
    .columns(['invoice_id'])
    .execute();
  await db.schema
    .createIndex('recurring_charges_company')
    .on('recurring_charges')
    .columns(['company_id', 'period_start'])
    .execute();

  // The scheduler's leases: one row per job; an instance runs the job only while it holds the lease.
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(100)')
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('last_run_at', instant)
    .addColumn('last_result', 'varchar(1000)')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'job_leases',
    'recurring_charges',
    'invoice_lines',
    'invoices',
    'billing_runs',
    'company_services',
    'service_catalog',
    'tax_rates',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  for (const c of ['billing_anchor', 'bill_work_monthly', 'tax_rate_id'])
    await db.schema.alterTable('companies').dropColumn(c).execute();
}
