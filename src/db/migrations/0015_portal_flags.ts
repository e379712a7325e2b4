// Frozen once landed: never edit, add a new numbered migration instead.
// The customer portal's foundation (issue 12). Per contact: what staff let them see (billing:
// invoices, payments, paying; service: assets, work orders), their invoice email preference (work
// order emails already have email_opt_out), their own TOTP second factor and last portal sign-in.
// Portal password links (invites and "forgot password") get their own table, keyed by the SHA-256
// of the token like password_resets. sessions.acting_user_id marks an admin's read-only
// "view as customer" session. business_profile.accent_color themes the portal.
import { MysqlAdapter, type Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';

// One column per statement: SQLite's ALTER TABLE adds one at a time.
const CONTACT_COLUMNS: [string, string, boolean | number | null][] = [
  ['portal_billing', 'integer', 0],
  ['portal_service', 'integer', 0],
  ['invoice_emails', 'integer', 1],
  ['totp_secret_enc', 'varchar(255)', null],
  ['totp_enabled', 'integer', 0],
  ['totp_last_step', 'bigint', null],
  ['recovery_codes', 'text', null],
  ['last_login_at', instant, null],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, dflt] of CONTACT_COLUMNS) {
    await db.schema
      .alterTable('contacts')
      .addColumn(name, type as 'integer', (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
      .execute();
  }
  await db.schema.alterTable('sessions').addColumn('acting_user_id', id).execute();
  await db.schema.alterTable('business_profile').addColumn('accent_color', 'varchar(7)').execute();
  await db.schema
    .createTable('portal_links')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('contact_id', id, (c) => c.notNull())
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .addColumn('used_at', instant)
    .execute();
  await db.schema
    .createIndex('portal_links_contact')
    .on('portal_links')
    .columns(['contact_id', 'used_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const q = db.schema.dropIndex('portal_links_contact');
  await (db.getExecutor().adapter instanceof MysqlAdapter ? q.on('portal_links') : q).execute();
  await db.schema.dropTable('portal_links').execute();
  await db.schema.alterTable('business_profile').dropColumn('accent_color').execute();
  await db.schema.alterTable('sessions').dropColumn('acting_user_id').execute();
  for (const [name] of [...CONTACT_COLUMNS].reverse())
    await db.schema.alterTable('contacts').dropColumn(name).execute();
}
