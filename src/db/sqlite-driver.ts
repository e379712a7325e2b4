// Which better-sqlite3 to load. Version 12 aborts the process on Node >= 24.19 whenever a prepared
// statement is garbage-collected (its ObjectWrap cleanup hook meets a torn-down environment);
// version 13 fixes that but needs Node 22+ and crashes on Node 20. Both are installed (13 under the
// alias better-sqlite3-n22, with prebuilt N-API binaries) and the running Node picks one.
// Loaded on demand, so PostgreSQL and MySQL installations never load a SQLite binary at all.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

export const sqlitePackage = (nodeVersion = process.versions.node): string =>
  Number(nodeVersion.split('.')[0]) >= 22 ? 'better-sqlite3-n22' : 'better-sqlite3';

export function openSqlite(file: string): BetterSqlite3.Database {
  return new (loadDriver())(file);
}

function loadDriver(): typeof BetterSqlite3 {
  const name = sqlitePackage();
  try {
    return require(name) as typeof BetterSqlite3;
  } catch (err) {
    // node_modules installed under another Node major: the driver for this one was skipped (0015).
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(
      `The SQLite driver for Node ${process.versions.node} (${name}) is not installed: ` +
        'node_modules was installed under another Node version. Run `npm ci` with this Node.',
    );
  }
}
