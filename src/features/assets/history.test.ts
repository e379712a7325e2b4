import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import { todayIn } from '../../lib/dates.ts';
import { addDays } from './queries.ts';
import { addServiceRecord } from './service-records.ts';
import { addAsset, companyWithSite } from './test-helpers.ts';

describe.each(DIALECTS)('asset history, service records and warranty view on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  const get = (url: string, agent: Agent = admin) => getPage(suite.app, agent, url);

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('records every field change and shows it as a timeline: who, when, field: old → new', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const id = await addAsset(suite.app, admin, c.companyId, {
      categoryId: 'cat-network',
      name: 'SW-01',
      purchasePrice: '100',
      'cf.firmware': '6.5.1',
      ipAddresses: '10.0.0.2',
    });
    const edited = {
      categoryId: 'cat-network',
      name: 'CORE-SW-01',
      make: 'Ubiquiti',
      model: 'USW-24',
      serial: 'S1',
      assetTag: 'T1',
      status: 'in_repair',
      locationId: c.locationId,
      contactId: c.contactId,
      ipAddresses: '10.0.0.3',
      mac: '001122334455',
      os: 'UniFi OS',
      purchaseDate: '2025-01-02',
      purchasePrice: '250.00',
      vendor: 'Amazon',
      warrantyExpires: '2028-01-01',
      notes: 'Rack 2',
      'cf.firmware': '7.0.2',
      'cf.managementUrl': 'https://10.0.0.3',
      'cf.supportEnds': '2030-01-01',
    };
    expect((await postForm(suite.app, admin, `/assets/${id}`, edited)).statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'asset.update')
      .executeTakeFirstOrThrow();
    const summary = JSON.parse(row.summary!);
    expect(Object.keys(summary).sort()).toEqual(
      [
        'assetTag',
        'assignedContact',
        'field.firmware',
        'field.managementUrl',
        'field.supportEnds',
        'ipAddresses',
        'location',
        'mac',
        'make',
        'model',
        'name',
        'notes',
        'os',
        'purchaseDate',
        'purchasePriceCents',
        'serial',
        'status',
        'vendor',
        'warrantyExpires',
      ].sort(),
    );
    const page = await get(`/assets/${id}/history`);
    expect(page.statusCode).toBe(200);
    const text = page.body.replace(/<[^>]+>/g, '');
    for (const s of [
      'Name: SW-01 → CORE-SW-01',
      'Status: In service → In repair',
      'Purchase price: $100.00 → $250.00',
      'Firmware: 6.5.1 → 7.0.2',
      'Location: — → Alpha HQ',
      'Assigned to: — → Alpha Person',
      'IP addresses: 10.0.0.2 → 10.0.0.3',
      'MAC address: — → 00:11:22:33:44:55',
      'Admin User',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('Added');
    expect(text.indexOf('Changed')).toBeLessThan(text.indexOf('Added')); // newest first
    // Saving without a change writes nothing.
    await postForm(suite.app, admin, `/assets/${id}`, edited);
    const n = await suite.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it('adds service records (by the current user by default), audited, and lists them newest first', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const id = await addAsset(suite.app, admin, c.companyId, { name: 'PC-1' });
    const empty = await get(`/assets/${id}/service`);
    expect(empty.body).toContain('No service records yet.');
    const today = todayIn('America/Chicago');
    expect(empty.body).toContain(`value="${today}"`);
    const bad = await postForm(suite.app, admin, `/assets/${id}/service`, {
      performedOn: addDays(today, 3),
      description: '',
      minutes: '-5',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Describe what was done');
    const ok = await postForm(suite.app, admin, `/assets/${id}/service`, {
      performedOn: addDays(today, -2),
      description: 'Replaced the SSD',
      minutes: '90',
    });
    expect(ok.statusCode).toBe(302);
    await postForm(suite.app, admin, `/assets/${id}/service`, {
      performedOn: today,
      description: 'Windows updates',
      minutes: '15',
    });
    const future = await postForm(suite.app, admin, `/assets/${id}/service`, {
      performedOn: addDays(today, 3),
      description: 'x',
    });
    expect(future.body).toContain('Date cannot be in the future');
    const rec = await suite.db
      .selectFrom('service_records')
      .selectAll()
      .where('description', '=', 'Replaced the SSD')
      .executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      performed_by_id: admin.userId,
      minutes: 90,
      company_id: c.companyId,
    });
    const list = await get(`/assets/${id}/service`);
    expect(list.body.indexOf('Windows updates')).toBeLessThan(
      list.body.indexOf('Replaced the SSD'),
    );
    expect(list.body).toContain('1:30');
    const audits = await suite.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'asset.service_record')
      .execute();
    expect(audits).toHaveLength(2);
    expect((await get(`/assets/${id}/history`)).body).toContain('Service record added');

    // Work orders call addServiceRecord inside their own transaction.
    await suite.db.transaction().execute((trx) =>
      addServiceRecord(trx, {
        assetId: id,
        companyId: c.companyId,
        performedOn: today,
        description: 'From WO-1',
        minutes: 30,
        performedById: null,
        performedByName: 'Tech',
        workOrderId: 'wo-1',
      }),
    );
    expect((await get(`/assets/${id}/service`)).body).toContain('From WO-1');

    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    expect((await get(`/assets/${id}/service`, ro)).statusCode).toBe(200);
    expect(
      (
        await postForm(suite.app, ro, `/assets/${id}/service`, {
          performedOn: today,
          description: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lists warranties ending in the next 90 days and recently ended, soonest first, across companies', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta');
    const today = todayIn('America/Chicago');
    await addAsset(suite.app, admin, a.companyId, {
      name: 'SOON-60',
      warrantyExpires: addDays(today, 60),
    });
    await addAsset(suite.app, admin, b.companyId, {
      name: 'SOON-5',
      warrantyExpires: addDays(today, 5),
    });
    await addAsset(suite.app, admin, a.companyId, {
      name: 'ENDED-10',
      warrantyExpires: addDays(today, -10),
    });
    await addAsset(suite.app, admin, a.companyId, {
      name: 'LONG-AGO',
      warrantyExpires: addDays(today, -400),
    });
    await addAsset(suite.app, admin, a.companyId, {
      name: 'FAR-OFF',
      warrantyExpires: addDays(today, 200),
    });
    await addAsset(suite.app, admin, a.companyId, { name: 'NO-DATE' });
    const res = await get('/assets/warranty');
    expect(res.statusCode).toBe(200);
    const order = ['ENDED-10', 'SOON-5', 'SOON-60'].map((n) => res.body.indexOf(n));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    for (const n of ['LONG-AGO', 'FAR-OFF', 'NO-DATE']) expect(res.body).not.toContain(n);
    expect(res.body).toContain('expired 10 days ago');
    expect(res.body).toContain('in 5 days');
    expect(res.body).toContain('1–3 of 3');
  });
});
