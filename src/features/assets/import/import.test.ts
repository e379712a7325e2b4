import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/db.ts';
import { useAppSuite } from '../../../../test/support/suite.ts';
import { postForm, signInAs, type Agent } from '../../../../test/support/app.ts';
import { companyWithSite } from '../test-helpers.ts';

/** A multipart/form-data body exactly as a browser sends the upload form. */
async function multipart(
  fields: Record<string, string>,
  file?: { filename: string; data: string | Buffer },
) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file)
    fd.append(
      'file',
      new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], {
        type: 'text/csv',
      }),
      file.filename,
    );
  const res = new Response(fd);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    contentType: res.headers.get('content-type')!,
  };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** What a browser would submit from the page's last form: hidden fields, the CSV textarea, each select's chosen option, ticked boxes. */
function formFields(html: string): Record<string, string> {
  const form = html.slice(html.lastIndexOf('<form'));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]+)"/.exec(m[1])?.[1];
    const value = /value="([^"]*)"/.exec(m[1])?.[1] ?? '';
    if (
      !name ||
      /type="(file|submit)"/.test(m[1]) ||
      (/type="checkbox"/.test(m[1]) && !/\bchecked\b/.test(m[1]))
    )
      continue;
    fields[name] = unescapeHtml(value);
  }
  const csv = /<textarea name="csv"[^>]*>([\s\S]*?)<\/textarea>/.exec(form);
  if (csv) fields.csv = unescapeHtml(csv[1]).replace(/^\n/, ''); // browsers drop one newline after <textarea>
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen =
      /<option value="([^"]*)" selected/.exec(m[2]) ?? /<option value="([^"]*)"/.exec(m[2]);
    fields[m[1]] = unescapeHtml(chosen?.[1] ?? '');
  }
  return fields;
}

const GOOD = [
  'Hostname,Type,Manufacturer,Model,S/N,Site,Assigned To,Status,Cost,Warranty,Favourite colour',
  'FRONT-PC,Computers,Dell,OptiPlex 7010,SN-1,acme hq,Acme Person,In Service,"$1,299.00",3/1/2028,teal',
  'BACK-PC,computer,HP,EliteDesk,SN-2,,,spare,899,2027-12-31,mauve',
  'PRINTER-1,Printers,Brother,HL-L2350,SN-3,Acme HQ,,Active,,,',
].join('\r\n');

