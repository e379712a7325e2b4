import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { postForm, signInAs, getPage, type Agent } from '../../../test/support/app.ts';
import type { Role } from '../../platform/actor.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import { currentTotp } from '../auth/totp.ts';
import { makeAsset, makeCompany, TOTP_SECRET } from './fixtures.test-support.ts';

const PASSWORD = 'pa55-Word!-9f8e7d';
const NOTES = 'Break-glass account; rotate after use';

describe.each(DIALECTS)('vault pages and API on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  let companyA: string;
  let companyB: string;
  let assetA: string;
  let assetB: string;

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    companyA = await makeCompany(suite.db, 'Alpha Dental');
    companyB = await makeCompany(suite.db, 'Beta Law');
    assetA = await makeAsset(suite.db, companyA, 'ALPHA-FW01');
    assetB = await makeAsset(suite.db, companyB, 'BETA-FW01');
  });

  const get = (agent: Agent, url: string) => getPage(suite.app, agent, url);
  const keyFor = async (role: Role) => ({
    authorization: `Bearer ${(await insertApiKey(suite.db, { name: role, role, createdBy: null })).key}`,
  });
  const addEntry = async (over: Record<string, string> = {}) => {
    const res = await postForm(suite.app, admin, `/companies/${companyA}/credentials`, {
      kind: 'login',
      label: 'Firewall admin',
      username: 'fwadmin',
      password: PASSWORD,
      totpSecret: TOTP_SECRET,
      notes: NOTES,
      tags: 'network',
      assetId: assetA,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(302);
    return res.headers.location!.toString().split('/').pop()!;
  };

  it('adds an entry from the form; lists show it; pages hold no secret and no inline script or style', async () => {
    const id = await addEntry();
    const pages = [
      `/companies/${companyA}/credentials`,
      `/assets/${assetA}/credentials`,
      `/credentials/${id}`,
      `/credentials/${id}/edit`,
      `/companies/${companyA}/credentials/new`,
      `/assets/${assetA}/credentials/new`,
    ];
    for (const url of pages) {
      const res = await get(admin, url);
      expect(res.statusCode, url).toBe(200);
      for (const secret of [PASSWORD, TOTP_SECRET, NOTES])
        expect(res.body, url).not.toContain(secret);
      expect(res.body, url).not.toMatch(/\sstyle="/);
      expect(res.body, url).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    expect((await get(admin, `/companies/${companyA}/credentials`)).body).toContain('ALPHA-FW01');
    expect((await get(admin, `/credentials/${id}`)).body).toContain('Reveal');
    expect((await get(admin, `/companies/${companyB}/credentials`)).body).not.toContain(
      'Firewall admin',
    );
    expect((await get(admin, `/assets/${assetB}/credentials`)).body).not.toContain(
      'Firewall admin',
    );
  });

  it('re-renders the form with field errors (422) and refuses an asset of another company', async () => {
    const res = await postForm(suite.app, admin, `/companies/${companyA}/credentials`, {
      kind: 'login',
      label: '',
      totpSecret: 'nope',
      assetId: assetB,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Label is required');
    expect(res.body).toContain('TOTP secret must be');
    const n = await suite.db.selectFrom('credentials').select('id').execute();
    expect(n).toEqual([]);
  });

  it('reveals by fetch (JSON, no-store) with the current TOTP code; the entry shows the audit row with the IP', async () => {
    const id = await addEntry();
    const before = currentTotp(TOTP_SECRET);
    const res = await suite.app.inject({
      method: 'POST',
      url: `/credentials/${id}/reveal`,
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      payload: { purpose: 'reveal' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.password).toBe(PASSWORD);
    expect(body.notes).toBe(NOTES);
    expect([before, currentTotp(TOTP_SECRET)]).toContain(body.totpCode);
    const page = await get(admin, `/credentials/${id}`);
    expect(page.body).toContain('Revealed');
    expect(page.body).toContain('from 127.0.0.1');
    expect(page.body).not.toContain(PASSWORD);
    const audit = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credential.reveal')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].ip).toBe('127.0.0.1');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('without JavaScript, the Reveal form renders the entry with its secrets (audited, no-store); a POST without CSRF is refused', async () => {
    const id = await addEntry();
    const res = await postForm(suite.app, admin, `/credentials/${id}/reveal`, {
      purpose: 'reveal',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(PASSWORD);
    const forged = await suite.app.inject({
      method: 'POST',
      url: `/credentials/${id}/reveal`,
      headers: { cookie: admin.cookie, accept: 'application/json' },
    });
    expect(forged.statusCode).toBe(403);
    const audit = await suite.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'credential.reveal')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('billing and read-only staff see entries without reveal buttons and get 403 from the HTML and API reveal', async () => {
    const id = await addEntry();
    for (const role of ['billing', 'readonly'] as Role[]) {
      const agent = await signInAs(suite.app, suite.deps, role);
      const page = await get(agent, `/credentials/${id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Firewall admin');
      expect(page.body).not.toContain('data-vault-reveal');
      expect(page.body).not.toContain('data-vault-copy');
      const html = await postForm(suite.app, agent, `/credentials/${id}/reveal`, {
        purpose: 'reveal',
      });
      expect(html.statusCode).toBe(403);
      expect(html.body).not.toContain(PASSWORD);
      const api = await suite.app.inject({
        method: 'POST',
        url: `/api/v1/credentials/${id}/reveal`,
        headers: await keyFor(role),
      });
      expect(api.statusCode).toBe(403);
      expect(api.headers['content-type']).toContain('application/problem+json');
      expect(api.body).not.toContain(PASSWORD);
      expect((await postForm(suite.app, agent, `/credentials/${id}/delete`, {})).statusCode).toBe(
        403,
      );
    }
    expect(
      await suite.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', 'in', ['credential.reveal', 'credential.copy'])
        .execute(),
    ).toEqual([]);
  });

  it('edits keep an unchanged secret, remove one when asked, and delete behind its own POST', async () => {
    const id = await addEntry();
    const edit = await postForm(suite.app, admin, `/credentials/${id}`, {
      kind: 'login',
      label: 'Firewall',
      username: 'fwadmin',
      password: '',
      totpSecret: '',
      clearTotp: 'on',
      notes: '',
      tags: 'network',
      assetId: assetA,
    });
    expect(edit.statusCode, edit.body).toBe(302);
    const api = await keyFor('technician');
    const got = (await suite.app.inject({ url: `/api/v1/credentials/${id}`, headers: api })).json();
    expect(got).toMatchObject({
      label: 'Firewall',
      hasPassword: true,
      hasTotp: false,
      hasNotes: true,
    });
    const revealed = (
      await suite.app.inject({
        method: 'POST',
        url: `/api/v1/credentials/${id}/reveal`,
        headers: api,
      })
    ).json();
    expect(revealed).toMatchObject({ password: PASSWORD, totpCode: null, notes: NOTES });
    const del = await postForm(suite.app, admin, `/credentials/${id}/delete`, {});
    expect(del.headers.location).toBe(`/assets/${assetA}/credentials`);
    expect((await get(admin, `/credentials/${id}`)).statusCode).toBe(404);
  });

  it('API: create, list and read return no secret; reveal returns password and TOTP code; other companies and unknown ids are 404/filtered', async () => {
    const api = await keyFor('technician');
    const created = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: api,
      payload: {
        companyId: companyA,
        label: 'M365 admin',
        username: 'admin@alpha.example',
        password: PASSWORD,
        totpSecret: TOTP_SECRET,
        tags: ['m365'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    await suite.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: api,
      payload: {
        companyId: companyB,
        assetId: assetB,
        label: 'Beta router',
        password: 'beta-secret-1',
      },
    });
    const list = await suite.app.inject({
      url: `/api/v1/credentials?companyId=${companyA}`,
      headers: api,
    });
    expect(list.json().items.map((c: { label: string }) => c.label)).toEqual(['M365 admin']);
    for (const body of [
      list.body,
      created.body,
      (await suite.app.inject({ url: `/api/v1/credentials/${id}`, headers: api })).body,
    ]) {
      expect(body).not.toContain(PASSWORD);
      expect(body).not.toContain(TOTP_SECRET);
      expect(body).not.toMatch(/password"|_enc|v1:/);
    }
    const reveal = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${id}/reveal`,
      headers: api,
    });
    expect(reveal.headers['cache-control']).toBe('no-store');
    expect(reveal.json()).toMatchObject({
      password: PASSWORD,
      totpCode: expect.stringMatching(/^\d{6}$/),
    });
    const bad = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/credentials',
      headers: api,
      payload: { companyId: companyA, assetId: assetB, label: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('assetId');
    expect(
      (await suite.app.inject({ url: '/api/v1/credentials/no-such-id', headers: api })).statusCode,
    ).toBe(404);
    expect(
      (
        await suite.app.inject({
          method: 'PATCH',
          url: `/api/v1/credentials/${id}`,
          headers: api,
          payload: { password: null },
        })
      ).json().hasPassword,
    ).toBe(false);
    expect(
      (await suite.app.inject({ method: 'DELETE', url: `/api/v1/credentials/${id}`, headers: api }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await suite.app.inject({
          method: 'POST',
          url: `/api/v1/credentials/${id}/reveal`,
          headers: api,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('documents the vault endpoints in the OpenAPI document', async () => {
    const doc = (await suite.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/credentials', '/credentials/{id}', '/credentials/{id}/reveal']),
    );
    expect(doc.components.schemas.CredentialCreate.required).toEqual(
      expect.arrayContaining(['companyId', 'label']),
    );
    expect(Object.keys(doc.components.schemas.Credential.properties)).not.toContain('password');
  });

  it('a tampered ciphertext fails closed with a clear error and no value', async () => {
    const id = await addEntry();
    const row = await suite.db
      .selectFrom('credentials')
      .select('password_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const tampered = row.password_enc!.replace(
      /:([^:]+)$/,
      (_m, ct: string) =>
        `:${Buffer.from(Buffer.from(ct, 'base64url').map((b, i) => (i === 0 ? b ^ 0xff : b))).toString('base64url')}`,
    );
    await suite.db
      .updateTable('credentials')
      .set({ password_enc: tampered })
      .where('id', '=', id)
      .execute();
    const res = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/credentials/${id}/reveal`,
      headers: await keyFor('admin'),
    });
    expect(res.statusCode).toBe(500);
    expect(res.json().title).toBe('Vault entry unreadable');
    expect(res.body).not.toContain(PASSWORD);
  });

  it('generates passwords for writers only', async () => {
    const res = await get(admin, '/vault/generate?length=32');
    expect(res.json().password).toHaveLength(32);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await get(admin, '/vault/generate?length=4')).statusCode).toBe(400);
    const ro = await signInAs(suite.app, suite.deps, 'readonly');
    expect((await get(ro, '/vault/generate')).statusCode).toBe(403);
  });
});
