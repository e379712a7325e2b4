// The authorization matrix over every billing route of the portal: who (contacts of company A with
// billing / service only / neither flag, a contact of company B, a deactivated contact, a staff
// session, no session) × which object (their company's own, another company's, a missing id).
// The expected outcome of each cell is in EXPECT below; no cross-company request may answer 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs } from '../../../test/support/app.ts';
import { startFakeStripe, type FakeStripe } from '../../../test/support/fake-stripe.ts';
import { updateContact } from '../contacts/service.ts';
import { createCheckout } from '../online-payments/checkout.ts';
import { issued, STRIPE_KEY, switchOn } from '../online-payments/test-helpers.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { Browser, customer, signedIn, system } from './billing.test-support.ts';

type Who = 'A billing' | 'A service' | 'A neither' | 'B billing' | 'deactivated' | 'staff' | 'none';
type Obj = 'own' | 'other' | 'missing';
/** 'ok' 200 (a page or PDF), 'pay' 303 to the provider, '404', 'login' 302 to /portal/login, 'csrf' 403. */
type Outcome = 'ok' | 'pay' | '404' | 'login' | 'csrf';

type Route = { name: string; method: 'GET' | 'POST'; url: (id: string) => string; objects: Obj[] };
const ROUTES: Route[] = [
  {
    name: 'invoice list',
    method: 'GET',
    url: () => '/portal/invoices?status=all',
    objects: ['own'],
  },
  {
    name: 'invoice page',
    method: 'GET',
    url: (id) => `/portal/invoices/${id}`,
    objects: ['own', 'other', 'missing'],
  },
  {
    name: 'invoice PDF',
    method: 'GET',
    url: (id) => `/portal/invoices/${id}/pdf`,
    objects: ['own', 'other', 'missing'],
  },
  { name: 'payments', method: 'GET', url: () => '/portal/payments', objects: ['own'] },
  {
    name: 'statement PDF',
    method: 'GET',
    url: () => '/portal/payments/statement.pdf?from=2020-01-01&to=2099-12-31',
    objects: ['own'],
  },
  {
    name: 'checkout page',
    method: 'GET',
    url: (id) => `/portal/payments/checkout/${id}`,
    objects: ['own', 'other', 'missing'],
  },
  {
    name: 'pay invoices',
    method: 'POST',
    url: () => '/portal/payments/pay',
    objects: ['own', 'other', 'missing'],
  },
];

/** The table: principal → outcome for own / other / missing objects (lists have only "own"). */
const EXPECT: Record<Who, Record<Obj, Outcome>> = {
  'A billing': { own: 'ok', other: '404', missing: '404' },
  'A service': { own: '404', other: '404', missing: '404' },
  'A neither': { own: '404', other: '404', missing: '404' },
  'B billing': { own: 'ok', other: '404', missing: '404' },
  deactivated: { own: 'login', other: 'login', missing: 'login' },
  staff: { own: 'login', other: 'login', missing: 'login' },
  none: { own: 'login', other: 'login', missing: 'login' },
};

const MISSING = '01900000-0000-7000-8000-000000000000';

