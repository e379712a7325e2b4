// Documents over HTTP on every dialect: upload, download headers, dedup by content, the size limit,
// hostile names and types, soft delete, scoping and roles, and the JSON API.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import type { Role } from '../../platform/actor.ts';
import { nowIso } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { createCompany } from '../companies/service.ts';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-png-magic'),
]);
const MB = 1024 * 1024;

type Upload = { filename: string; type: string; data: Buffer };

/** A multipart/form-data body exactly as a browser (or curl -F) would send it. */
async function multipart(fields: Record<string, string>, file?: Upload) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file)
    fd.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.filename);
  const res = new Response(fd);
  return {
    payload: Buffer.from(await res.arrayBuffer()),
    contentType: res.headers.get('content-type')!,
  };
}

/** Every file under a directory, as absolute paths. */
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe.each(DIALECTS)('documents on %s', (dialect) => {
  const suite = useAppSuite(dialect, { deps: { env: { UPLOAD_MAX_MB: '1' } } });
  let admin: Agent;
  let companyA: string;
  let companyB: string;
  let assetA: string;
  let assetA2: string;
  let assetB: string;

  const system = () => withActor(suite.deps, { type: 'system', label: 'test' });
  const insertAsset = async (companyId: string, name: string) => {
    const id = newId();
    const now = nowIso();
    await suite.db
      .insertInto('assets')
      .values({
        id,
        company_id: companyId,
        category_id: 'cat-computers',
        name,
        name_sort: name.toLowerCase(),
        make: null,
        model: null,
        serial: null,
        asset_tag: null,
        status: 'in_service',
        location_id: null,
        contact_id: null,
        ip_addresses: null,
        mac: null,
        os: null,
        purchase_date: null,
        purchase_price_cents: null,
        vendor: null,
        warranty_expires: null,
        notes: null,
        custom_fields: null,
        search_text: name.toLowerCase(),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  const upload = async (
    agent: Agent,
    url: string,
    file?: Upload,
    fields: Record<string, string> = { _csrf: agent.csrf },
  ) => {
    const body = await multipart(fields, file);
    return suite.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': body.contentType },
      payload: body.payload,
    });
  };
  const get = (agent: Agent, url: string) => getPage(suite.app, agent, url);
  const post = (agent: Agent, url: string) =>
    suite.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(agent.csrf)}`,
    });
  const rows = () => suite.db.selectFrom('documents').selectAll().orderBy('id').execute();
  const audits = (action: string) =>
    suite.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  const storedFiles = () => walk(path.join(suite.deps.config.dataDir, 'files', 'documents'));
  const bearer = async (role: Role = 'admin') => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: 'test', role, createdBy: null })).key}`,
  });
  const apiUpload = async (
    headers: Record<string, string>,
    fields: Record<string, string>,
    file?: Upload,
  ) => {
    const body = await multipart(fields, file);
    return suite.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };

  beforeEach(async () => {
    fs.rmSync(path.join(suite.deps.config.dataDir, 'files'), { recursive: true, force: true });
    admin = await signInAs(suite.app, suite.deps, 'admin');
    companyA = (await createCompany(system(), { name: 'Riverside Dental' })).id;
    companyB = (await createCompany(system(), { name: 'Harbor Law' })).id;
    assetA = await insertAsset(companyA, 'FRONTDESK-PC');
    assetA2 = await insertAsset(companyA, 'XRAY-WS');
    assetB = await insertAsset(companyB, 'LAW-NAS');
  });

  it('uploads on the company page, lists it, audits it, and downloads the identical bytes', async () => {
    const data = Buffer.from('%PDF-1.7\nthe network diagram\n%%EOF\n');
    const res = await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'Network diagram.pdf',
      type: 'application/pdf',
      data,
    });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/companies/${companyA}/documents`);
    const [row] = await rows();
    const sha = createHash('sha256').update(data).digest('hex');
    expect(row).toMatchObject({
      company_id: companyA,
      asset_id: null,
      filename: 'Network diagram.pdf',
      content_type: 'application/pdf',
      sha256: sha,
      uploaded_by_id: admin.userId,
      deleted_at: null,
    });
    expect(Number(row.size_bytes)).toBe(data.length);
    const [a] = await audits('document.upload');
    expect(a).toMatchObject({ entity_type: 'document', entity_id: row.id, company_id: companyA });
    expect(JSON.parse(a.summary!)).toEqual({
      filename: 'Network diagram.pdf',
      sizeBytes: data.length,
      sha256: sha,
    });

    const page = await get(admin, `/companies/${companyA}/documents`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Network diagram.pdf');
    expect(page.body).toContain(`${data.length} B`);
    expect(page.body).toContain(`/documents/${row.id}/download`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('data-confirm="Delete Network diagram.pdf?');

    const dl = await get(admin, `/documents/${row.id}/download`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(data)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `inline; filename="Network diagram.pdf"; filename*=UTF-8''Network%20diagram.pdf`,
    );
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['cache-control']).toContain('private');
    // Nobody signed in: sent to sign in, no bytes.
    const anon = await suite.app.inject({ url: `/documents/${row.id}/download` });
    expect(anon.statusCode).toBe(302);
    expect(anon.rawPayload.includes(data)).toBe(false);
  });

  it('stores identical content once, under DATA_DIR/files by its hash', async () => {
    const data = Buffer.from('same bytes, two uploads');
    expect(
      (
        await upload(admin, `/companies/${companyA}/documents`, {
          filename: 'a.txt',
          type: 'text/plain',
          data,
        })
      ).statusCode,
    ).toBe(302);
    expect(
      (
        await upload(admin, `/assets/${assetA}/documents`, {
          filename: 'b.txt',
          type: 'text/plain',
          data,
        })
      ).statusCode,
    ).toBe(302);
    const [one, two] = await rows();
    expect(one.sha256).toBe(two.sha256);
    const files = storedFiles();
    expect(files).toEqual([
      path.join(
        suite.deps.config.dataDir,
        'files',
        'documents',
        one.sha256.slice(0, 2),
        one.sha256.slice(2),
      ),
    ]);
    expect(fs.readFileSync(files[0]).equals(data)).toBe(true);
  });

  it('refuses a file over UPLOAD_MAX_MB with a message at the file field, and writes nothing', async () => {
    const big = { filename: 'backup.zip', type: 'application/zip', data: Buffer.alloc(MB + 1, 7) };
    const res = await upload(admin, `/companies/${companyA}/documents`, big);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('“backup.zip” is larger than the upload limit of 1 MB.');
    expect(res.body).toContain('id="f-file"');
    expect(res.body).toMatch(/class="form-control is-invalid" type="file"/);

    const api = await apiUpload(await bearer(), { companyId: companyA }, big);
    expect(api.statusCode).toBe(413);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({
      status: 413,
      errors: [{ path: 'file', message: '“backup.zip” is larger than the upload limit of 1 MB.' }],
    });

    expect(await rows()).toEqual([]);
    expect(await audits('document.upload')).toEqual([]);
    expect(storedFiles()).toEqual([]);
    // Exactly at the limit is fine.
    expect(
      (
        await upload(admin, `/companies/${companyA}/documents`, {
          ...big,
          data: Buffer.alloc(MB, 7),
        })
      ).statusCode,
    ).toBe(302);
  });

  it('says so when no file was chosen', async () => {
    const res = await upload(admin, `/companies/${companyA}/documents`, {
      filename: '',
      type: 'application/octet-stream',
      data: Buffer.alloc(0),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Choose a file to upload');
    expect(await rows()).toEqual([]);
  });

  it('stores path-traversal and disguised names sanitised, with the bytes only under DATA_DIR/files', async () => {
    for (const filename of ['../../etc/passwd', '..\\x.txt', 'invoice\u202Efdp.exe', '..']) {
      const res = await upload(admin, `/companies/${companyA}/documents`, {
        filename,
        type: 'text/plain',
        data: Buffer.from(`content of ${filename}`),
      });
      expect(res.statusCode, filename).toBe(302);
    }
    expect((await rows()).map((r) => r.filename)).toEqual([
      'passwd',
      'x.txt',
      'invoicefdp.exe',
      'unnamed',
    ]);
    const root = path.join(suite.deps.config.dataDir, 'files', 'documents');
    expect(storedFiles()).toHaveLength(4);
    for (const f of walk(suite.deps.config.dataDir)) {
      expect(f.startsWith(root + path.sep), f).toBe(true);
      expect(path.basename(f)).toMatch(/^[0-9a-f]{62}$/);
    }
  });

  it('serves an HTML or SVG upload as an attachment that the browser never renders', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'evil.html',
      type: 'text/html',
      data: html,
    });
    await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'evil.svg',
      type: 'image/svg+xml',
      data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    });
    // Claiming to be a PNG does not make HTML inline.
    await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'fake.png',
      type: 'image/png',
      data: Buffer.from('<html>fake</html>'),
    });
    const docs = await rows();
    expect(docs.map((d) => d.content_type)).toEqual(['text/html', 'image/svg+xml', 'image/png']);
    for (const d of docs) {
      const dl = await get(admin, `/documents/${d.id}/download`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type'], d.filename).toBe('application/octet-stream');
      expect(dl.headers['content-disposition'], d.filename).toMatch(/^attachment; filename="/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.headers['content-security-policy']).toContain('sandbox');
    }
    expect((await get(admin, `/documents/${docs[0].id}/download`)).rawPayload.equals(html)).toBe(
      true,
    );
  });

  it('shows a PNG inline as image/png', async () => {
    await upload(admin, `/assets/${assetA}/documents`, {
      filename: 'rack photo.png',
      type: 'image/png',
      data: PNG,
    });
    const [d] = await rows();
    const dl = await get(admin, `/documents/${d.id}/download`);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toMatch(/^inline; /);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
  });

  it('keeps asset documents on the asset and shows them, with the asset name, on the company', async () => {
    await upload(admin, `/assets/${assetA}/documents`, {
      filename: 'warranty.pdf',
      type: 'application/pdf',
      data: Buffer.from('%PDF-1 w'),
    });
    await upload(admin, `/assets/${assetA2}/documents`, {
      filename: 'xray-manual.pdf',
      type: 'application/pdf',
      data: Buffer.from('%PDF-1 x'),
    });
    await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'contract.pdf',
      type: 'application/pdf',
      data: Buffer.from('%PDF-1 c'),
    });
    const r = await rows();
    expect(r.map((d) => [d.filename, d.company_id, d.asset_id])).toEqual([
      ['warranty.pdf', companyA, assetA],
      ['xray-manual.pdf', companyA, assetA2],
      ['contract.pdf', companyA, null],
    ]);
    expect(JSON.parse((await audits('document.upload'))[0].summary!)).toMatchObject({
      filename: 'warranty.pdf',
      asset: 'FRONTDESK-PC',
    });

    const asset = await get(admin, `/assets/${assetA}/documents`);
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toContain('FRONTDESK-PC');
    expect(asset.body).toContain('Riverside Dental');
    expect(asset.body).toContain('warranty.pdf');
    expect(asset.body).not.toContain('contract.pdf');
    expect(asset.body).not.toContain('xray-manual.pdf');

    const company = await get(admin, `/companies/${companyA}/documents`);
    for (const name of [
      'warranty.pdf',
      'xray-manual.pdf',
      'contract.pdf',
      'FRONTDESK-PC',
      'XRAY-WS',
    ])
      expect(company.body).toContain(name);
    const other = await get(admin, `/companies/${companyB}/documents`);
    expect(other.body).toContain('No documents yet.');
    expect(other.body).not.toContain('warranty.pdf');
  });

  it('deletes softly: audited with the filename, gone from lists, downloads and the API', async () => {
    await upload(admin, `/assets/${assetA}/documents`, {
      filename: 'old-config.txt',
      type: 'text/plain',
      data: Buffer.from('config'),
    });
    const [d] = await rows();
    const res = await post(admin, `/assets/${assetA}/documents/${d.id}/delete`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/assets/${assetA}/documents`);
    const [after] = await rows();
    expect(after.deleted_at).not.toBeNull();
    expect(after.deleted_by_name).toMatch(/^Admin User/);
    const [a] = await audits('document.delete');
    expect(a).toMatchObject({ entity_type: 'document', entity_id: d.id, company_id: companyA });
    expect(JSON.parse(a.summary!)).toMatchObject({ filename: 'old-config.txt' });

    expect((await get(admin, `/documents/${d.id}/download`)).statusCode).toBe(404);
    expect((await get(admin, `/assets/${assetA}/documents`)).body).not.toContain('old-config.txt');
    expect((await get(admin, `/companies/${companyA}/documents`)).body).not.toContain(
      'old-config.txt',
    );
    const h = await bearer();
    expect(
      (await suite.app.inject({ url: `/api/v1/documents/${d.id}`, headers: h })).statusCode,
    ).toBe(404);
    expect(
      (await suite.app.inject({ url: `/api/v1/documents/${d.id}/download`, headers: h }))
        .statusCode,
    ).toBe(404);
    expect(
      (await suite.app.inject({ method: 'DELETE', url: `/api/v1/documents/${d.id}`, headers: h }))
        .statusCode,
    ).toBe(404);
    expect((await post(admin, `/assets/${assetA}/documents/${d.id}/delete`)).statusCode).toBe(404);
    expect(await audits('document.delete')).toHaveLength(1);
  });

  it('treats a document of another company or asset as not found', async () => {
    await upload(admin, `/assets/${assetA}/documents`, {
      filename: 'a.txt',
      type: 'text/plain',
      data: Buffer.from('a'),
    });
    const [d] = await rows();
    expect((await post(admin, `/companies/${companyB}/documents/${d.id}/delete`)).statusCode).toBe(
      404,
    );
    expect((await post(admin, `/assets/${assetB}/documents/${d.id}/delete`)).statusCode).toBe(404);
    expect((await post(admin, `/assets/${assetA2}/documents/${d.id}/delete`)).statusCode).toBe(404);
    expect((await rows())[0].deleted_at).toBeNull();
    expect((await get(admin, `/companies/${newId()}/documents`)).statusCode).toBe(404);
    expect((await get(admin, `/assets/${newId()}/documents`)).statusCode).toBe(404);
    expect(
      (
        await upload(admin, `/assets/${newId()}/documents`, {
          filename: 'x.txt',
          type: 'text/plain',
          data: Buffer.from('x'),
        })
      ).statusCode,
    ).toBe(404);

    // The API cannot file a document on an asset of another company.
    const h = await bearer();
    const cross = await apiUpload(
      h,
      { companyId: companyB, assetId: assetA },
      { filename: 'x.txt', type: 'text/plain', data: Buffer.from('x') },
    );
    expect(cross.statusCode).toBe(400);
    expect(cross.json().errors).toEqual([
      { path: 'assetId', message: 'No such asset at this company' },
    ]);
    const list = (
      await suite.app.inject({ url: `/api/v1/documents?companyId=${companyB}`, headers: h })
    ).json();
    expect(list.items).toEqual([]);
    const assetList = (
      await suite.app.inject({
        url: `/api/v1/documents?companyId=${companyB}&assetId=${assetA}`,
        headers: h,
      })
    ).json();
    expect(assetList.items).toEqual([]);
    expect(await rows()).toHaveLength(1);
  });

  it('lets read-only staff list and download but not upload or delete', async () => {
    await upload(admin, `/companies/${companyA}/documents`, {
      filename: 'policy.pdf',
      type: 'application/pdf',
      data: Buffer.from('%PDF-1 p'),
    });
    const [d] = await rows();
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    const page = await get(ro, `/companies/${companyA}/documents`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('policy.pdf');
    expect(page.body).not.toContain('enctype="multipart/form-data"');
    expect(page.body).not.toContain('/delete"');
    expect((await get(ro, `/documents/${d.id}/download`)).statusCode).toBe(200);
    expect(
      (
        await upload(ro, `/companies/${companyA}/documents`, {
          filename: 'x.txt',
          type: 'text/plain',
          data: Buffer.from('x'),
        })
      ).statusCode,
    ).toBe(403);
    expect((await post(ro, `/companies/${companyA}/documents/${d.id}/delete`)).statusCode).toBe(
      403,
    );

    const h = await bearer('readonly');
    expect(
      (
        await suite.app.inject({ url: `/api/v1/documents?companyId=${companyA}`, headers: h })
      ).json().items,
    ).toHaveLength(1);
    expect(
      (await suite.app.inject({ url: `/api/v1/documents/${d.id}/download`, headers: h }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await apiUpload(
          h,
          { companyId: companyA },
          { filename: 'x.txt', type: 'text/plain', data: Buffer.from('x') },
        )
      ).statusCode,
    ).toBe(403);
    expect(
      (await suite.app.inject({ method: 'DELETE', url: `/api/v1/documents/${d.id}`, headers: h }))
        .statusCode,
    ).toBe(403);
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0].deleted_at).toBeNull();
    // A billing person may read documents too; technicians may upload.
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    expect(
      (
        await upload(tech, `/assets/${assetA}/documents`, {
          filename: 't.txt',
          type: 'text/plain',
          data: Buffer.from('t'),
        })
      ).statusCode,
    ).toBe(302);
  });

  it('refuses an upload without the CSRF token', async () => {
    const res = await upload(
      admin,
      `/companies/${companyA}/documents`,
      { filename: 'x.txt', type: 'text/plain', data: Buffer.from('x') },
      {},
    );
    expect(res.statusCode).toBe(403);
    expect(await rows()).toEqual([]);
  });

  it('JSON API: upload, list with cursor, read, download, delete', async () => {
    const h = await bearer();
    expect((await suite.app.inject({ url: '/api/v1/documents' })).statusCode).toBe(401);
    const created = await apiUpload(
      h,
      { companyId: companyA, assetId: assetA },
      { filename: 'switch-config.txt', type: 'text/plain', data: Buffer.from('hostname sw1\n') },
    );
    expect(created.statusCode).toBe(201);
    const doc = created.json();
    expect(doc).toMatchObject({
      companyId: companyA,
      assetId: assetA,
      assetName: 'FRONTDESK-PC',
      filename: 'switch-config.txt',
      contentType: 'text/plain',
      sizeBytes: 13,
      uploadedByName: 'test',
    });
    expect(created.headers.location).toBe(`/api/v1/documents/${doc.id}`);
    expect((await audits('document.upload'))[0].actor_label).toBe('test (API key)');
    await apiUpload(
      h,
      { companyId: companyA },
      { filename: 'two.txt', type: 'text/plain', data: Buffer.from('2') },
    );
    await apiUpload(
      h,
      { companyId: companyA },
      { filename: 'three.txt', type: 'text/plain', data: Buffer.from('3') },
    );
    await apiUpload(
      h,
      { companyId: companyB },
      { filename: 'other.txt', type: 'text/plain', data: Buffer.from('o') },
    );

    const p1 = (
      await suite.app.inject({ url: `/api/v1/documents?companyId=${companyA}&limit=2`, headers: h })
    ).json();
    expect(p1.items.map((d: { filename: string }) => d.filename)).toEqual(['three.txt', 'two.txt']);
    const p2 = (
      await suite.app.inject({
        url: `/api/v1/documents?companyId=${companyA}&limit=2&cursor=${p1.nextCursor}`,
        headers: h,
      })
    ).json();
    expect(p2.items.map((d: { filename: string }) => d.filename)).toEqual(['switch-config.txt']);
    expect(p2.nextCursor).toBeNull();
    const byAsset = (
      await suite.app.inject({ url: `/api/v1/documents?assetId=${assetA}`, headers: h })
    ).json();
    expect(byAsset.items.map((d: { id: string }) => d.id)).toEqual([doc.id]);
    const bad = await suite.app.inject({ url: '/api/v1/documents?limit=500', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('limit');

    expect(
      (await suite.app.inject({ url: `/api/v1/documents/${doc.id}`, headers: h })).json(),
    ).toEqual(doc);
    const dl = await suite.app.inject({ url: `/api/v1/documents/${doc.id}/download`, headers: h });
    expect(dl.body).toBe('hostname sw1\n');
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="switch-config.txt"/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');

    const missing = await apiUpload(h, { companyId: companyA });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'file', message: 'Choose a file to upload' }]);
    const noCompany = await apiUpload(
      h,
      {},
      { filename: 'x.txt', type: 'text/plain', data: Buffer.from('x') },
    );
    expect(noCompany.json().errors[0].path).toBe('companyId');
    const unknownCompany = await apiUpload(
      h,
      { companyId: newId() },
      { filename: 'x.txt', type: 'text/plain', data: Buffer.from('x') },
    );
    expect(unknownCompany.statusCode).toBe(400);

    expect(
      (await suite.app.inject({ method: 'DELETE', url: `/api/v1/documents/${doc.id}`, headers: h }))
        .statusCode,
    ).toBe(204);
    expect(
      (await suite.app.inject({ url: `/api/v1/documents/${doc.id}`, headers: h })).statusCode,
    ).toBe(404);
    expect((await audits('document.delete')).map((a) => a.entity_id)).toEqual([doc.id]);

    const spec = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/documents', '/documents/{id}', '/documents/{id}/download']),
    );
    expect(spec.components.schemas.Document).toBeDefined();
  });
});
