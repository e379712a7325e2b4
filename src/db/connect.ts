// Opens the database named by DATABASE_URL: SQLite (default, WAL), PostgreSQL or MySQL/MariaDB.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createPool } from 'mysql2';
import type { Database, Db, Dialect } from './database.ts';
import { openSqlite } from './sqlite-driver.ts';

export type Connection = { db: Db; dialect: Dialect };

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) return 'mysql';
  throw new Error(`DATABASE_URL: unsupported scheme in ${url.split(':')[0]}:`);
}

export function connect(
  url: string,
  onIdleError: (err: Error) => void = (err) =>
    console.error(`database connection lost: ${err.message}`),
): Connection {
  const dialect = dialectOf(url);
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = openSqlite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    return {
      dialect,
      db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
    };
  }
  if (dialect === 'postgres') {
    // int8 (bigint: cents, counts) as JS numbers; amounts stay far below 2^53.
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'),
    };
    const pool = new pg.Pool({ connectionString: url, max: 10, types } as pg.PoolConfig);
    // An idle connection dropped by the server (restart, failover, admin kill) is reported here;
    // unhandled, it would crash the process. The pool replaces the connection on next use.
    pool.on('error', (err) => onIdleError(err));
    return { dialect, db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  const pool = createPool({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    connectionLimit: 10,
    supportBigNumbers: true,
    bigNumberStrings: false,
    charset: 'utf8mb4',
  });
  return { dialect, db: new Kysely<Database>({ dialect: new MysqlDialect({ pool }) }) };
}
