import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS, createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedProfile, signInAs, testApp, testDeps, type Agent } from '../../../test/support/app.ts';
import { addAsset, companyWithSite } from '../assets/test-helpers.ts';

describe.each(DIALECTS)('global search on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let admin: Agent;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    const deps = testDeps(t.db, dialect);
    app = await testApp(deps);
    await seedProfile(t.db);
    admin = await signInAs(app, deps, 'readonly');
    const writer = await signInAs(app, deps, 'admin');
    const { companyId } = await companyWithSite(app, writer, t.db, 'Quartz Dental');
    await addAsset(app, writer, companyId, {
      name: 'QUARTZ-PC01',
      serial: 'SN-778899',
      ipAddresses: '10.9.8.7',
    });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('finds companies, contacts and assets (by name, serial or IP), each linked', async () => {
    const byName = await app.inject({ url: '/search?q=quartz', headers: { cookie: admin.cookie } });
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain('Quartz Dental');
    expect(byName.body).toContain('Quartz Dental Person');
    expect(byName.body).toContain('QUARTZ-PC01');
    const bySerial = await app.inject({
      url: '/search?q=sn-7788',
      headers: { cookie: admin.cookie },
    });
    expect(bySerial.body).toMatch(/href="\/assets\/[^"]+">QUARTZ-PC01/);
    const byIp = await app.inject({ url: '/search?q=10.9.8', headers: { cookie: admin.cookie } });
    expect(byIp.body).toContain('QUARTZ-PC01');
    const none = await app.inject({
      url: '/search?q=zzzz-nothing',
      headers: { cookie: admin.cookie },
    });
    expect(none.body).toContain('Nothing matches');
  });
});
