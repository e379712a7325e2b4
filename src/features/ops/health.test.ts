import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { testApp, testDeps } from '../../../test/support/app.ts';
import { connect } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';

describe.each(DIALECTS)('GET /healthz on %s', (dialect) => {
  const suite = useAppSuite(dialect, { reset: 'once', profile: false });

  it('answers 200 with the database dialect, before setup and without signing in', async () => {
    const res = await suite.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: dialect });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /healthz when the database is gone', () => {
  it('answers 503 unavailable', async () => {
    const { db } = connect('sqlite::memory:');
    await migrateToLatest(db);
    const app = await testApp(testDeps(db, 'sqlite'));
    try {
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await db.destroy();
      const res = await app.inject({ url: '/healthz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'unavailable', db: 'sqlite' });
    } finally {
      await app.close();
    }
  });
});
