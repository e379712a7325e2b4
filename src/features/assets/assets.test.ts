import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import { todayIn } from '../../lib/dates.ts';
import { addDays } from './queries.ts';
import { addAsset, companyWithSite } from './test-helpers.ts';

describe.each(DIALECTS)('assets on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  const get = (url: string, agent: Agent = admin) => getPage(suite.app, agent, url);

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('creates an asset from the form with normalised MAC, IPs and cents, and shows its overview', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Riverside Dental');
    const warranty = addDays(todayIn('America/Chicago'), 98);
    const id = await addAsset(suite.app, admin, c.companyId, {
      name: 'FRONTDESK-PC01',
      make: 'Dell',
      model: 'OptiPlex 7010',
      serial: 'SN-123',
      assetTag: 'RD-0001',
      status: 'in_service',
      locationId: c.locationId,
      contactId: c.contactId,
      ipAddresses: '10.0.0.21, fe80::1  10.0.0.22',
      mac: 'aa-bb-cc-dd-ee-0f',
      os: 'Windows 11 Pro',
      purchaseDate: '2025-03-01',
      purchasePrice: '1,299.50',
      vendor: 'CDW',
      warrantyExpires: warranty,
      'cf.cpu': 'i5-13500',
      'cf.ramGb': '16',
    });
    const row = await suite.db
      .selectFrom('assets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      mac: 'AA:BB:CC:DD:EE:0F',
      ip_addresses: '10.0.0.21, fe80::1, 10.0.0.22',
      company_id: c.companyId,
      location_id: c.locationId,
    });
    expect(Number(row.purchase_price_cents)).toBe(129950);
    expect(JSON.parse(row.custom_fields!)).toEqual({ cpu: 'i5-13500', ramGb: 16 });
    expect(row.search_text).toContain('aabbccddee0f');
    const page = await get(`/assets/${id}`);
    expect(page.statusCode).toBe(200);
    for (const s of [
      'FRONTDESK-PC01',
      `Warranty expires ${warranty} (in 98 days)`,
      'Riverside Dental HQ',
      'Riverside Dental Person',
      'AA:BB:CC:DD:EE:0F',
      '$1,299.50',
      'RAM (GB)',
      'i5-13500',
    ])
      expect(page.body).toContain(s);
    const actions = await suite.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['asset.create']);
  });

  it('shows an expired warranty in red', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Old Co');
    const expired = addDays(todayIn('America/Chicago'), -12);
    const id = await addAsset(suite.app, admin, c.companyId, {
      name: 'OLD-PC',
      warrantyExpires: expired,
    });
    const page = await get(`/assets/${id}`);
    expect(page.body).toMatch(
      new RegExp(
        `class="text-danger fw-semibold"[^>]*>Warranty expired ${expired} \\(12 days ago\\)`,
      ),
    );
  });

  it('refuses bad fields, a location or contact of another company, and bad category fields, writing nothing', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta');
    const res = await postForm(suite.app, admin, `/companies/${a.companyId}/assets`, {
      categoryId: 'cat-servers',
      name: '',
      ipAddresses: '10.0.0.300',
      mac: 'zz:zz',
      purchasePrice: '12.345',
      warrantyExpires: '2026-02-30',
      locationId: b.locationId,
      contactId: b.contactId,
      'cf.ramGb': 'lots',
      'cf.managementUrl': 'javascript:alert(1)',
    });
    expect(res.statusCode).toBe(422);
    for (const s of [
      'Name is required',
      'Not an IP address: 10.0.0.300',
      'Enter a MAC address',
      'Purchase price must be an amount',
      'Warranty expiry must be a date',
      'RAM (GB) must be a number',
      'Management URL must be a web address',
    ])
      expect(res.body).toContain(s);
    const refs = await postForm(suite.app, admin, `/companies/${a.companyId}/assets`, {
      categoryId: 'cat-servers',
      name: 'SRV',
      locationId: b.locationId,
      contactId: b.contactId,
    });
    expect(refs.statusCode).toBe(422);
    expect(refs.body).toContain('The location must be one of this company’s locations');
    expect(refs.body).toContain('The assigned contact must be one of this company’s contacts');
    const phones = await postForm(suite.app, admin, `/companies/${a.companyId}/assets`, {
      categoryId: 'cat-phones',
      name: 'Yealink',
      'cf.phoneType': 'Banana',
    });
    expect(phones.body).toContain('Type must be one of: Desk, Conference, Cordless, Mobile');
    const n = await suite.db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('edits an asset, audits each changed field incl. category fields, and 404s it under another company', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta');
    const id = await addAsset(suite.app, admin, a.companyId, {
      name: 'PC-1',
      'cf.ramGb': '8',
      status: 'in_service',
    });
    const edit = await get(`/assets/${id}/edit`);
    expect(edit.body).toContain('value="PC-1"');
    const res = await postForm(suite.app, admin, `/assets/${id}`, {
      categoryId: 'cat-computers',
      name: 'PC-1',
      status: 'in_repair',
      locationId: a.locationId,
      'cf.ramGb': '16',
      'cf.cpu': 'Ryzen 5',
    });
    expect(res.statusCode).toBe(302);
    const upd = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'asset.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(upd.summary!)).toEqual({
      status: ['in_service', 'in_repair'],
      location: [null, 'Alpha HQ'],
      'field.cpu': [null, 'Ryzen 5'],
      'field.ramGb': [8, 16],
    });
    const cross = await postForm(suite.app, admin, `/assets/${id}`, {
      categoryId: 'cat-computers',
      name: 'PC-1',
      locationId: b.locationId,
    });
    expect(cross.statusCode).toBe(422);
    // Changing the category drops fields the new one lacks instead of refusing the form.
    const moved = await postForm(suite.app, admin, `/assets/${id}`, {
      categoryId: 'cat-servers',
      name: 'PC-1',
      'cf.ramGb': '32',
      'cf.cpu': 'Ryzen 5',
    });
    expect(moved.statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('assets')
      .select(['custom_fields', 'category_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.category_id).toBe('cat-servers');
    expect(JSON.parse(row.custom_fields!)).toEqual({ ramGb: 32 });
    expect((await get(`/companies/${b.companyId}/assets?q=PC-1`)).body).not.toContain(
      `/assets/${id}"`,
    );
    expect((await get('/assets/not-an-asset')).statusCode).toBe(404);
  });

  it('changes status or location in bulk in one go, one audit row per asset, and refuses another company’s assets', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta');
    const ids = [];
    for (let i = 1; i <= 3; i++)
      ids.push(await addAsset(suite.app, admin, a.companyId, { name: `PC-${i}` }));
    const other = await addAsset(suite.app, admin, b.companyId, { name: 'BETA-PC' });
    const form = new URLSearchParams({
      _csrf: admin.csrf,
      status: 'retired',
      back: `/companies/${a.companyId}/assets?q=pc`,
    });
    for (const id of ids.slice(0, 2)) form.append('ids', id);
    const res = await suite.app.inject({
      method: 'POST',
      url: `/companies/${a.companyId}/assets/bulk`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/companies/${a.companyId}/assets?q=pc`);
    const rows = await suite.db
      .selectFrom('assets')
      .select(['id', 'status'])
      .where('company_id', '=', a.companyId)
      .orderBy('name_sort')
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['retired', 'retired', 'in_service']);
    const audits = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'asset.bulk_update')
      .execute();
    expect(audits.map((x) => x.entity_id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(JSON.parse(audits[0].summary!)).toEqual({ status: ['in_service', 'retired'] });

    const loc = await postForm(suite.app, admin, `/companies/${a.companyId}/assets/bulk`, {
      ids: ids[2],
      locationId: a.locationId,
    });
    expect(loc.statusCode).toBe(302);
    expect(
      (
        await suite.db
          .selectFrom('assets')
          .select('location_id')
          .where('id', '=', ids[2])
          .executeTakeFirstOrThrow()
      ).location_id,
    ).toBe(a.locationId);
    const cross = await postForm(suite.app, admin, `/companies/${a.companyId}/assets/bulk`, {
      ids: other,
      status: 'spare',
    });
    expect(cross.statusCode).toBe(404);
    const wrongLoc = await postForm(suite.app, admin, '/assets/bulk', {
      ids: other,
      locationId: a.locationId,
    });
    expect(wrongLoc.statusCode).toBe(302);
    expect(
      (
        await suite.db
          .selectFrom('assets')
          .select('location_id')
          .where('id', '=', other)
          .executeTakeFirstOrThrow()
      ).location_id,
    ).toBeNull();
    const offsite = await postForm(suite.app, admin, '/assets/bulk', {
      ids: other,
      status: 'spare',
      back: 'https://evil.test/',
    });
    expect(offsite.headers.location).toBe('/assets');
  });

  it('filters, searches, sorts and paginates, on the company page and across companies', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha Dental');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta Law');
    const today = todayIn('America/Chicago');
    for (let i = 1; i <= 30; i++)
      await addAsset(suite.app, admin, a.companyId, {
        name: `PC-${String(i).padStart(2, '0')}`,
        serial: `SER${i}`,
        warrantyExpires: addDays(today, i * 10),
      });
    await addAsset(suite.app, admin, a.companyId, {
      categoryId: 'cat-printers',
      name: 'HP LaserJet M404',
      ipAddresses: '192.168.1.50',
      mac: '00:11:22:33:44:55',
      locationId: a.locationId,
      status: 'spare',
    });
    await addAsset(suite.app, admin, b.companyId, {
      categoryId: 'cat-network',
      name: 'Ubiquiti USW-24',
      assetTag: 'BL-77',
    });

    const p1 = await get(`/companies/${a.companyId}/assets?size=25`);
    expect(p1.body).toContain('1–25 of 31');
    expect(p1.body).toContain('nav-link active');
    expect(p1.body).not.toContain('Ubiquiti');
    const p2 = await get(`/companies/${a.companyId}/assets?size=25&page=2`);
    expect(p2.body).toContain('26–31 of 31');
    const all = await get('/assets?size=100');
    expect(all.body).toContain('1–32 of 32');
    expect(all.body).toContain('Ubiquiti USW-24');
    const expect1 = async (url: string, has: string[], not: string[] = [], total?: number) => {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      for (const s of has) expect(r.body, url).toContain(s);
      for (const s of not) expect(r.body, url).not.toContain(s);
      if (total !== undefined) expect(r.body, url).toContain(`of ${total}`);
    };
    await expect1('/assets?q=192.168.1', ['HP LaserJet M404'], ['PC-01'], 1);
    await expect1('/assets?q=0011.2233', [], ['HP LaserJet'], undefined);
    await expect1('/assets?q=00:11:22', ['HP LaserJet M404'], [], 1);
    await expect1('/assets?q=001122334455', ['HP LaserJet M404'], [], 1);
    await expect1('/assets?q=bl-77', ['Ubiquiti USW-24'], [], 1);
    await expect1('/assets?q=ser3', ['PC-03', 'PC-30'], [], 2);
    await expect1('/assets?company=beta', ['Ubiquiti USW-24'], ['PC-01'], 1);
    await expect1('/assets?categoryId=cat-printers', ['HP LaserJet M404'], ['PC-01'], 1);
    await expect1(
      `/companies/${a.companyId}/assets?locationId=${a.locationId}`,
      ['HP LaserJet M404'],
      ['PC-01'],
      1,
    );
    await expect1('/assets?status=spare', ['HP LaserJet M404'], ['PC-01'], 1);
    await expect1('/assets?warranty=30', ['PC-01', 'PC-03'], ['PC-04', 'Ubiquiti'], 3);
    const byWarranty = await get('/assets?sort=warranty&dir=desc&size=25');
    expect(byWarranty.body.indexOf('PC-30')).toBeLessThan(byWarranty.body.indexOf('PC-29'));
    expect(byWarranty.body).not.toContain('Ubiquiti'); // no date sorts last, on page 2
    const none = await get('/assets?q=nothing-like-this');
    expect(none.body).toContain('No assets match these filters.');
  });

  it('exports the filtered list as CSV, every page of it', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    for (let i = 1; i <= 30; i++)
      await addAsset(suite.app, admin, a.companyId, {
        name: `PC-${String(i).padStart(2, '0')}`,
        purchasePrice: '10.5',
      });
    await addAsset(suite.app, admin, a.companyId, {
      name: '=HYPERLINK("x")',
      categoryId: 'cat-phones',
      'cf.extension': '101',
      'cf.phoneType': 'Desk',
      ipAddresses: '10.1.1.1 10.1.1.2',
    });
    const res = await get(`/companies/${a.companyId}/assets?size=25&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="assets-alpha-/);
    const rows: string[][] = parse(res.body);
    expect(rows[0].slice(0, 4)).toEqual(['Company', 'Name', 'Category', 'Status']);
    expect(rows).toHaveLength(32);
    expect(rows[2][1]).toBe('PC-01');
    const phone = rows.find((r) => r[2] === 'Phones')!;
    expect(phone[1]).toBe(`'=HYPERLINK("x")`);
    expect(phone[10]).toBe('10.1.1.1 10.1.1.2');
    expect(phone[18]).toBe('extension=101; phoneType=Desk');
    expect(rows[2][14]).toBe('10.50');
    const filtered: string[][] = parse(
      (await get(`/assets?format=csv&categoryId=cat-phones`)).body,
    );
    expect(filtered).toHaveLength(2);
  });

  it('lets every role view assets; only admin and technician add or change them', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const id = await addAsset(suite.app, admin, a.companyId, { name: 'PC-1' });
    for (const role of ['readonly', 'billing'] as const) {
      const u = await signInAs(suite.app, suite.deps, role);
      expect((await get('/assets', u)).statusCode).toBe(200);
      expect((await get(`/assets/${id}`, u)).statusCode).toBe(200);
      expect((await get(`/companies/${a.companyId}/assets/new`, u)).statusCode).toBe(403);
      expect(
        (
          await postForm(suite.app, u, `/companies/${a.companyId}/assets`, {
            categoryId: 'cat-computers',
            name: 'X',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await postForm(suite.app, u, `/assets/${id}`, { categoryId: 'cat-computers', name: 'Y' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await postForm(suite.app, u, '/assets/bulk', { ids: id, status: 'retired' })).statusCode,
      ).toBe(403);
      expect((await get(`/assets/${id}`, u)).body).not.toContain(`/assets/${id}/edit`);
    }
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect(
      (
        await postForm(suite.app, tech, `/assets/${id}`, {
          categoryId: 'cat-computers',
          name: 'PC-1B',
        })
      ).statusCode,
    ).toBe(302);
  });

  it('says so honestly when a company has no assets yet', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Empty Co');
    const res = await get(`/companies/${a.companyId}/assets`);
    expect(res.body).toContain('No assets yet — add one');
    expect(res.body).toContain(`/companies/${a.companyId}/assets/new`);
  });

  it('renders every asset, location and category page without inline script or style (the CSP forbids them)', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const id = await addAsset(suite.app, admin, a.companyId, {
      name: 'PC-1',
      warrantyExpires: '2020-01-01',
    });
    await postForm(suite.app, admin, `/assets/${id}/service`, {
      performedOn: '2024-01-01',
      description: 'x',
      minutes: '5',
    });
    const pages = [
      '/assets',
      `/companies/${a.companyId}/assets`,
      `/companies/${a.companyId}/assets/new`,
      `/assets/${id}`,
      `/assets/${id}/edit`,
      `/assets/${id}/history`,
      `/assets/${id}/service`,
      '/assets/warranty',
      `/companies/${a.companyId}/locations`,
      `/companies/${a.companyId}/locations/new`,
      '/settings/categories',
      '/settings/categories/new',
      '/settings/categories/cat-phones/edit',
    ];
    for (const url of pages) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(res.body, url).not.toMatch(/\son[a-z]+="/);
    }
  });
});
