// Frozen once landed: never edit, add a new numbered migration instead.
// Contains-search (`search_text LIKE '%term%'`) through a trigram index, for companies, assets and
// work orders. Results do not change; only how they are found (decision 0011).
// - SQLite: an FTS5 table per searched table (tokenize='trigram'), `<table>_search`, holding the
//   row's text id and search_text, kept in step by triggers. Its rowid comes from a small key table
//   `<table>_search_keys` (INTEGER PRIMARY KEY, which VACUUM never renumbers, unlike the base tables'
//   implicit rowids), so a trigger finds a row's index entry by primary key instead of scanning the
//   index for the id.
// - PostgreSQL: pg_trgm GIN indexes, which the existing LIKE uses unchanged. A server that refuses
//   CREATE EXTENSION (a managed database without the privilege) keeps scanning, as before: the
//   migration still succeeds and says so on stderr.
// - MariaDB/MySQL: nothing (no n-gram LIKE index exists there); search keeps scanning.
import { PostgresAdapter, sql, SqliteAdapter, type Kysely } from 'kysely';

const TABLES = ['companies', 'assets', 'work_orders'] as const;

async function sqliteUp(db: Kysely<any>, t: string): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(
    `CREATE TABLE ${t}_search_keys (n INTEGER PRIMARY KEY, id varchar(36) NOT NULL UNIQUE)`,
  );
  await run(
    `CREATE VIRTUAL TABLE ${t}_search USING fts5(id UNINDEXED, search_text, tokenize='trigram')`,
  );
  await run(`INSERT INTO ${t}_search_keys (id) SELECT id FROM ${t} ORDER BY id`);
  await run(
    `INSERT INTO ${t}_search (rowid, id, search_text) SELECT k.n, b.id, b.search_text FROM ${t} b JOIN ${t}_search_keys k ON k.id = b.id`,
  );
  const entry = (id: string) => `(SELECT n FROM ${t}_search_keys WHERE id = ${id})`;
  await run(`CREATE TRIGGER ${t}_search_insert AFTER INSERT ON ${t} BEGIN
    INSERT INTO ${t}_search_keys (id) VALUES (new.id);
    INSERT INTO ${t}_search (rowid, id, search_text) VALUES (${entry('new.id')}, new.id, new.search_text);
  END`);
  // Updates rewrite search_text with every save; only a real change touches the index.
  await run(`CREATE TRIGGER ${t}_search_update AFTER UPDATE OF search_text ON ${t} WHEN old.search_text IS NOT new.search_text BEGIN
    UPDATE ${t}_search SET search_text = new.search_text WHERE rowid = ${entry('new.id')};
  END`);
  await run(`CREATE TRIGGER ${t}_search_delete AFTER DELETE ON ${t} BEGIN
    DELETE FROM ${t}_search WHERE rowid = ${entry('old.id')};
    DELETE FROM ${t}_search_keys WHERE id = old.id;
  END`);
}

/** CREATE EXTENSION in a savepoint: a refusal must not abort the migration's transaction. */
async function enablePgTrgm(db: Kysely<any>): Promise<boolean> {
  const inTransaction = db.isTransaction;
  if (inTransaction) await sql`SAVEPOINT pg_trgm`.execute(db);
  try {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    if (inTransaction) await sql`RELEASE SAVEPOINT pg_trgm`.execute(db);
    return true;
  } catch (err) {
    if (inTransaction) await sql`ROLLBACK TO SAVEPOINT pg_trgm`.execute(db);
    console.warn(
      `migration 0006_search_index: pg_trgm is not available (${(err as Error).message}); search keeps scanning. See docs/configuration.md.`,
    );
    return false;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) {
    for (const t of TABLES) await sqliteUp(db, t);
  } else if (adapter instanceof PostgresAdapter) {
    if (!(await enablePgTrgm(db))) return;
    for (const t of TABLES)
      await sql
        .raw(`CREATE INDEX ${t}_search_trgm ON ${t} USING gin (search_text gin_trgm_ops)`)
        .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const adapter = db.getExecutor().adapter;
  for (const t of TABLES) {
    if (adapter instanceof SqliteAdapter) {
      for (const trigger of ['insert', 'update', 'delete'])
        await sql.raw(`DROP TRIGGER IF EXISTS ${t}_search_${trigger}`).execute(db);
      await sql.raw(`DROP TABLE IF EXISTS ${t}_search`).execute(db);
      await sql.raw(`DROP TABLE IF EXISTS ${t}_search_keys`).execute(db);
    } else if (adapter instanceof PostgresAdapter) {
      // The extension stays: other objects may use it, and dropping it needs the same privilege.
      await sql.raw(`DROP INDEX IF EXISTS ${t}_search_trgm`).execute(db);
    }
  }
}
