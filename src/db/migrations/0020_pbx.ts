// Frozen once landed: never edit, add a new numbered migration instead.
// FreePBX configuration records (issue 13). pbx_systems: one phone system of a company, with its
// GraphQL API client id and the client secret sealed like a vault secret (lib/crypto.ts). A sync
// reads the PBX's configuration as one JSON document; pbx_snapshots keeps it only when it differs
// from the system's last snapshot (content_hash, SHA-256 of the canonical JSON). pbx_sync_log says
// what each sync did (snapshot taken, unchanged, or the error FreePBX gave). Snapshot content is
// mediumtext on MySQL/MariaDB (text stops at 64 KB there).
import { MysqlAdapter, sql, type Kysely } from 'kysely';

const id = 'varchar(36)';
const instant = 'varchar(32)';

export async function up(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  await db.schema
    .createTable('pbx_systems')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('company_id', id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('host_url', 'varchar(500)', (c) => c.notNull())
    .addColumn('version', 'varchar(50)')
    .addColumn('location_id', id)
    .addColumn('notes', 'text')
    .addColumn('client_id', 'varchar(200)')
    .addColumn('client_secret_enc', 'text')
    .addColumn('asterisk_version', 'varchar(50)')
    .addColumn('last_sync_at', instant)
    .addColumn('last_sync_outcome', 'varchar(20)')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pbx_systems_company')
    .on('pbx_systems')
    .columns(['company_id', 'name'])
    .execute();
  await db.schema
    .createTable('pbx_snapshots')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('pbx_system_id', id, (c) => c.notNull())
    .addColumn('taken_at', instant, (c) => c.notNull())
    .addColumn('taken_by', id)
    .addColumn('taken_by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('content', mysql ? sql.raw('mediumtext') : 'text', (c) => c.notNull())
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pbx_snapshots_system')
    .on('pbx_snapshots')
    .columns(['pbx_system_id', 'taken_at'])
    .execute();
  await db.schema
    .createTable('pbx_sync_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('pbx_system_id', id, (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('by_label', 'varchar(255)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('snapshot_id', id)
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('pbx_sync_log_system')
    .on('pbx_sync_log')
    .columns(['pbx_system_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const mysql = db.getExecutor().adapter instanceof MysqlAdapter;
  const drop = (index: string, table: string) => {
    const q = db.schema.dropIndex(index);
    return (mysql ? q.on(table) : q).execute();
  };
  await drop('pbx_sync_log_system', 'pbx_sync_log');
  await db.schema.dropTable('pbx_sync_log').execute();
  await drop('pbx_snapshots_system', 'pbx_snapshots');
  await db.schema.dropTable('pbx_snapshots').execute();
  await drop('pbx_systems_company', 'pbx_systems');
  await db.schema.dropTable('pbx_systems').execute();
}
