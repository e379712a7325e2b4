import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';

describe.each(DIALECTS)('assets JSON API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let h: Record<string, string>;
  const bearer = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = h) =>
    suite.app.inject({ method, url: `/api/v1${url}`, headers, payload });

  beforeEach(async () => {
    h = await bearer('technician');
  });

  it('creates, reads, patches, filters and pages assets with cursors', async () => {
    const a = (await call('POST', '/companies', { name: 'Alpha' }, await bearer('admin'))).json();
    const b = (await call('POST', '/companies', { name: 'Beta' }, await bearer('admin'))).json();
    const loc = (await call('POST', `/companies/${a.id}/locations`, { name: 'HQ' })).json();
    const created = await call('POST', '/assets', {
      companyId: a.id,
      categoryId: 'cat-phones',
      name: 'Yealink T54W ext 101',
      ipAddresses: ['10.0.0.101'],
      mac: '805ec0aabbcc',
      customFields: { extension: '101', phoneType: 'Desk' },
      purchasePriceCents: 19900,
      locationId: loc.id,
    });
    expect(created.statusCode).toBe(201);
    const phone = created.json();
    expect(phone).toMatchObject({
      companyId: a.id,
      status: 'in_service',
      ipAddresses: ['10.0.0.101'],
      mac: '80:5E:C0:AA:BB:CC',
      customFields: { extension: '101', phoneType: 'Desk' },
      purchasePriceCents: 19900,
    });
    expect((await call('GET', `/assets/${phone.id}`)).json()).toEqual(phone);
    const patched = (
      await call('PATCH', `/assets/${phone.id}`, {
        status: 'spare',
        customFields: { extension: '102', phoneType: 'Desk' },
      })
    ).json();
    expect(patched).toMatchObject({
      status: 'spare',
      customFields: { extension: '102' },
      name: 'Yealink T54W ext 101',
    });
    const hist = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', phone.id)
      .where('action', '=', 'asset.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(hist.summary!)).toEqual({
      status: ['in_service', 'spare'],
      'field.extension': ['101', '102'],
    });
    for (let i = 0; i < 4; i++)
      await call('POST', '/assets', {
        companyId: b.id,
        categoryId: 'cat-computers',
        name: `BETA-PC0${i}`,
        serial: `SN${i}`,
      });

    const p1 = (await call('GET', '/assets?limit=3')).json();
    expect(p1.items).toHaveLength(3);
    const p2 = (await call('GET', `/assets?limit=3&cursor=${p1.nextCursor}`)).json();
    expect(p2.items).toHaveLength(2);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((x: { id: string }) => x.id)).size).toBe(5);
    expect(
      (await call('GET', `/assets?companyId=${a.id}`))
        .json()
        .items.map((x: { name: string }) => x.name),
    ).toEqual(['Yealink T54W ext 101']);
    expect(
      (await call('GET', '/assets?q=sn2')).json().items.map((x: { name: string }) => x.name),
    ).toEqual(['BETA-PC02']);
    expect((await call('GET', '/assets?status=spare')).json().items).toHaveLength(1);
    expect((await call('GET', '/assets?categoryId=cat-computers')).json().items).toHaveLength(4);
    expect((await call('GET', `/assets?locationId=${loc.id}`)).json().items).toHaveLength(1);
    expect((await call('GET', '/assets?status=broken')).statusCode).toBe(400);
  });

  it('answers bad input with problem+json naming the fields, incl. category fields and cross-company references', async () => {
    const a = (await call('POST', '/companies', { name: 'Alpha' }, await bearer('admin'))).json();
    const b = (await call('POST', '/companies', { name: 'Beta' }, await bearer('admin'))).json();
    const locB = (await call('POST', `/companies/${b.id}/locations`, { name: 'Beta HQ' })).json();
    const res = await call('POST', '/assets', {
      companyId: a.id,
      categoryId: 'cat-servers',
      name: 'SRV',
      ipAddresses: '1.2.3',
      customFields: { ramGb: 'x', color: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['customFields.ramGb', 'ipAddresses']);
    const unknown = await call('POST', '/assets', {
      companyId: a.id,
      categoryId: 'cat-servers',
      name: 'SRV',
      customFields: { color: 'red' },
    });
    expect(unknown.json().errors).toEqual([
      { path: 'customFields.color', message: 'color is not a field of this category' },
    ]);
    const cross = await call('POST', '/assets', {
      companyId: a.id,
      categoryId: 'cat-servers',
      name: 'SRV',
      locationId: locB.id,
    });
    expect(cross.json().errors[0].path).toBe('locationId');
    expect(
      (
        await call('POST', '/assets', { companyId: 'nope', categoryId: 'cat-servers', name: 'SRV' })
      ).json().errors[0].path,
    ).toBe('companyId');
    expect((await call('GET', '/assets/nope')).statusCode).toBe(404);
  });

  it('lists categories, and adds and lists service records', async () => {
    const cats = (await call('GET', '/asset-categories')).json();
    expect(cats.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['cat-computers', 'cat-phones']),
    );
    expect(cats.items.find((c: { id: string }) => c.id === 'cat-phones').fields[1]).toMatchObject({
      key: 'phoneType',
      type: 'select',
    });
    const a = (await call('POST', '/companies', { name: 'Alpha' }, await bearer('admin'))).json();
    const asset = (
      await call('POST', '/assets', { companyId: a.id, categoryId: 'cat-computers', name: 'PC' })
    ).json();
    const rec = await call('POST', `/assets/${asset.id}/service-records`, {
      performedOn: '2026-01-05',
      description: 'Reimaged',
      minutes: 45,
    });
    expect(rec.statusCode).toBe(201);
    expect(rec.json()).toMatchObject({
      assetId: asset.id,
      minutes: 45,
      performedByName: 'technician',
    });
    await call('POST', `/assets/${asset.id}/service-records`, {
      performedOn: '2026-01-06',
      description: 'Updates',
    });
    const list = (await call('GET', `/assets/${asset.id}/service-records?limit=1`)).json();
    expect(list.items[0].description).toBe('Updates');
    const next = (
      await call('GET', `/assets/${asset.id}/service-records?limit=1&cursor=${list.nextCursor}`)
    ).json();
    expect(next.items[0].description).toBe('Reimaged');
    expect(
      (
        await call('POST', `/assets/${asset.id}/service-records`, {
          performedOn: 'soon',
          description: '',
        })
      )
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['description', 'performedOn']);
  });

  it('lets readonly and billing keys read but not write assets', async () => {
    const a = (await call('POST', '/companies', { name: 'Alpha' }, await bearer('admin'))).json();
    const asset = (
      await call('POST', '/assets', { companyId: a.id, categoryId: 'cat-computers', name: 'PC' })
    ).json();
    for (const role of ['readonly', 'billing'] as const) {
      const k = await bearer(role);
      expect((await call('GET', '/assets', undefined, k)).statusCode).toBe(200);
      expect(
        (
          await call(
            'POST',
            '/assets',
            { companyId: a.id, categoryId: 'cat-computers', name: 'X' },
            k,
          )
        ).statusCode,
      ).toBe(403);
      expect((await call('PATCH', `/assets/${asset.id}`, { name: 'Y' }, k)).statusCode).toBe(403);
      expect(
        (await call('POST', `/companies/${a.id}/locations`, { name: 'Z' }, k)).statusCode,
      ).toBe(403);
    }
    expect((await suite.app.inject({ url: '/api/v1/assets' })).statusCode).toBe(401);
  });

  it('describes the asset resources in the OpenAPI document', async () => {
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/assets',
        '/assets/{id}',
        '/asset-categories',
        '/assets/{id}/service-records',
        '/companies/{id}/locations',
        '/locations/{id}',
      ]),
    );
    expect(doc.components.schemas.AssetCreate.properties.purchasePriceCents).toBeDefined();
  });
});
