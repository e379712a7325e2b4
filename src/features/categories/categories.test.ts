import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../../test/support/app.ts';
import { validateCustomFields } from './custom-fields.ts';
import { keyFromLabel } from './schemas.ts';

describe('category field validation', () => {
  const defs = [
    { key: 'ram', label: 'RAM', type: 'number' as const },
    { key: 'ends', label: 'Ends', type: 'date' as const },
    { key: 'web', label: 'Web', type: 'url' as const },
    { key: 'kind', label: 'Kind', type: 'select' as const, options: ['Desk', 'Mobile'] },
    { key: 'note', label: 'Note', type: 'text' as const },
  ];
  it('checks each type, drops empty values and refuses unknown keys', () => {
    expect(
      validateCustomFields(defs, {
        ram: '16',
        ends: '2027-01-31',
        web: 'https://x.test',
        kind: 'Desk',
        note: ' hi ',
      }),
    ).toEqual({
      values: { ram: 16, ends: '2027-01-31', web: 'https://x.test', kind: 'Desk', note: 'hi' },
      errors: [],
    });
    expect(validateCustomFields(defs, { ram: '', note: '   ' }).values).toEqual({});
    const bad = validateCustomFields(defs, {
      ram: '1e3x',
      ends: '2027-02-30',
      web: 'ftp://x',
      kind: 'desk',
      nope: 1,
    });
    expect(bad.errors.map((e) => e.path)).toEqual([
      'customFields.ram',
      'customFields.ends',
      'customFields.web',
      'customFields.kind',
      'customFields.nope',
    ]);
    expect(validateCustomFields(defs, { nope: 1 }, { dropUnknown: true }).errors).toEqual([]);
    expect(validateCustomFields(defs, [1]).errors[0].path).toBe('customFields');
  });
  it('makes keys from labels', () => {
    expect(keyFromLabel('Management URL')).toBe('managementUrl');
    expect(keyFromLabel('  RAM (GB) ')).toBe('ramGb');
  });
});

describe.each(DIALECTS)('asset categories admin on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('lists the seeded categories, adds one with typed fields, edits it, audited, and its fields appear on asset forms', async () => {
    const list = await suite.app.inject({
      url: '/settings/categories',
      headers: { cookie: admin.cookie },
    });
    for (const n of ['Computers', 'Servers', 'Printers', 'Phones', 'Network equipment'])
      expect(list.body).toContain(n);
    expect(
      (await suite.app.inject({ url: '/settings', headers: { cookie: admin.cookie } })).body,
    ).toContain('/settings/categories');
    const bad = await postForm(suite.app, admin, '/settings/categories', {
      rows: '1',
      name: 'computers',
      f0_label: 'Kind',
      f0_type: 'text',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('A category with this name already exists');
    const bad2 = await postForm(suite.app, admin, '/settings/categories', {
      rows: '1',
      name: 'Cameras',
      f0_label: 'Kind',
      f0_type: 'select',
      f0_options: '',
    });
    expect(bad2.body).toContain('A select field needs at least one option');
    const ok = await postForm(suite.app, admin, '/settings/categories', {
      rows: '4',
      name: 'Cameras',
      f0_label: 'Resolution',
      f0_type: 'select',
      f0_options: '1080p, 4K',
      f1_label: 'NVR URL',
      f1_type: 'url',
      f2_label: '',
      f3_label: 'Installed',
      f3_type: 'date',
    });
    expect(ok.statusCode).toBe(302);
    const row = await suite.db
      .selectFrom('asset_categories')
      .selectAll()
      .where('name', '=', 'Cameras')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.fields)).toEqual([
      { key: 'resolution', label: 'Resolution', type: 'select', options: ['1080p', '4K'] },
      { key: 'nvrUrl', label: 'NVR URL', type: 'url' },
      { key: 'installed', label: 'Installed', type: 'date' },
    ]);
    const edit = await postForm(suite.app, admin, `/settings/categories/${row.id}`, {
      rows: '3',
      name: 'IP cameras',
      f0_label: 'Resolution',
      f0_key: 'resolution',
      f0_type: 'select',
      f0_options: '1080p, 4K, 8K',
      f1_label: '',
      f1_key: 'nvrUrl',
      f2_label: 'Installed',
      f2_key: 'installed',
      f2_type: 'date',
    });
    expect(edit.statusCode).toBe(302);
    const audits = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['category.create', 'category.update']);
    expect(JSON.parse(audits[1].summary!).name).toEqual(['Cameras', 'IP cameras']);

    const company = (await postForm(suite.app, admin, '/companies', { name: 'Cam Co' })).headers
      .location!.toString()
      .split('/')
      .pop()!;
    const form = await suite.app.inject({
      url: `/companies/${company}/assets/new?categoryId=${row.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(form.body).toContain('name="cf.resolution"');
    expect(form.body).toContain('8K');
    expect(form.body).not.toContain('cf.nvrUrl');
  });

  it('is for admins only', async () => {
    for (const role of ['technician', 'billing', 'readonly'] as const) {
      const u = await signInAs(suite.app, suite.deps, role);
      expect(
        (await suite.app.inject({ url: '/settings/categories', headers: { cookie: u.cookie } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await postForm(suite.app, u, '/settings/categories', { rows: '0', name: 'X' })).statusCode,
      ).toBe(403);
    }
  });
});