describe.each(DIALECTS)('asset CSV import on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;

  const count = async (table: 'assets' | 'audit_log' | 'locations', where?: [string, string]) => {
    let q = suite.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const upload = async (
    agent: Agent,
    companyId: string,
    csv: string | Buffer,
    filename = 'assets.csv',
  ) => {
    const body = await multipart({ _csrf: agent.csrf }, { filename, data: csv });
    return suite.app.inject({
      method: 'POST',
      url: `/companies/${companyId}/assets/import`,
      headers: { cookie: agent.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  /** Upload -> mapping page -> preview page, each form submitted as the browser would. */
  const toPreview = async (
    agent: Agent,
    companyId: string,
    csv: string,
    change: Record<string, string> = {},
  ) => {
    const mapping = await upload(agent, companyId, csv);
    expect(mapping.statusCode).toBe(200);
    const preview = await postForm(
      suite.app,
      agent,
      `/companies/${companyId}/assets/import/preview`,
      { ...formFields(mapping.body), ...change },
    );
    expect(preview.statusCode).toBe(200);
    return preview;
  };
  const run = (agent: Agent, companyId: string, fields: Record<string, string>) =>
    postForm(suite.app, agent, `/companies/${companyId}/assets/import/run`, fields);

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  it('imports every row of a good file in one go: fields, cents, location and contact by name, one audit row per asset and one for the import', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const preview = await toPreview(admin, c.companyId, GOOD);
    expect(preview.body).toContain('3 rows read from <strong>assets.csv</strong>: 3 rows ready.');
    expect(preview.body).toContain('Import 3 assets');
    expect(preview.body).toContain('$1,299.00');
    expect(await count('assets')).toBe(0); // the preview writes nothing
    for (const html of [preview.body, (await upload(admin, c.companyId, GOOD)).body]) {
      expect(html).not.toMatch(/\sstyle="|\son[a-z]+="|<script(?![^>]*\ssrc=)[^>]*>/); // the CSP allows neither
    }

    const done = await run(admin, c.companyId, formFields(preview.body));
    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe(`/companies/${c.companyId}/assets`);
    const flash = done.cookies.find((k) => k.name === 'st_flash')!;
    expect(JSON.parse(Buffer.from(flash.value, 'base64url').toString('utf8'))).toEqual({
      kind: 'success',
      message: 'Imported 3 assets.',
    });

    const rows = await suite.db
      .selectFrom('assets')
      .selectAll()
      .where('company_id', '=', c.companyId)
      .orderBy('name')
      .execute();
    expect(
      rows.map((r) => [
        r.name,
        r.category_id,
        r.make,
        r.serial,
        r.status,
        r.location_id,
        r.contact_id,
        r.warranty_expires,
      ]),
    ).toEqual([
      ['BACK-PC', 'cat-computers', 'HP', 'SN-2', 'spare', null, null, '2027-12-31'],
      [
        'FRONT-PC',
        'cat-computers',
        'Dell',
        'SN-1',
        'in_service',
        c.locationId,
        c.contactId,
        '2028-03-01',
      ],
      ['PRINTER-1', 'cat-printers', 'Brother', 'SN-3', 'in_service', c.locationId, null, null],
    ]);
    expect(
      rows.map((r) => (r.purchase_price_cents === null ? null : Number(r.purchase_price_cents))),
    ).toEqual([89900, 129900, null]);
    expect(JSON.stringify(rows)).not.toMatch(/teal|mauve/);

    const audits = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'summary'])
      .where('action', 'like', 'asset.%')
      .execute();
    const creates = audits.filter((a) => a.action === 'asset.create');
    expect(creates.map((a) => a.entity_id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(JSON.parse(creates.find((a) => a.entity_id === rows[1].id)!.summary!)).toEqual({
      name: 'FRONT-PC',
      category: 'Computers',
      status: 'in_service',
      source: 'csv import',
    });
    const imports = audits.filter((a) => a.action === 'asset.import');
    expect(imports).toHaveLength(1);
    expect(JSON.parse(imports[0].summary!)).toEqual({
      count: 3,
      file: 'assets.csv',
      locationsCreated: [],
    });

    const list = await suite.app.inject({
      url: done.headers.location!,
      headers: { cookie: `${admin.cookie}; st_flash=${flash.value}` },
    });
    expect(list.body).toContain('Imported 3 assets.');
  });

  it('reports the errors of rows 3 and 5 by row and field and imports nothing, not even the good rows', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const csv = [
      'Name,Status,Warranty expires,Serial',
      'PC-2,in service,2027-01-01,S2',
      'PC-3,in service,2026-02-30,S3',
      'PC-4,spare,,S4',
      'PC-5,sleeping,,S5',
      'PC-6,,,S6',
    ].join('\n');
    const preview = await toPreview(admin, c.companyId, csv);
    expect(preview.body).toContain(
      'Row 3 · Warranty expires: “2026-02-30” must be a date like 2027-03-31 or 3/31/2027',
    );
    expect(preview.body).toContain(
      'Row 5 · Status: “sleeping” is not a status; use in service, spare, in repair or retired',
    );
    expect(preview.body).toContain(
      '2 problems in 2 rows. Nothing will be imported until every row is right.',
    );
    expect(preview.body).not.toContain('/import/run');
    expect(preview.body).not.toMatch(/>Import \d/);

    // Posting the import anyway (an old tab, a crafted form) re-checks every row and still writes nothing.
    const done = await run(admin, c.companyId, formFields(preview.body));
    expect(done.statusCode).toBe(422);
    expect(done.body).toContain('Nothing was imported.');
    const errors = /<ul class="mb-0" id="import-errors">([\s\S]*?)<\/ul>/
      .exec(done.body)![1]
      .match(/<li>[^<]*<\/li>/g)!;
    expect(errors.map((e) => e.replace(/<\/?li>/g, ''))).toEqual([
      'Row 3 · Warranty expires: “2026-02-30” must be a date like 2027-03-31 or 3/31/2027',
      'Row 5 · Status: “sleeping” is not a status; use in service, spare, in repair or retired',
    ]);
    expect(await count('assets')).toBe(0);
    expect(await count('audit_log', ['action', 'asset.create'])).toBe(0);
    expect(await count('audit_log', ['action', 'asset.import'])).toBe(0);
  });

  it('guesses the mapping from the header names and ignores columns it does not know', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const page = await upload(admin, c.companyId, GOOD);
    const f = formFields(page.body);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => f[`map.${i}`])).toEqual([
      'name',
      'category',
      'make',
      'model',
      'serial',
      'location',
      'contact',
      'status',
      'purchasePrice',
      'warrantyExpires',
      'ignore',
    ]);
    expect(f.categoryId).toBe('cat-computers');
    expect(page.body).toContain('teal · mauve'); // example values help recognise a column
    // The user may change the guess: serial ignored, the colour imported as notes.
    const preview = await postForm(
      suite.app,
      admin,
      `/companies/${c.companyId}/assets/import/preview`,
      { ...f, 'map.4': 'ignore', 'map.10': 'notes' },
    );
    await run(admin, c.companyId, formFields(preview.body));
    const rows = await suite.db
      .selectFrom('assets')
      .select(['name', 'serial', 'notes'])
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      { name: 'BACK-PC', serial: null, notes: 'mauve' },
      { name: 'FRONT-PC', serial: null, notes: 'teal' },
      { name: 'PRINTER-1', serial: null, notes: null },
    ]);
  });

  it('refuses a mapping without a name column or with one field twice, back on the mapping step', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const f = formFields((await upload(admin, c.companyId, GOOD)).body);
    const noName = await postForm(
      suite.app,
      admin,
      `/companies/${c.companyId}/assets/import/preview`,
      { ...f, 'map.0': 'ignore' },
    );
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Choose the column that holds each asset’s name (or hostname).');
    const twice = await run(admin, c.companyId, { ...f, 'map.3': 'make' });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain(
      'Make is chosen for more than one column (“Manufacturer”, “Model”)',
    );
    expect(await count('assets')).toBe(0);
  });

  it('reads a semicolon-separated Excel file with a BOM and European numbers', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Name;Price;Purchase date\r\nPC-1;1.299,50;31.03.2025\r\n', 'utf8'),
    ]);
    const preview = await postForm(
      suite.app,
      admin,
      `/companies/${c.companyId}/assets/import/preview`,
      formFields((await upload(admin, c.companyId, csv)).body),
    );
    expect((await run(admin, c.companyId, formFields(preview.body))).statusCode).toBe(302);
    const row = await suite.db.selectFrom('assets').selectAll().executeTakeFirstOrThrow();
    expect([row.name, Number(row.purchase_price_cents), row.purchase_date]).toEqual([
      'PC-1',
      129950,
      '2025-03-31',
    ]);
  });

  it('matches location names only among the company’s own; “create missing locations” adds them to this company', async () => {
    const a = await companyWithSite(suite.app, admin, suite.db, 'Alpha');
    const b = await companyWithSite(suite.app, admin, suite.db, 'Beta');
    const csv = 'Name,Location\nPC-1,Beta HQ\nPC-2,beta hq\nPC-3,Alpha HQ';
    const preview = await toPreview(admin, a.companyId, csv);
    expect(preview.body).toContain(
      'Row 2 · Location: this company has no location called “Beta HQ” (its locations: Alpha HQ)',
    );
    expect(preview.body).toContain(
      'Row 3 · Location: this company has no location called “beta hq”',
    );
    expect((await run(admin, a.companyId, formFields(preview.body))).statusCode).toBe(422);

    const withCreate = await toPreview(admin, a.companyId, csv, { createLocations: 'on' });
    expect(withCreate.body).toContain('These locations will be created: Beta HQ.');
    expect((await run(admin, a.companyId, formFields(withCreate.body))).statusCode).toBe(302);
    const created = await suite.db
      .selectFrom('locations')
      .selectAll()
      .where('company_id', '=', a.companyId)
      .where('name', '=', 'Beta HQ')
      .execute();
    expect(created).toHaveLength(1);
    const assets = await suite.db
      .selectFrom('assets')
      .select(['name', 'location_id', 'company_id'])
      .orderBy('name')
      .execute();
    expect(assets).toEqual([
      { name: 'PC-1', location_id: created[0].id, company_id: a.companyId },
      { name: 'PC-2', location_id: created[0].id, company_id: a.companyId },
      { name: 'PC-3', location_id: a.locationId, company_id: a.companyId },
    ]);
    expect(assets.some((x) => x.location_id === b.locationId)).toBe(false);
    expect(await count('audit_log', ['action', 'location.create'])).toBe(3); // Alpha HQ, Beta HQ by hand; Beta HQ for Alpha by the import
  });

  it('lets a technician import; billing and read-only get 403 at every step', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const preview = await toPreview(tech, c.companyId, 'Name\nTECH-PC');
    const fields = formFields(preview.body);
    expect((await run(tech, c.companyId, fields)).statusCode).toBe(302);
    expect(await count('assets')).toBe(1);
    for (const role of ['billing', 'readonly'] as const) {
      const agent = await signInAs(suite.app, suite.deps, role);
      expect(
        (
          await suite.app.inject({
            url: `/companies/${c.companyId}/assets/import`,
            headers: { cookie: agent.cookie },
          })
        ).statusCode,
      ).toBe(403);
      expect((await upload(agent, c.companyId, 'Name\nX')).statusCode).toBe(403);
      expect(
        (
          await postForm(
            suite.app,
            agent,
            `/companies/${c.companyId}/assets/import/preview`,
            fields,
          )
        ).statusCode,
      ).toBe(403);
      expect((await run(agent, c.companyId, fields)).statusCode).toBe(403);
    }
    expect(await count('assets')).toBe(1);
  });

  it('sends a file that cannot be imported back to the upload step with the reason', async () => {
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const cases: [string, string][] = [
      ['', 'Choose a CSV file to upload.'],
      ['Name\n', 'The file has a header row but no assets below it.'],
      ['Name,Notes\nPC,"never closed\n', 'a quoted value is never closed'],
      [
        `Name\n${Array.from({ length: 5001 }, (_, i) => `PC-${i}`).join('\n')}`,
        'The file has 5,001 rows of assets; at most 5,000 rows can be imported at once.',
      ],
    ];
    for (const [csv, message] of cases) {
      const res = await upload(admin, c.companyId, csv, csv ? 'x.csv' : '');
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain('name="file"');
    }
    const missing = await run(admin, c.companyId, { categoryId: 'cat-computers', 'map.0': 'name' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('The CSV is missing; upload the file again');
  });

  it('is linked from the company’s assets for those who may import, offers a template, and 404s an unknown company', async () => {
    const page = await suite.app.inject({
      url: '/companies/00000000-0000-7000-8000-000000000000/assets/import',
      headers: { cookie: admin.cookie },
    });
    expect(page.statusCode).toBe(404);
    const c = await companyWithSite(suite.app, admin, suite.db, 'Acme');
    const ok = await suite.app.inject({
      url: `/companies/${c.companyId}/assets/import`,
      headers: { cookie: admin.cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Import assets from CSV');
    expect(ok.body).toContain('enctype="multipart/form-data"');
    const list = await suite.app.inject({
      url: `/companies/${c.companyId}/assets`,
      headers: { cookie: admin.cookie },
    });
    expect(list.body).toContain(
      `href="/companies/${c.companyId}/assets/import">Import from CSV</a>`,
    );
    const readonly = await signInAs(suite.app, suite.deps, 'readonly');
    expect(
      (
        await suite.app.inject({
          url: `/companies/${c.companyId}/assets`,
          headers: { cookie: readonly.cookie },
        })
      ).body,
    ).not.toContain('Import from CSV');
    const template = await suite.app.inject({
      url: `/companies/${c.companyId}/assets/import/template.csv`,
      headers: { cookie: admin.cookie },
    });
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body.split('\n')[0]).toContain('Name,Category,Status,Location');
  });
});
