import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../../test/support/app.ts';
import { insertApiKey } from '../../platform/api-keys.ts';

describe.each(DIALECTS)('locations on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  const company = async (name: string) =>
    (await postForm(suite.app, admin, '/companies', { name })).headers
      .location!.toString()
      .split('/')
      .pop()!;

  it('adds, lists and edits a company’s locations, audited, and hides them from other companies', async () => {
    const id = await company('Riverside Dental');
    const empty = await suite.app.inject({
      url: `/companies/${id}/locations`,
      headers: { cookie: admin.cookie },
    });
    expect(empty.body).toContain('No locations yet.');
    const bad = await postForm(suite.app, admin, `/companies/${id}/locations`, { name: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Name is required');
    const res = await postForm(suite.app, admin, `/companies/${id}/locations`, {
      name: 'Main office',
      address: '1 Elm St\nSpringfield',
    });
    expect(res.statusCode).toBe(302);
    const loc = await suite.db
      .selectFrom('locations')
      .selectAll()
      .where('company_id', '=', id)
      .executeTakeFirstOrThrow();
    const list = await suite.app.inject({
      url: `/companies/${id}/locations`,
      headers: { cookie: admin.cookie },
    });
    expect(list.body).toContain('Main office');
    expect(list.body).toContain('nav-link active');

    const edit = await postForm(suite.app, admin, `/companies/${id}/locations/${loc.id}`, {
      name: 'Head office',
      address: '1 Elm St\nSpringfield',
    });
    expect(edit.statusCode).toBe(302);
    const upd = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'location.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(upd.summary!)).toEqual({ name: ['Main office', 'Head office'] });

    const other = await company('Other Co');
    expect(
      (
        await suite.app.inject({
          url: `/companies/${other}/locations/${loc.id}/edit`,
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await postForm(suite.app, admin, `/companies/${other}/locations/${loc.id}`, {
          name: 'Hijack',
        })
      ).statusCode,
    ).toBe(404);
    const otherList = await suite.app.inject({
      url: `/companies/${other}/locations`,
      headers: { cookie: admin.cookie },
    });
    expect(otherList.body).not.toContain('Head office');
  });

  it('lets read-only staff see locations but not add them', async () => {
    const id = await company('Readonly Co');
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    expect(
      (
        await suite.app.inject({
          url: `/companies/${id}/locations`,
          headers: { cookie: ro.cookie },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await suite.app.inject({
          url: `/companies/${id}/locations/new`,
          headers: { cookie: ro.cookie },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await postForm(suite.app, ro, `/companies/${id}/locations`, { name: 'X' })).statusCode,
    ).toBe(403);
  });

  it('serves locations over the API with cursors', async () => {
    const { key } = await insertApiKey(suite.db, {
      name: 't',
      role: 'technician',
      createdBy: null,
    });
    const h = { authorization: `Bearer ${key}` };
    const id = await company('API Co');
    for (const name of ['Warehouse', 'Branch', 'Annex']) {
      const r = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/companies/${id}/locations`,
        headers: h,
        payload: { name },
      });
      expect(r.statusCode).toBe(201);
    }
    const p1 = (
      await suite.app.inject({ url: `/api/v1/companies/${id}/locations?limit=2`, headers: h })
    ).json();
    expect(p1.items.map((l: { name: string }) => l.name)).toEqual(['Annex', 'Branch']);
    const p2 = (
      await suite.app.inject({
        url: `/api/v1/companies/${id}/locations?limit=2&cursor=${p1.nextCursor}`,
        headers: h,
      })
    ).json();
    expect(p2.items.map((l: { name: string }) => l.name)).toEqual(['Warehouse']);
    expect(p2.nextCursor).toBeNull();
    const patched = await suite.app.inject({
      method: 'PATCH',
      url: `/api/v1/locations/${p2.items[0].id}`,
      headers: h,
      payload: { notes: 'Dock door code 1234' },
    });
    expect(patched.json()).toMatchObject({
      name: 'Warehouse',
      notes: 'Dock door code 1234',
      companyId: id,
    });
    expect((await suite.app.inject({ url: '/api/v1/locations/nope', headers: h })).statusCode).toBe(
      404,
    );
    expect(
      (
        await suite.app.inject({
          method: 'POST',
          url: `/api/v1/companies/${id}/locations`,
          headers: h,
          payload: { name: '' },
        })
      ).json().errors[0].path,
    ).toBe('name');
  });
});
