import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../../test/support/app.ts';
import { insertApiKey } from '../../platform/api-keys.ts';

describe.each(DIALECTS)('companies and contacts on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  const validCompany = {
    name: 'Riverside Dental',
    phone: '555-0100',
    email: 'office@riverside.test',
    monthlyRate: '1,450.00',
    billingDay: '5',
    paymentTermsDays: '30',
    contractStart: '2026-01-01',
  };

  it('creates a company from the form, stores cents, audits, and shows it', async () => {
    const res = await postForm(suite.app, admin, '/companies', validCompany);
    expect(res.statusCode).toBe(302);
    const id = res.headers.location!.toString().split('/').pop()!;
    const row = await suite.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.monthly_rate_cents)).toBe(145000);
    expect(row.billing_day).toBe(5);
    const audit = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['company.create']);
    const page = await suite.app.inject({
      url: `/companies/${id}`,
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Riverside Dental');
    expect(page.body).toContain('$1,450.00');
  });

  it('re-renders the form with a message beside each bad field and writes nothing', async () => {
    const res = await postForm(suite.app, admin, '/companies', {
      ...validCompany,
      name: '',
      monthlyRate: '12.345',
      billingDay: '31',
      email: 'not-an-email',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Name is required');
    expect(res.body).toContain('Monthly contract rate must be an amount like 1500.00');
    expect(res.body).toContain('Billing day must be from 1 to 28');
    expect(res.body).toContain('Enter an email address');
    expect(res.body).toContain('value="not-an-email"');
    const n = await suite.db
      .selectFrom('companies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('shows a company named like a script as text, never as markup', async () => {
    const evil = '<script>alert(1)</script>';
    const res = await postForm(suite.app, admin, '/companies', { ...validCompany, name: evil });
    const id = res.headers.location!.toString().split('/').pop()!;
    for (const url of [
      `/companies/${id}`,
      '/companies',
      `/search?q=${encodeURIComponent('alert')}`,
    ]) {
      const page = await suite.app.inject({ url, headers: { cookie: admin.cookie } });
      expect(page.body).not.toContain(evil);
      expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    }
  });

  it('searches, filters by status, sorts and paginates the list', async () => {
    for (let i = 1; i <= 30; i++) {
      await postForm(suite.app, admin, '/companies', {
        ...validCompany,
        name: `Company ${String(i).padStart(2, '0')}`,
        monthlyRate: String(i * 100),
      });
    }
    const first = await postForm(suite.app, admin, '/companies', {
      ...validCompany,
      name: 'Zeta Widgets',
    });
    const zetaId = first.headers.location!.toString().split('/').pop()!;
    await postForm(suite.app, admin, `/companies/${zetaId}/deactivate`, {});

    const page1 = await suite.app.inject({
      url: '/companies?size=25',
      headers: { cookie: admin.cookie },
    });
    expect(page1.body).toContain('1–25 of 30');
    expect(page1.body).toContain('Company 01');
    expect(page1.body).not.toContain('Company 26');
    const page2 = await suite.app.inject({
      url: '/companies?size=25&page=2',
      headers: { cookie: admin.cookie },
    });
    expect(page2.body).toContain('26–30 of 30');
    expect(page2.body).toContain('Company 30');

    const byRate = await suite.app.inject({
      url: '/companies?sort=rate&dir=desc&size=25',
      headers: { cookie: admin.cookie },
    });
    expect(byRate.body.indexOf('Company 30')).toBeLessThan(byRate.body.indexOf('Company 29'));

    const search = await suite.app.inject({
      url: '/companies?q=company%200',
      headers: { cookie: admin.cookie },
    });
    expect(search.body).toContain('1–9 of 9');
    expect(search.body).not.toContain('Zeta Widgets');
    const inactive = await suite.app.inject({
      url: '/companies?status=inactive',
      headers: { cookie: admin.cookie },
    });
    expect(inactive.body).toContain('Zeta Widgets');
    expect(inactive.body).toContain('1–1 of 1');
  });

  it('remembers the page size the user chose', async () => {
    for (let i = 1; i <= 30; i++)
      await postForm(suite.app, admin, '/companies', { ...validCompany, name: `Co ${i}` });
    const chose = await suite.app.inject({
      url: '/companies?size=25',
      headers: { cookie: admin.cookie },
    });
    const remembered = chose.cookies.find((c) => c.name === 'st_page_size');
    expect(remembered?.value).toBe('25');
    const later = await suite.app.inject({
      url: '/companies',
      headers: { cookie: `${admin.cookie}; st_page_size=25` },
    });
    expect(later.body).toContain('1–25 of 30');
    const fresh = await suite.app.inject({ url: '/companies', headers: { cookie: admin.cookie } });
    expect(fresh.body).toContain('1–30 of 30');
  });

  it('edits a company, audits the changed fields, and adds contacts scoped to it', async () => {
    const created = await postForm(suite.app, admin, '/companies', validCompany);
    const id = created.headers.location!.toString().split('/').pop()!;
    const contact = await postForm(suite.app, admin, `/companies/${id}/contacts`, {
      name: 'Beth Morgan',
      title: 'Billing',
      email: 'beth@riverside.test',
      portalAccess: 'on',
    });
    expect(contact.statusCode).toBe(302);
    const c = await suite.db
      .selectFrom('contacts')
      .selectAll()
      .where('company_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c.portal_access).toBe(1);
    expect(c.email_opt_out).toBe(0);
    const optOut = await postForm(suite.app, admin, `/companies/${id}/contacts/${c.id}`, {
      name: 'Beth Morgan',
      title: 'Billing',
      email: 'beth@riverside.test',
      portalAccess: 'on',
      emailOptOut: 'on',
    });
    expect(optOut.statusCode).toBe(302);
    const after = await suite.db
      .selectFrom('contacts')
      .select('email_opt_out')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after.email_opt_out).toBe(1);

    const edit = await postForm(suite.app, admin, `/companies/${id}`, {
      ...validCompany,
      monthlyRate: '1500',
      billingContactId: c.id,
      taxExempt: 'on',
    });
    expect(edit.statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('companies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.monthly_rate_cents)).toBe(150000);
    expect(row.billing_contact_id).toBe(c.id);
    expect(row.tax_exempt).toBe(1);
    const upd = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'company.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(upd.summary!)).toMatchObject({
      monthlyRateCents: [145000, 150000],
      taxExempt: [false, true],
      billingContact: [null, 'Beth Morgan'],
    });

    // A contact of another company cannot be named as billing contact, and is "not found" there.
    const other = await postForm(suite.app, admin, '/companies', {
      ...validCompany,
      name: 'Other Co',
    });
    const otherId = other.headers.location!.toString().split('/').pop()!;
    const bad = await postForm(suite.app, admin, `/companies/${otherId}`, {
      ...validCompany,
      name: 'Other Co',
      billingContactId: c.id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('must be one of this company');
    const cross = await suite.app.inject({
      url: `/companies/${otherId}/contacts/${c.id}/edit`,
      headers: { cookie: admin.cookie },
    });
    expect(cross.statusCode).toBe(404);

    const portalNoEmail = await postForm(suite.app, admin, `/companies/${id}/contacts`, {
      name: 'No Email',
      portalAccess: 'on',
    });
    expect(portalNoEmail.statusCode).toBe(422);
    expect(portalNoEmail.body).toContain('needs an email address');
  });

  describe('JSON API', () => {
    const bearer = async (role: 'admin' | 'readonly' = 'admin') => {
      const { key } = await insertApiKey(suite.db, { name: 'test', role, createdBy: null });
      return { authorization: `Bearer ${key}` };
    };

    it('creates, reads, patches and lists companies with cursor pagination', async () => {
      const h = await bearer();
      const created = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/companies',
        headers: h,
        payload: {
          name: 'API Co',
          monthlyRateCents: 99_900,
          billingDay: 3,
          paymentTermsDays: 15,
          taxExempt: true,
        },
      });
      expect(created.statusCode).toBe(201);
      const company = created.json();
      expect(company).toMatchObject({
        name: 'API Co',
        monthlyRateCents: 99900,
        billingDay: 3,
        paymentTermsDays: 15,
        taxExempt: true,
        status: 'active',
      });
      const patched = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/companies/${company.id}`,
        headers: h,
        payload: { monthlyRateCents: 100_000, status: 'inactive' },
      });
      expect(patched.json()).toMatchObject({ monthlyRateCents: 100000, status: 'inactive' });
      for (let i = 0; i < 4; i++)
        await suite.app.inject({
          method: 'POST',
          url: '/api/v1/companies',
          headers: h,
          payload: { name: `Co ${i}` },
        });
      const p1 = (await suite.app.inject({ url: '/api/v1/companies?limit=3', headers: h })).json();
      expect(p1.items).toHaveLength(3);
      const p2 = (
        await suite.app.inject({
          url: `/api/v1/companies?limit=3&cursor=${p1.nextCursor}`,
          headers: h,
        })
      ).json();
      expect(p2.items).toHaveLength(2);
      expect(p2.nextCursor).toBeNull();
      expect(new Set([...p1.items, ...p2.items].map((c: { id: string }) => c.id)).size).toBe(5);

      const contact = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/companies/${company.id}/contacts`,
        headers: h,
        payload: { name: 'Ann', email: 'ANN@Example.test' },
      });
      expect(contact.statusCode).toBe(201);
      expect(contact.json().email).toBe('ann@example.test');
      const list = (
        await suite.app.inject({ url: `/api/v1/companies/${company.id}/contacts`, headers: h })
      ).json();
      expect(list.items.map((c: { name: string }) => c.name)).toEqual(['Ann']);
    });

    it('logs a status change as a named action, deactivates contacts atomically, and refuses a bad cursor with 400', async () => {
      const h = await bearer();
      const company = (
        await suite.app.inject({
          method: 'POST',
          url: '/api/v1/companies',
          headers: h,
          payload: { name: 'Status Co' },
        })
      ).json();
      await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/companies/${company.id}`,
        headers: h,
        payload: { status: 'inactive', notes: 'paused' },
      });
      const actions = (
        await suite.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', '=', company.id)
          .orderBy('id')
          .execute()
      ).map((r) => r.action);
      expect(actions).toEqual(['company.create', 'company.deactivate']);

      const contact = (
        await suite.app.inject({
          method: 'POST',
          url: `/api/v1/companies/${company.id}/contacts`,
          headers: h,
          payload: { name: 'Ann' },
        })
      ).json();
      const bad = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/companies/${company.id}/contacts/${contact.id}`,
        headers: h,
        payload: { active: false, email: 'not-an-email' },
      });
      expect(bad.statusCode).toBe(400);
      const row = await suite.db
        .selectFrom('contacts')
        .select('active')
        .where('id', '=', contact.id)
        .executeTakeFirstOrThrow();
      expect(row.active).toBe(1);
      const off = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/companies/${company.id}/contacts/${contact.id}`,
        headers: h,
        payload: { active: false },
      });
      expect(off.json().active).toBe(false);
      const notBool = await suite.app.inject({
        method: 'PATCH',
        url: `/api/v1/companies/${company.id}/contacts/${contact.id}`,
        headers: h,
        payload: { active: 'no' },
      });
      expect(notBool.statusCode).toBe(400);

      const cursor = await suite.app.inject({
        url: `/api/v1/companies/${company.id}/contacts?cursor=garbage`,
        headers: h,
      });
      expect(cursor.statusCode).toBe(400);
      expect(cursor.json().errors[0].path).toBe('cursor');
    });

    it('answers bad input with problem+json naming the fields', async () => {
      const res = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/companies',
        headers: await bearer(),
        payload: { name: '', monthlyRateCents: 12.5, billingDay: 40 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body.status).toBe(400);
      expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'billingDay',
        'monthlyRateCents',
        'name',
      ]);
    });

    it('refuses a missing, wrong or revoked key with 401, and a readonly key from writing with 403', async () => {
      expect((await suite.app.inject({ url: '/api/v1/companies' })).statusCode).toBe(401);
      expect(
        (
          await suite.app.inject({
            url: '/api/v1/companies',
            headers: { authorization: 'Bearer st_nope_nope' },
          })
        ).statusCode,
      ).toBe(401);
      const ro = await bearer('readonly');
      expect((await suite.app.inject({ url: '/api/v1/companies', headers: ro })).statusCode).toBe(
        200,
      );
      const denied = await suite.app.inject({
        method: 'POST',
        url: '/api/v1/companies',
        headers: ro,
        payload: { name: 'X' },
      });
      expect(denied.statusCode).toBe(403);
      expect(denied.headers['content-type']).toContain('application/problem+json');
      await suite.db
        .updateTable('api_keys')
        .set({ revoked_at: new Date().toISOString() })
        .execute();
      expect((await suite.app.inject({ url: '/api/v1/companies', headers: ro })).statusCode).toBe(
        401,
      );
    });

    it('serves an OpenAPI document describing the company resources', async () => {
      const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/companies', '/companies/{id}', '/companies/{id}/contacts']),
      );
      expect(doc.components.schemas.CompanyCreate.properties.monthlyRateCents.type).toBe('integer');
    });
  });
});
