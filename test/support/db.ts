// The dialect matrix. SQLite always runs; PostgreSQL and MariaDB/MySQL run when TEST_POSTGRES_URL /
// TEST_MYSQL_URL name a server. Each test file gets its own fresh database per dialect, migrated
// once; reset() empties every table so each test starts clean.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { connect } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Db, Dialect } from '../../src/db/database.ts';

export const DIALECTS: Dialect[] = [
  'sqlite',
  ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : []),
  ...(process.env.TEST_MYSQL_URL ? (['mysql'] as const) : []),
];

export type TestDb = {
  db: Db;
  dialect: Dialect;
  url: string;
  reset(): Promise<void>;
  destroy(): Promise<void>;
};

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A brand-new, empty database (no migrations run) and a function to drop it. */
export async function emptyDatabase(
  dialect: Dialect,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${testDbPrefix()}${randomBytes(5).toString('hex')}`;
  if (dialect === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} };
  if (dialect === 'postgres') {
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(process.env.TEST_POSTGRES_URL!, name),
      drop: async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const admin = await mysql.createConnection(process.env.TEST_MYSQL_URL!);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: withDatabase(process.env.TEST_MYSQL_URL!, name),
    drop: async () => {
      const c = await mysql.createConnection(process.env.TEST_MYSQL_URL!);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

async function tableNames(db: Db, dialect: Dialect): Promise<string[]> {
  const q =
    dialect === 'sqlite'
      ? // Virtual tables (the FTS5 search indexes) and their shadow tables are left out: triggers
        // empty them with their base tables, and SQLite refuses direct writes to shadow tables.
        sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
          and name not in (select name from pragma_table_list where type in ('virtual', 'shadow'))`
      : dialect === 'postgres'
        ? sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`
        : sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = database() and table_name not like 'kysely_%'`;
  return (await q.execute(db)).rows.map((r) => r.name);
}

/**
 * Names of this run's databases: st_test_<run>_… where test/support/global-setup.ts sets the run
 * and drops them all at the end (a file run without it keeps the plain st_test_ prefix).
 */
export const testDbPrefix = (run = process.env.ST_TEST_RUN) =>
  run ? `st_test_${run}_` : 'st_test_';

// Migrated server databases that a finished test file handed back, for the next file in this
// worker (files run one after another in a worker, sharing modules: vitest's isolate is off).
// Creating and migrating one costs ~1 s on MariaDB and PostgreSQL; a reset costs 10–20 ms.
const spare: Partial<Record<Dialect, TestDb[]>> = {};

export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  const kept = spare[dialect]?.pop();
  if (kept) {
    await kept.reset();
    return kept;
  }
  const made = await migratedTestDb(dialect);
  // Only a run whose global teardown drops its databases keeps them between files.
  if (dialect === 'sqlite' || !process.env.ST_TEST_RUN) return made;
  const reusable: TestDb = {
    ...made,
    async destroy() {
      const list = spare[dialect] ?? [];
      list.push(reusable);
      spare[dialect] = list;
    },
  };
  return reusable;
}

async function migratedTestDb(dialect: Dialect): Promise<TestDb> {
  const empty = await emptyDatabase(dialect);
  // Teardown drops the database WITH (FORCE); a pooled connection it ends is expected, not an error.
  const { db } = connect(empty.url, () => {});
  await migrateToLatest(db);
  const tables = await tableNames(db, dialect);
  // Rows the migrations seed (e.g. asset categories) come back after every reset.
  const seeds: [string, Record<string, unknown>[]][] = [];
  for (const t of tables) {
    const rows = (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${t}`).execute(db)).rows;
    if (rows.length) seeds.push([t, rows]);
  }
  const reseed = async () => {
    for (const [t, rows] of seeds)
      await db
        .insertInto(t as never)
        .values(rows as never)
        .execute();
  };
  return {
    db,
    dialect,
    url: empty.url,
    async reset() {
      if (dialect === 'postgres') {
        // DELETE with foreign-key triggers off (superuser, as the test server's postgres user is)
        // takes ~20 ms; a TRUNCATE of every table takes ~450 ms, once per test: minutes per run.
        await db.transaction().execute(async (trx) => {
          await sql`SET LOCAL session_replication_role = replica`.execute(trx);
          for (const t of tables) await sql.raw(`DELETE FROM "${t}"`).execute(trx);
        });
        await reseed();
        return;
      }
      await db.connection().execute(async (conn) => {
        if (dialect === 'mysql') await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(conn);
        else await sql`PRAGMA foreign_keys = OFF`.execute(conn);
        for (const t of tables) await sql.raw(`DELETE FROM ${t}`).execute(conn);
        if (dialect === 'mysql') await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(conn);
        else await sql`PRAGMA foreign_keys = ON`.execute(conn);
      });
      await reseed();
    },
    async destroy() {
      await db.destroy();
      await empty.drop();
    },
  };
}
