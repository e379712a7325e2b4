import { afterAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { DIALECTS, emptyDatabase } from '../../test/support/db.ts';
import { connect } from './connect.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import type { Db, Dialect } from './database.ts';

const FOUNDATION_TABLES = [
  'users',
  'companies',
  'contacts',
  'sessions',
  'api_keys',
  'login_failures',
  'audit_log',
  'business_profile',
  'password_resets',
];

async function tables(db: Db, dialect: Dialect): Promise<string[]> {
  const q =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'table'`
      : dialect === 'postgres'
        ? sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`
        : sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = database()`;
  return (await q.execute(db)).rows.map((r) => r.name);
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it('run on an empty database, create the schema, and apply nothing the second time', async () => {
    const empty = await emptyDatabase(dialect);
    cleanup.push(empty.drop);
    const { db } = connect(empty.url);
    cleanup.push(() => db.destroy());

    expect(await tables(db, dialect)).not.toContain('users');
    const applied = await migrateToLatest(db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(applied[0]).toBe('0001_foundation');

    const names = await tables(db, dialect);
    expect(names).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
    // The schema really works: a row goes in and comes out on this dialect.
    const now = new Date().toISOString();
    await db
      .insertInto('login_failures')
      .values({ id: 'f1', email: 'a@b.test', ip: '127.0.0.1', at: now })
      .execute();
    expect(await db.selectFrom('login_failures').select('email').execute()).toEqual([
      { email: 'a@b.test' },
    ]);

    expect(await migrateToLatest(db)).toEqual([]);
    expect((await tables(db, dialect)).sort()).toEqual(names.sort());
  });

  it('undoes the migrations after 0003 and applies them again (their down() works on this dialect)', async () => {
    const empty = await emptyDatabase(dialect);
    cleanup.push(empty.drop);
    const { db } = connect(empty.url);
    cleanup.push(() => db.destroy());
    await migrateToLatest(db);
    const all = (await tables(db, dialect)).sort();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('0003_work_orders_time');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual(
      Object.keys(migrations)
        .filter((m) => m > '0003_work_orders_time')
        .reverse(),
    );
    expect(await tables(db, dialect)).not.toContain('invoices');
    expect(await migrateToLatest(db)).toEqual(
      Object.keys(migrations).filter((m) => m > '0003_work_orders_time'),
    );
    expect((await tables(db, dialect)).sort()).toEqual(all);
  });
});
