// Frozen once landed: never edit, add a new numbered migration instead.
// Portable across SQLite, PostgreSQL and MySQL/MariaDB: varchar for anything indexed, text for
// long values, bigint for cents, integer 0/1 for booleans, ISO text for dates and instants.
import type { Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('email', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('totp_secret_enc', 'varchar(255)')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('recovery_codes', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_sort', 'varchar(200)', (c) => c.notNull())
    .addColumn('search_text', 'varchar(1000)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('phone', 'varchar(50)')
    .addColumn('email', 'varchar(255)')
    .addColumn('website', 'varchar(255)')
    .addColumn('billing_address', 'text')
    .addColumn('billing_contact_id', id)
    .addColumn('monthly_rate_cents', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('contract_start', 'varchar(10)')
    .addColumn('billing_day', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('payment_terms_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('tax_exempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('companies_status_name')
    .on('companies')
    .columns(['status', 'name_sort', 'id'])
    .execute();
  await db.schema
    .createIndex('companies_name')
    .on('companies')
    .columns(['name_sort', 'id'])
    .execute();
  await db.schema
    .createIndex('companies_created')
    .on('companies')
    .columns(['created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('companies_rate')
    .on('companies')
    .columns(['monthly_rate_cents', 'id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().references('companies.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_sort', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)')
    .addColumn('email', 'varchar(255)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('notes', 'text')
    .addColumn('portal_access', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_company')
    .on('contacts')
    .columns(['company_id', 'name_sort', 'id'])
    .execute();
  await db.schema.createIndex('contacts_email').on('contacts').columns(['email']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('principal_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('principal_id', id, (c) => c.notNull())
    .addColumn('pending_2fa', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_seen_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(255)')
    .execute();
  await db.schema
    .createIndex('sessions_principal')
    .on('sessions')
    .columns(['principal_type', 'principal_id'])
    .execute();
  await db.schema.createIndex('sessions_expires').on('sessions').columns(['expires_at']).execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(20)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant)
    .addColumn('revoked_at', instant)
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('email', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_email')
    .on('login_failures')
    .columns(['email', 'at'])
    .execute();
  await db.schema
    .createIndex('login_failures_ip')
    .on('login_failures')
    .columns(['ip', 'at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('actor_type', 'varchar(10)', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('entity_id', id)
    .addColumn('company_id', id)
    .addColumn('summary', 'text')
    .addColumn('ip', 'varchar(64)')
    .execute();
  await db.schema
    .createIndex('audit_log_entity')
    .on('audit_log')
    .columns(['entity_type', 'entity_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_actor')
    .on('audit_log')
    .columns(['actor_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_company')
    .on('audit_log')
    .columns(['company_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_action')
    .on('audit_log')
    .columns(['action', 'id'])
    .execute();

  await db.schema
    .createTable('business_profile')
    .addColumn('id', 'varchar(20)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('email', 'varchar(255)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('logo_key', 'varchar(255)')
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('currency', 'varchar(3)', (c) => c.notNull())
    .addColumn('invoice_prefix', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('used_at', instant)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'password_resets',
    'business_profile',
    'audit_log',
    'login_failures',
    'api_keys',
    'sessions',
    'contacts',
    'companies',
    'users',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