describe.each(DIALECTS)('portal billing authorization matrix on %s', (dialect) => {
  let fake: FakeStripe;
  beforeAll(async () => {
    fake = await startFakeStripe({ secretKey: STRIPE_KEY });
  });
  afterAll(async () => {
    await fake.close();
  });
  const suite = useAppSuite(dialect, {
    deps: () => ({ env: { STRIPE_API_URL: fake.url, PUBLIC_URL: 'https://support.example.test' } }),
  });

  it('matches the table for every route, principal and object, with zero cross-company 2xx', async () => {
    const deps = suite.deps;
    const admin = await staffCtx(deps, 'admin');
    await switchOn(admin, { stripe: true });
    const a = await customer(deps, { billing: true }, 'A');
    const b = await customer(deps, { billing: true }, 'B');
    const objects: Record<'A' | 'B', { invoice: string; checkout: string }> = {
      A: { invoice: '', checkout: '' },
      B: { invoice: '', checkout: '' },
    };
    for (const [k, c] of [
      ['A', a],
      ['B', b],
    ] as const) {
      objects[k].invoice = await issued(admin, c.company.id, 100_00);
      // Another open invoice: each paying request needs something left to pay.
      await issued(admin, c.company.id, 50_00);
      objects[k].checkout = (
        await createCheckout(admin, { provider: 'stripe', companyId: c.company.id })
      ).id;
    }
    const sameCompany = async (flags: { billing?: boolean; service?: boolean }) => {
      const { createContact } = await import('../contacts/service.ts');
      const contact = await createContact(system(deps), a.company.id, {
        name: 'Sam',
        email: `sam${Math.random().toString(36).slice(2)}@client.test`,
        portalAccess: true,
        portalBilling: flags.billing ?? false,
        portalService: flags.service ?? false,
      });
      return signedIn(suite.app, deps, { contact, email: contact.email! });
    };
    const browsers: Record<Who, { b: Browser; company: 'A' | 'B' }> = {
      'A billing': { b: await signedIn(suite.app, deps, a), company: 'A' },
      'A service': { b: await sameCompany({ service: true }), company: 'A' },
      'A neither': { b: await sameCompany({}), company: 'A' },
      'B billing': { b: await signedIn(suite.app, deps, b), company: 'B' },
      deactivated: { b: await sameCompany({ billing: true }), company: 'A' },
      staff: { b: new Browser(suite.app), company: 'A' },
      none: { b: new Browser(suite.app), company: 'A' },
    };
    const gone = await suite.db
      .selectFrom('contacts')
      .select(['id'])
      .where('company_id', '=', a.company.id)
      .where('portal_billing', '=', 1)
      .where('id', '!=', a.contact.id)
      .executeTakeFirstOrThrow();
    await updateContact(admin, a.company.id, gone.id, { active: false });
    const staff = await signInAs(suite.app, deps, 'admin');
    for (const part of staff.cookie.split('; ')) {
      const [k, v] = part.split('=');
      browsers.staff.b.jar.set(k, v);
    }
    browsers.staff.b.csrf = staff.csrf;
    // A stranger holding a valid form token still gets no further than the sign-in page.
    await browsers.none.b.get('/portal/login');

    const outcome = (res: {
      statusCode: number;
      headers: Record<string, unknown>;
    }): Outcome | string => {
      const loc = String(res.headers.location ?? '');
      if (res.statusCode === 200) return 'ok';
      if (res.statusCode === 303 && loc.startsWith('https://checkout.stripe.test/')) return 'pay';
      if (res.statusCode === 404) return '404';
      if (res.statusCode === 302 && loc.startsWith('/portal/login')) return 'login';
      if (res.statusCode === 403) return 'csrf';
      return `${res.statusCode} ${loc}`;
    };
    const rows: string[] = [];
    const leaks: string[] = [];
    for (const route of ROUTES)
      for (const [who, { b, company }] of Object.entries(browsers) as [
        Who,
        (typeof browsers)[Who],
      ][])
        for (const obj of route.objects) {
          const mine = objects[company];
          const theirs = objects[company === 'A' ? 'B' : 'A'];
          const key = route.name === 'checkout page' ? 'checkout' : 'invoice';
          const id = obj === 'own' ? mine[key] : obj === 'other' ? theirs[key] : MISSING;
          const res =
            route.method === 'GET'
              ? await b.get(route.url(id))
              : await b.post(route.url(id), {
                  provider: 'stripe',
                  scope: 'invoices',
                  invoiceIds: id,
                });
          let want: Outcome = EXPECT[who][obj];
          if (route.method === 'POST' && want === 'ok') want = 'pay';
          const got = outcome(res);
          if (got !== want)
            rows.push(`${route.name} · ${who} · ${obj}: expected ${want}, got ${got}`);
          if (obj !== 'own' && res.statusCode >= 200 && res.statusCode < 300)
            leaks.push(`${route.name} · ${who} · ${obj}`);
          if (obj !== 'own' && res.statusCode === 303)
            leaks.push(`${route.name} · ${who} · ${obj} (pay)`);
        }
    expect(leaks).toEqual([]);
    expect(rows).toEqual([]);
  }, 60_000);
});
