// The benchmark database: where it lives, whether it has data, how to wipe it, how to fill it.
// Generation runs in one transaction, so a database has either the whole data set or none of it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connect, dialectOf } from '../src/db/connect.ts';
import type { Db } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { LARGE_MSP, stepContext, type Scale, type World } from './generators/context.ts';
import { STEPS } from './generators/index.ts';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = path.join(BENCH_DIR, '.data');
export const DEFAULT_URL = `sqlite:${path.join(DATA_DIR, 'bench.db')}`;
export const DEFAULT_SEED = 20_261_101;

export const benchUrl = (env: Record<string, string | undefined> = process.env) =>
  env.DATABASE_URL || DEFAULT_URL;

/** Row counts of the generated tables, for the report. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of STEPS.map((s) => s.table)) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(
      db,
    );
    out[t] = Number(r.rows[0].n);
  }
  return out;
}

export async function hasData(db: Db): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return Boolean(r);
}

/**
 * Deletes the benchmark database. SQLite: the file and its WAL. A server database is emptied only
 * when its name says it is disposable (contains "bench" or "test"), never someone's real data.
 */
export async function wipe(url: string): Promise<void> {
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return;
  }
  const name = new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.slice(1);
  if (!/bench|test/i.test(name))
    throw new Error(
      `--fresh on a server database needs a database whose name contains "bench" or "test" (got "${name}")`,
    );
  const { db } = connect(url);
  try {
    if (dialect === 'postgres') {
      await sql`drop schema public cascade`.execute(db);
      await sql`create schema public`.execute(db);
    } else {
      const tables = await sql<{
        t: string;
      }>`select table_name as t from information_schema.tables where table_schema = database()`.execute(
        db,
      );
      await db.connection().execute(async (c) => {
        await sql`set foreign_key_checks = 0`.execute(c);
        for (const { t } of tables.rows) await sql`drop table ${sql.table(t)}`.execute(c);
        await sql`set foreign_key_checks = 1`.execute(c);
      });
    }
  } finally {
    await db.destroy();
  }
}

export type GenerateOptions = {
  url: string;
  seed?: number;
  scale?: Scale;
  fresh?: boolean;
  log?: (msg: string) => void;
};
export type GenerateResult = {
  counts: Record<string, number>;
  ms: number;
  stepsMs: Record<string, number>;
};

/** Migrates and fills the database. Refuses when it already has data, unless `fresh`. */
export async function generateDataset(o: GenerateOptions): Promise<GenerateResult> {
  const log = o.log ?? (() => {});
  const seed = o.seed ?? DEFAULT_SEED;
  const scale = o.scale ?? LARGE_MSP;
  if (o.fresh) await wipe(o.url);
  const { db, dialect } = connect(o.url);
  try {
    const started = performance.now();
    await migrateToLatest(db);
    if (await hasData(db)) {
      throw new Error(
        `the benchmark database already has data (${o.url}); pass --fresh to recreate it`,
      );
    }
    const world: World = { staff: [], companies: [], contacts: [] };
    const stepsMs: Record<string, number> = {};
    await db.transaction().execute(async (trx) => {
      for (const step of STEPS) {
        const t = performance.now();
        await step.run(stepContext({ trx, dialect, scale, world }, seed, step.name));
        stepsMs[step.name] = Math.round(performance.now() - t);
        log(`  ${step.name.padEnd(12)} ${String(stepsMs[step.name]).padStart(6)} ms`);
      }
    });
    // Fresh statistics, so the planner sees the bulk-loaded tables as they are. PostgreSQL also
    // gets a VACUUM, as autovacuum would soon give it: the payments step updates every paid invoice
    // (about 170,000 dead row versions), and without a visibility map no count or report can use an
    // index-only scan. A server with autovacuum off (a test server) would otherwise keep the
    // bulk-load state, and the invoice list, aging report and dashboard would measure it (5-10x slower).
    if (dialect === 'mysql')
      await sql`analyze table ${sql.join(STEPS.map((s) => sql.table(s.table)))}`.execute(db);
    else if (dialect === 'postgres') await sql`vacuum analyze`.execute(db);
    else await sql`analyze`.execute(db);
    return { counts: await tableCounts(db), ms: Math.round(performance.now() - started), stepsMs };
  } finally {
    await db.destroy();
  }
}
