import { describe, expect, it } from 'vitest';
import { useAppSuite } from '../../test/support/suite.ts';
import { signInAs } from '../../test/support/app.ts';

describe('app shell', () => {
  const suite = useAppSuite('sqlite', { reset: 'once' });

  it('shows a technician their running-timer slot and timesheet link; not a read-only user', async () => {
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const page = await suite.app.inject({ url: '/companies', headers: { cookie: tech.cookie } });
    expect(page.body).toContain('hx-get="/time/running"');
    expect(page.body).toContain('href="/time/timesheet"');
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    const roPage = await suite.app.inject({ url: '/companies', headers: { cookie: ro.cookie } });
    expect(roPage.body).not.toContain('/time/running');
  });

  it('links every company tab, including work orders and ready to bill', async () => {
    const admin = await signInAs(suite.app, suite.deps, 'admin');
    const created = await suite.app.inject({
      method: 'POST',
      url: '/companies',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrf, name: 'Tabs Co' }).toString(),
    });
    const id = created.headers.location!.toString().split('/').pop()!;
    const page = await suite.app.inject({
      url: `/companies/${id}`,
      headers: { cookie: admin.cookie },
    });
    for (const suffix of [
      '/assets',
      '/locations',
      '/credentials',
      '/documents',
      '/work-orders',
      '/unbilled',
    ])
      expect(page.body).toContain(`href="/companies/${id}${suffix}"`);
    for (const suffix of ['/work-orders', '/unbilled'])
      expect(
        (
          await suite.app.inject({
            url: `/companies/${id}${suffix}`,
            headers: { cookie: admin.cookie },
          })
        ).statusCode,
      ).toBe(200);
  });
});
