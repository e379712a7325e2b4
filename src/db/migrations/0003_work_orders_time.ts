// Frozen once landed: never edit, add a new numbered migration instead.
// Work orders, their assets and comments, time entries (with a running-timer guard), parts and
// expenses, saved list views, gapless counters, app settings (rates, time rounding), an email log,
// and the rate columns on users and companies.
import type { Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';
const date = 'varchar(10)';

export async function up(db: Kysely<any>): Promise<void> {
  // Gapless human numbers: one row per series, incremented inside the writing transaction.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'varchar(50)', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('counters').values({ name: 'work_order', value: 0 }).execute();

  // Small typed settings (default hourly rate, time rounding, ...), JSON-encoded values.
  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema.alterTable('users').addColumn('hourly_rate_cents', 'bigint').execute();
  await db.schema.alterTable('users').addColumn('cost_rate_cents', 'bigint').execute();
  await db.schema.alterTable('companies').addColumn('hourly_rate_cents', 'bigint').execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('email_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('work_orders')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('number', 'bigint', (c) => c.notNull().unique())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('contact_id', id, (c) => c.references('contacts.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('priority', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('assigned_to_id', id, (c) => c.references('users.id'))
    .addColumn('scheduled_for', date)
    .addColumn('due_on', date)
    .addColumn('source', 'varchar(10)', (c) => c.notNull())
    .addColumn('billing', 'varchar(10)', (c) => c.notNull())
    .addColumn('search_text', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('resolved_at', instant)
    .addColumn('closed_at', instant)
    .execute();
  await db.schema
    .createIndex('work_orders_company')
    .on('work_orders')
    .columns(['company_id', 'status', 'number'])
    .execute();
  await db.schema
    .createIndex('work_orders_status')
    .on('work_orders')
    .columns(['status', 'priority', 'number'])
    .execute();
  await db.schema
    .createIndex('work_orders_assignee')
    .on('work_orders')
    .columns(['assigned_to_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('work_orders_due')
    .on('work_orders')
    .columns(['due_on', 'status'])
    .execute();
  await db.schema
    .createIndex('work_orders_updated')
    .on('work_orders')
    .columns(['updated_at', 'id'])
    .execute();

  await db.schema
    .createTable('work_order_assets')
    .addColumn('work_order_id', id, (c) => c.notNull().references('work_orders.id'))
    .addColumn('asset_id', id, (c) => c.notNull().references('assets.id'))
    .addPrimaryKeyConstraint('work_order_assets_pk', ['work_order_id', 'asset_id'])
    .execute();
  await db.schema
    .createIndex('work_order_assets_asset')
    .on('work_order_assets')
    .columns(['asset_id', 'work_order_id'])
    .execute();

  await db.schema
    .createTable('work_order_comments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('work_order_id', id, (c) => c.notNull().references('work_orders.id'))
    .addColumn('author_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('author_id', id)
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('visibility', 'varchar(10)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_order_comments_wo')
    .on('work_order_comments')
    .columns(['work_order_id', 'created_at'])
    .execute();

  // Attachments of comments are documents linked to the work order (and optionally the comment).
  await db.schema.alterTable('documents').addColumn('work_order_id', id).execute();
  await db.schema.alterTable('documents').addColumn('comment_id', id).execute();
  await db.schema
    .createIndex('documents_work_order')
    .on('documents')
    .columns(['work_order_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('time_entries')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('work_order_id', id, (c) => c.notNull().references('work_orders.id'))
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('user_name', 'varchar(200)', (c) => c.notNull())
    // Set to user_id only while the timer runs: the unique index allows one running timer per
    // technician (NULLs never collide on any of the three databases).
    .addColumn('running_user_id', id, (c) => c.unique())
    .addColumn('started_at', instant)
    .addColumn('ended_at', instant)
    .addColumn('work_date', date, (c) => c.notNull())
    .addColumn('minutes_raw', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('billable', 'integer', (c) => c.notNull())
    .addColumn('rate_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_rate_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('billable_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_id', id)
    .addColumn('invoiced_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('time_entries_wo')
    .on('time_entries')
    .columns(['work_order_id', 'work_date'])
    .execute();
  await db.schema
    .createIndex('time_entries_user_date')
    .on('time_entries')
    .columns(['user_id', 'work_date'])
    .execute();
  await db.schema
    .createIndex('time_entries_unbilled')
    .on('time_entries')
    .columns(['company_id', 'billable', 'invoice_id'])
    .execute();

  await db.schema
    .createTable('work_order_parts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('work_order_id', id, (c) => c.notNull().references('work_orders.id'))
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('quantity_thousandths', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('markup_bp', 'integer')
    .addColumn('billable', 'integer', (c) => c.notNull())
    .addColumn('total_cost_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('total_price_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_id', id)
    .addColumn('invoiced_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('work_order_parts_wo')
    .on('work_order_parts')
    .columns(['work_order_id'])
    .execute();
  await db.schema
    .createIndex('work_order_parts_unbilled')
    .on('work_order_parts')
    .columns(['company_id', 'billable', 'invoice_id'])
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('area', 'varchar(50)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('query', 'varchar(1000)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_views_user')
    .on('saved_views')
    .columns(['user_id', 'area'])
    .execute();

  // Every email the app sends (or fails to send): who, what, about which record.
  await db.schema
    .createTable('email_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('to_address', 'varchar(255)', (c) => c.notNull())
    .addColumn('subject', 'varchar(500)', (c) => c.notNull())
    .addColumn('kind', 'varchar(50)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(50)')
    .addColumn('entity_id', id)
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('error', 'varchar(1000)')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('email_log_entity')
    .on('email_log')
    .columns(['entity_type', 'entity_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('email_log_created')
    .on('email_log')
    .columns(['created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'email_log',
    'saved_views',
    'work_order_parts',
    'time_entries',
    'work_order_comments',
    'work_order_assets',
    'work_orders',
    'app_settings',
    'counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
