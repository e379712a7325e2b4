// Once per vitest run: a run id for the server databases' names (test/support/db.ts), and at the
// end every database of this run dropped, including the ones kept for reuse between test files.
// Workers are started after setup(), so they inherit ST_TEST_RUN.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { testDbPrefix } from './db.ts';

export function setup() {
  process.env.ST_TEST_RUN ??= randomBytes(4).toString('hex');
}

export async function teardown() {
  const prefix = testDbPrefix();
  if (process.env.TEST_POSTGRES_URL) {
    const c = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await c.connect();
    const { rows } = await c.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await c.end();
  }
  if (process.env.TEST_MYSQL_URL) {
    const c = await mysql.createConnection(process.env.TEST_MYSQL_URL);
    const [rows] = await c.query<mysql.RowDataPacket[]>(
      'SELECT schema_name AS name FROM information_schema.schemata WHERE LEFT(schema_name, ?) = ?',
      [prefix.length, prefix],
    );
    for (const r of rows) await c.query(`DROP DATABASE IF EXISTS \`${r.name as string}\``);
    await c.end();
  }
}
