// Prepares and drops many statements through the app's own SQLite connection, forces garbage
// collection, and exits 0 only if the process survives. Guards against the better-sqlite3 abort
// on Node >= 24.19 (see src/db/sqlite-driver.ts). Run: node --expose-gc --import tsx scripts/sqlite-gc-check.ts
import { sql } from 'kysely';
import { connect } from '../src/db/connect.ts';
import { sqlitePackage } from '../src/db/sqlite-driver.ts';

const { db } = connect('sqlite::memory:');
for (let i = 0; i < 20_000; i++) await sql`select ${i} as x`.execute(db);
(globalThis as { gc?: () => void }).gc?.();
await new Promise((resolve) => setTimeout(resolve, 100));
await db.destroy();
console.log(
  `SQLite driver ${sqlitePackage()} survived garbage collection on Node ${process.version}`,
);
