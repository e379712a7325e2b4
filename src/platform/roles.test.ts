// The role matrix over HTTP. The expectations are written out here, not derived from
// permissions.ts, so that a change to the matrix has to change this table too.
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/db.ts';
import { useAppSuite } from '../../test/support/suite.ts';
import { memoryMailer, postForm, signInAs, type Agent } from '../../test/support/app.ts';
import type { Role } from './actor.ts';

const ROLES: Role[] = ['admin', 'billing', 'technician', 'readonly'];
const ALL = ROLES;
const A = 'admin';
const B = 'billing';
const T = 'technician';
const R = 'readonly';

/** Staff pages: who may open each. Everyone else gets 403. `:id` is an existing company. */
const PAGES: [string, Role[]][] = [
  ['/', ALL],
  ['/companies', ALL],
  ['/companies/new', [A, B, T]],
  ['/companies/:id', ALL],
  ['/companies/:id/edit', [A, B, T]],
  ['/settings', [A]],
  ['/settings/users', [A]],
  ['/settings/api-keys', [A]],
  ['/settings/audit', [A]],
  ['/settings/profile', [A]],
  ['/search?q=x', ALL],
  ['/assets', ALL],
  ['/work-orders', ALL],
  ['/billing', [A, B, R]],
  ['/payments', [A, B, R]],
  ['/phone-services', ALL],
  ['/reports', [A, B, R]],
  ['/account', ALL],
];

let seq = 0;
/** State-changing forms: who may submit each, and a valid form for it. */
const ACTIONS: [string, Role[], () => Record<string, string>][] = [
  [
    '/companies',
    [A, B, T],
    () => ({ name: `Posted Co ${++seq}`, billingDay: '1', paymentTermsDays: '30' }),
  ],
  ['/companies/:id/deactivate', [A, B], () => ({})],
  [
    '/settings/users',
    [A],
    () => ({ email: `invited${++seq}@acme.test`, name: `Invited ${seq}`, role: 'readonly' }),
  ],
  ['/settings/api-keys', [A], () => ({ name: `Key ${++seq}`, role: 'readonly' })],
];

const allowed = (status: number) => status >= 200 && status < 400;

describe.each(DIALECTS)('role matrix on %s', (dialect) => {
  const suite = useAppSuite(dialect, { deps: { mailer: memoryMailer() }, reset: 'once' });
  const agents = {} as Record<Role, Agent>;
  let companyId: string;

  beforeAll(async () => {
    for (const role of ROLES) agents[role] = await signInAs(suite.app, suite.deps, role);
    const created = await postForm(suite.app, agents.admin, '/companies', {
      name: 'Matrix Co',
      billingDay: '1',
      paymentTermsDays: '30',
    });
    expect(created.statusCode).toBe(302);
    companyId = created.headers.location!.toString().split('/').pop()!;
  });

  const withId = (url: string) => url.replace(':id', companyId);

  describe.each(ROLES)('as %s', (role) => {
    it.each(PAGES)(`GET %s`, async (url, who) => {
      const res = await suite.app.inject({
        url: withId(url),
        headers: { cookie: agents[role].cookie },
      });
      if (url === '/' && role === 'technician') {
        // A technician's home is their work queue ("My work", src/features/dashboard).
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('<h1 class="h3 mb-0">My work</h1>');
      } else if (who.includes(role)) {
        expect(res.statusCode, `${role} should open ${url}`).toBe(200);
      } else {
        expect(res.statusCode, `${role} should be refused ${url}`).toBe(403);
        expect(res.body).toContain(`Your role (${role}) cannot do this.`);
      }
    });

    it.each(ACTIONS)(`POST %s`, async (url, who, fields) => {
      const res = await postForm(suite.app, agents[role], withId(url), fields());
      if (who.includes(role))
        expect(
          allowed(res.statusCode),
          `${role} should be allowed POST ${url} (got ${res.statusCode})`,
        ).toBe(true);
      else expect(res.statusCode, `${role} should be refused POST ${url}`).toBe(403);
    });
  });

  it('writes nothing when a role is refused', async () => {
    const count = async (table: 'companies' | 'users' | 'api_keys') =>
      Number(
        (
          await suite.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await postForm(suite.app, agents.admin, `/companies/${companyId}/reactivate`, {});
    const before = {
      companies: await count('companies'),
      users: await count('users'),
      keys: await count('api_keys'),
    };
    expect(
      (
        await postForm(suite.app, agents.readonly, '/companies', {
          name: 'Nope',
          billingDay: '1',
          paymentTermsDays: '30',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await postForm(suite.app, agents.technician, `/companies/${companyId}/deactivate`, {}))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await postForm(suite.app, agents.billing, '/settings/users', {
          email: 'x@acme.test',
          name: 'X',
          role: 'admin',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await postForm(suite.app, agents.technician, '/settings/api-keys', {
          name: 'K',
          role: 'admin',
        })
      ).statusCode,
    ).toBe(403);
    expect({
      companies: await count('companies'),
      users: await count('users'),
      keys: await count('api_keys'),
    }).toEqual(before);
    const company = await suite.db
      .selectFrom('companies')
      .select('status')
      .where('id', '=', companyId)
      .executeTakeFirstOrThrow();
    expect(company.status).toBe('active');
  });

  it('a technician cannot open user management', async () => {
    const res = await suite.app.inject({
      url: '/settings/users',
      headers: { cookie: agents.technician.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(agents.admin.userId);
  });

  it('sends someone who is not signed in to /login from every staff page', async () => {
    for (const [url] of PAGES) {
      const res = await suite.app.inject({ url: withId(url) });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location, url).toBe(`/login?next=${encodeURIComponent(withId(url))}`);
    }
  });

  it('answers the JSON API without a key with 401 problem+json', async () => {
    for (const url of ['/api/v1/companies', `/api/v1/companies/${companyId}`]) {
      const res = await suite.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
    }
    // A staff session cookie is no API credential.
    const withCookie = await suite.app.inject({
      url: '/api/v1/companies',
      headers: { cookie: agents.admin.cookie },
    });
    expect(withCookie.statusCode).toBe(401);
  });
});
