// Settings → Business profile: the customer portal's accent colour is set here, validated by field,
// and themes the portal (its stylesheet /portal/theme.css, since the CSP allows no inline styles).
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { getPage, signInAs, type Agent } from '../../../test/support/app.ts';

const profile = {
  name: 'Acme IT Services',
  address: '1 Main St',
  email: 'billing@acme.test',
  phone: '',
  timeZone: 'America/Chicago',
  currency: 'USD',
  invoicePrefix: 'INV',
};

describe.each(DIALECTS)('business profile on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;

  const save = async (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries({ _csrf: admin.csrf, ...profile, ...fields }))
      fd.append(k, v);
    const res = new Response(fd);
    return suite.app.inject({
      method: 'POST',
      url: '/settings/profile',
      headers: { cookie: admin.cookie, 'content-type': res.headers.get('content-type')! },
      payload: Buffer.from(await res.arrayBuffer()),
    });
  };
  const accent = async () =>
    (await suite.db.selectFrom('business_profile').select('accent_color').executeTakeFirstOrThrow())
      .accent_color;

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('saves the portal accent colour, which themes the portal', async () => {
    const page = await getPage(suite.app, admin, '/settings/profile');
    expect(page.body).toMatch(
      /<input[^>]*type="color"[^>]*name="accentColor"|name="accentColor"[^>]*type="color"/,
    );
    expect((await save({ accentColor: '#AA3366' })).statusCode).toBe(302);
    expect(await accent()).toBe('#aa3366');
    const css = await suite.app.inject({ url: '/portal/theme.css' });
    expect(css.body).toContain('--portal-accent:#aa3366');
  });

  it('refuses a colour that is not #rrggbb, naming the field, and saves nothing', async () => {
    const res = await save({ accentColor: 'blue' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Use a colour like #1d4e89');
    expect(res.body).toMatch(/id="f-accentColor"[^>]*aria-invalid="true"/);
    expect(await accent()).toBeNull();
  });
});
