// Frozen once landed: never edit, add a new numbered migration instead.
// Phone services, the Twilio half (issue 13). The MSP's main Twilio account (Account SID, auth token
// sealed with the key ring) is one JSON value in app_settings ('telephony.twilio'), as the online
// payment keys are, so it needs no table. Here:
// - telephony_accounts: a company's Twilio subaccount (one per company, one company per subaccount),
//   its auth token sealed like the vault (lib/crypto.ts), and the last sync's time and outcome.
// - phone_numbers: synced from Twilio (source 'twilio', twilio_sid unique) or kept by hand ('manual');
//   a number gone from Twilio gets status 'released' and released_at, and is never deleted.
// - telephony_usage: one row per (account_sid, category, period_start, period_end), so a re-pull
//   updates in place. quantity/count are Twilio's decimal strings kept as sent; cost_millicents is
//   the price in thousandths of a cent (USD 0.0125 = 1250), parsed from the decimal string without
//   floating point and rounded once, half away from zero, to the thousandth of a cent.
// - telephony_sync_log: each sync's result (added, changed, released, usage rows, or the error).
import { MysqlAdapter, type Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';
const sid = 'varchar(34)';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('telephony_accounts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull().unique())
    .addColumn('account_sid', sid, (c) => c.notNull().unique())
    .addColumn('friendly_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('auth_token_enc', 'text')
    .addColumn('last_sync_at', instant)
    .addColumn('last_sync_outcome', 'varchar(500)')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('phone_numbers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('account_sid', sid)
    .addColumn('twilio_sid', sid, (c) => c.unique())
    .addColumn('e164', 'varchar(20)', (c) => c.notNull())
    .addColumn('friendly_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('number_type', 'varchar(32)')
    .addColumn('capabilities', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('voice_url', 'varchar(1000)')
    .addColumn('trunk_sid', sid)
    .addColumn('date_added', instant)
    .addColumn('released_at', instant)
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('phone_numbers_company')
    .on('phone_numbers')
    .columns(['company_id', 'e164'])
    .execute();
  await db.schema
    .createTable('telephony_usage')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('account_sid', sid, (c) => c.notNull())
    .addColumn('category', 'varchar(100)', (c) => c.notNull())
    .addColumn('period_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('period_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)')
    .addColumn('quantity', 'varchar(32)', (c) => c.notNull())
    .addColumn('unit', 'varchar(32)', (c) => c.notNull())
    .addColumn('event_count', 'varchar(32)')
    .addColumn('count_unit', 'varchar(32)')
    .addColumn('cost_millicents', 'bigint', (c) => c.notNull())
    .addColumn('price_unit', 'varchar(8)', (c) => c.notNull())
    .addColumn('as_of', instant)
    .addColumn('pulled_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('telephony_usage_period')
    .on('telephony_usage')
    .columns(['account_sid', 'category', 'period_start', 'period_end'])
    .unique()
    .execute();
  await db.schema
    .createIndex('telephony_usage_company')
    .on('telephony_usage')
    .columns(['company_id', 'period_start'])
    .execute();
  await db.schema
    .createTable('telephony_sync_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('account_sid', sid, (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('released', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('usage_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'varchar(1000)')
    .execute();
  await db.schema
    .createIndex('telephony_sync_log_company')
    .on('telephony_sync_log')
    .columns(['company_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const drop = (index: string, table: string) => {
    const q = db.schema.dropIndex(index);
    return (mysql ? q.on(table) : q).execute();
  };
  await drop('telephony_sync_log_company', 'telephony_sync_log');
  await db.schema.dropTable('telephony_sync_log').execute();
  await drop('telephony_usage_company', 'telephony_usage');
  await drop('telephony_usage_period', 'telephony_usage');
  await db.schema.dropTable('telephony_usage').execute();
  await drop('phone_numbers_company', 'phone_numbers');
  await db.schema.dropTable('phone_numbers').execute();
  await db.schema.dropTable('telephony_accounts').execute();
}
