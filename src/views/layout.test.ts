import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../../test/support/db.ts';
import { seedProfile, signInAs, testApp, testDeps } from '../../test/support/app.ts';
import type { Deps } from '../platform/context.ts';

describe('app shell', () => {
  let t: TestDb;
  let deps: Deps;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    deps = testDeps(t.db, 'sqlite');
    app = await testApp(deps);
    await seedProfile(t.db);
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('shows a technician their running-timer slot and timesheet link; not a read-only user', async () => {
    const tech = await signInAs(app, deps, 'technician');
    const page = await app.inject({ url: '/companies', headers: { cookie: tech.cookie } });
    expect(page.body).toContain('hx-get="/time/running"');
    expect(page.body).toContain('href="/time/timesheet"');
    const ro = await signInAs(app, deps, 'readonly');
    const roPage = await app.inject({ url: '/companies', headers: { cookie: ro.cookie } });
    expect(roPage.body).not.toContain('/time/running');
  });

  it('links every company tab, including work orders and ready to bill', async () => {
    const admin = await signInAs(app, deps, 'admin');
    const created = await app.inject({
      method: 'POST', url: '/companies', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrf, name: 'Tabs Co' }).toString(),
    });
    const id = created.headers.location!.toString().split('/').pop()!;
    const page = await app.inject({ url: `/companies/${id}`, headers: { cookie: admin.cookie } });
    for (const suffix of ['/assets', '/locations', '/credentials', '/documents', '/work-orders', '/unbilled']) expect(page.body).toContain(`href="/companies/${id}${suffix}"`);
    for (const suffix of ['/work-orders', '/unbilled']) expect((await app.inject({ url: `/companies/${id}${suffix}`, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });
});
