import { describe, expect, it } from 'vitest';
import { openSqlite, sqlitePackage } from './sqlite-driver.ts';

describe('SQLite driver choice', () => {
  it('uses better-sqlite3 12 on Node 20 and 13 (alias better-sqlite3-n22) from Node 22 on', () => {
    expect(sqlitePackage('20.20.2')).toBe('better-sqlite3');
    expect(sqlitePackage('22.12.0')).toBe('better-sqlite3-n22');
    expect(sqlitePackage('24.21.0')).toBe('better-sqlite3-n22');
  });

  it('opens a working database with the driver for the running Node', () => {
    const db = openSqlite(':memory:');
    expect(db.prepare('select sqlite_version() as v').get()).toMatchObject({
      v: expect.stringMatching(/^3\./),
    });
    db.close();
  });
});
