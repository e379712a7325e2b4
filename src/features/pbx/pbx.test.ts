import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  flashOf,
  followRedirect,
  getPage,
  postForm,
  signInAs,
  type Agent,
} from '../../../test/support/app.ts';
import {
  defaultPbxState,
  startFakeFreePbx,
  type FakeFreePbx,
} from '../../../test/support/fake-freepbx.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import type { Role } from '../../platform/actor.ts';
import { reloadPolling } from './changes.ts';
import { generateKeySpec, open, parseKeyring } from '../../lib/crypto.ts';
import { rotateVaultKey } from '../vault/rotation.ts';

describe.each(DIALECTS)('PBX systems on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let fake: FakeFreePbx;
  let admin: Agent;

  beforeAll(async () => {
    fake = await startFakeFreePbx();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.state = defaultPbxState();
    fake.fail = {};
    fake.errorStatus = 400;
    admin = await signInAs(suite.app, suite.deps, 'admin');
  });

  const company = async (name: string) =>
    (await postForm(suite.app, admin, '/companies', { name })).headers
      .location!.toString()
      .split('/')
      .pop()!;
  const addPbx = async (companyId: string, fields: Record<string, string> = {}) => {
    const res = await postForm(suite.app, admin, `/companies/${companyId}/pbx`, {
      name: 'Main PBX',
      hostUrl: fake.url,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      ...fields,
    });
    expect(res.statusCode).toBe(302);
    return res.headers.location!.toString().split('/').pop()!;
  };
  const apiKey = async (role: Role) => {
    const { key } = await insertApiKey(suite.db, { name: role, role, createdBy: null });
    return { authorization: `Bearer ${key}` };
  };

  it('records a system with its secret sealed, shown only through the audited reveal', async () => {
    const cid = await company('Riverside Dental');
    const bad = await postForm(suite.app, admin, `/companies/${cid}/pbx`, {
      name: '',
      hostUrl: 'not a url',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Name is required');
    expect(bad.body).toContain('Host URL must be a web address');
    const id = await addPbx(cid);
    const row = await suite.db
      .selectFrom('pbx_systems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_enc).toBeTruthy();
    expect(row.client_secret_enc).not.toContain(fake.clientSecret);
    const list = await getPage(suite.app, admin, `/companies/${cid}/pbx`);
    expect(list.body).toContain('Main PBX');
    expect(list.body).toContain('Phone systems');
    for (const url of [`/companies/${cid}/pbx/${id}`, `/companies/${cid}/pbx/${id}/edit`]) {
      const page = await getPage(suite.app, admin, url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(fake.clientSecret);
    }
    // An edit with the secret left empty keeps it.
    await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}`, {
      name: 'Front office PBX',
      hostUrl: fake.url,
      clientId: fake.clientId,
      clientSecret: '',
    });
    const after = await suite.db
      .selectFrom('pbx_systems')
      .select(['name', 'client_secret_enc'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: 'Front office PBX', client_secret_enc: row.client_secret_enc });

    const reveal = await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/reveal`, {});
    expect(reveal.body).toContain(fake.clientSecret);
    const audits = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['pbx.create', 'pbx.update', 'pbx.secret.reveal']);
    expect(JSON.stringify(audits)).not.toContain(fake.clientSecret);
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    expect(
      (await postForm(suite.app, billing, `/companies/${cid}/pbx/${id}/reveal`, {})).statusCode,
    ).toBe(403);
  });

  it('re-seals the API secret on a VAULT_KEY rotation', async () => {
    const cid = await company('Rotate Co');
    const id = await addPbx(cid);
    const newRing = parseKeyring(generateKeySpec('k2'));
    await rotateVaultKey(suite.db, suite.deps.keyring, newRing);
    const row = await suite.db
      .selectFrom('pbx_systems')
      .select('client_secret_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(open(newRing, row.client_secret_enc!)).toBe(fake.clientSecret);
  });

  it('syncs against FreePBX with one token, snapshots only on change, and shows the diff', async () => {
    const cid = await company('Harbor Law');
    const id = await addPbx(cid);
    const tokensBefore = fake.tokenRequests;
    const first = await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    expect(flashOf(first)?.message).toContain('recorded as a new snapshot');
    const again = await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    expect(flashOf(again)?.message).toBe('Synced: nothing changed since the last snapshot.');
    expect(fake.tokenRequests - tokensBefore).toBe(1);
    const count = async () =>
      (
        await suite.db
          .selectFrom('pbx_snapshots')
          .select('id')
          .where('pbx_system_id', '=', id)
          .execute()
      ).length;
    expect(await count()).toBe(1);
    const sys = await suite.db
      .selectFrom('pbx_systems')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([sys.version, sys.asterisk_version]).toEqual(['17.0.19', '21.4.1']);

    fake.state.extensions.push({
      extensionId: '204',
      name: 'Lab',
      tech: 'pjsip',
      voicemail: 'default',
      outboundCid: '',
    });
    fake.state.routes[0].destination = 'ext-group,600,1';
    const third = await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    expect(flashOf(third)?.message).toContain('2 changes');
    expect(await count()).toBe(2);
    const page = await followRedirect(suite.app, third, admin);
    expect(page.body).toContain('Lab');
    expect(page.body).toContain('ring group 600');
    const snaps = await suite.db
      .selectFrom('pbx_snapshots')
      .select('id')
      .where('pbx_system_id', '=', id)
      .orderBy('taken_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const snap = await getPage(
      suite.app,
      admin,
      `/companies/${cid}/pbx/${id}/snapshots/${snaps[0].id}`,
    );
    expect(snap.body).toContain('extension 204 added');
    expect(snap.body).toContain(
      'route +15551230000 destination changed from ext 100 to ring group 600',
    );
    const exported = await getPage(
      suite.app,
      admin,
      `/companies/${cid}/pbx/${id}/snapshots/${snaps[0].id}/export.json`,
    );
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json().content.extensions.map((e: { number: string }) => e.number)).toEqual([
      '100',
      '101',
      '204',
    ]);
    expect(exported.body).not.toContain(fake.clientSecret);
    const log = await suite.db
      .selectFrom('pbx_sync_log')
      .select('outcome')
      .where('pbx_system_id', '=', id)
      .orderBy('at')
      .execute();
    expect(log.map((l) => l.outcome).sort()).toEqual(['snapshot', 'snapshot', 'unchanged']);
  });

  it('shows drift checks on the system page', async () => {
    const cid = await company('Old PBX Co');
    const id = await addPbx(cid);
    fake.state.version = '15.0.37';
    fake.state.backups[0].lastRun = '2020-01-01T00:00:00Z';
    fake.state.needReload = true;
    await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    // The pending reload was first seen two days ago.
    await suite.db
      .updateTable('pbx_snapshots')
      .set({ taken_at: new Date(Date.now() - 2 * 86_400_000).toISOString() })
      .where('pbx_system_id', '=', id)
      .execute();
    const page = await getPage(suite.app, admin, `/companies/${cid}/pbx/${id}`);
    expect(page.body).toContain('data-drift="reload-pending"');
    expect(page.body).toContain('No backup in 7 days (last ran 2020-01-01).');
    expect(page.body).toContain('FreePBX 15 is end of life (FreePBX 15.0.37).');
  });

  it('turns FreePBX’s 400 status:false into a clear error and records no snapshot', async () => {
    const cid = await company('Scoped Co');
    const id = await addPbx(cid);
    fake.fail.allInboundRoutes = 'Scope gql:core:read is required';
    const res = await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    expect(flashOf(res)?.kind).toBe('danger');
    expect(flashOf(res)?.message).toContain('Scope gql:core:read is required');
    expect(flashOf(res)?.message).toContain('Nothing was recorded');
    const snaps = await suite.db
      .selectFrom('pbx_snapshots')
      .select('id')
      .where('pbx_system_id', '=', id)
      .execute();
    expect(snaps).toEqual([]);
    const sys = await suite.db
      .selectFrom('pbx_systems')
      .select(['version', 'last_sync_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sys).toEqual({ version: null, last_sync_at: null });
    const api = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/pbx-systems/${id}/sync`,
      headers: await apiKey('technician'),
    });
    expect(api.statusCode).toBe(502);
    expect(api.json().detail ?? api.body).toContain('Scope gql:core:read is required');
  });

  it('adds and renames an extension on the PBX, applied and audited; a refused or failed change records nothing', async () => {
    reloadPolling.ms = 5;
    const cid = await company('Change Co');
    const id = await addPbx(cid);
    await postForm(suite.app, admin, `/companies/${cid}/pbx/${id}/sync`, {});
    const url = `/companies/${cid}/pbx/${id}/extensions`;
    const added = await postForm(suite.app, admin, url, {
      action: 'add',
      number: '205',
      name: 'Hygienist',
      email: 'hy@customer.example',
    });
    expect(flashOf(added)?.message).toBe('Extension 205 was added and the configuration applied.');
    expect(fake.state.extensions.map((e) => e.extensionId)).toContain('205');
    expect(fake.state.needReload).toBe(false); // the reload was polled to Executed
    const renamed = await postForm(suite.app, admin, url, {
      action: 'rename',
      number: '205',
      name: 'Hygiene room',
    });
    expect(flashOf(renamed)?.kind).toBe('success');
    const audits = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', id)
      .where('action', 'like', 'pbx.extension.%')
      .orderBy('at')
      .execute();
    expect(audits.map((a) => [a.action, JSON.parse(a.summary!)])).toEqual([
      ['pbx.extension.add', { extension: '205', before: null, after: { name: 'Hygienist' } }],
      [
        'pbx.extension.rename',
        { extension: '205', before: { name: 'Hygienist' }, after: { name: 'Hygiene room' } },
      ],
    ]);
    const snapshots = async () =>
      (
        await suite.db
          .selectFrom('pbx_snapshots')
          .select('id')
          .where('pbx_system_id', '=', id)
          .execute()
      ).length;
    expect(await snapshots()).toBe(3);

    // A duplicate number: FreePBX answers 400 status:false; nothing is recorded.
    const dup = await postForm(suite.app, admin, url, {
      action: 'add',
      number: '100',
      name: 'Again',
      email: 'a@customer.example',
    });
    expect(flashOf(dup)?.kind).toBe('danger');
    expect(flashOf(dup)?.message).toContain('already in use');
    // A reload that fails: FreePBX's details are shown and nothing is recorded as done.
    fake.reloadFails = 'Reload failed: syntax error in extensions_custom.conf';
    const failed = await postForm(suite.app, admin, url, { action: 'remove', number: '101' });
    expect(flashOf(failed)?.message).toContain('syntax error in extensions_custom.conf');
    expect(flashOf(failed)?.message).toContain('Nothing was recorded as done');
    fake.reloadFails = null;
    const bad = await postForm(suite.app, admin, url, { action: 'add', number: 'x1', name: '' });
    expect(flashOf(bad)?.message).toContain('Extension number must be 2 to 10 digits');
    const after = await suite.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', id)
      .where('action', 'like', 'pbx.extension.%')
      .execute();
    expect(after).toHaveLength(2);
    expect(await snapshots()).toBe(3);
    const readonly = await signInAs(suite.app, suite.deps, 'readonly');
    expect(
      (await postForm(suite.app, readonly, url, { action: 'remove', number: '100' })).statusCode,
    ).toBe(403);
  });

  it('serves the JSON API without the secret, with the role matrix', async () => {
    const cid = await company('API Co');
    const tech = await apiKey('technician');
    const created = await suite.app.inject({
      method: 'POST',
      url: '/api/v1/pbx-systems',
      headers: tech,
      payload: {
        companyId: cid,
        name: 'Cloud PBX',
        hostUrl: fake.url,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
      },
    });
    expect(created.statusCode).toBe(201);
    const pbx = created.json();
    expect(pbx.hasClientSecret).toBe(true);
    const sync = await suite.app.inject({
      method: 'POST',
      url: `/api/v1/pbx-systems/${pbx.id}/sync`,
      headers: tech,
    });
    expect(sync.statusCode).toBe(200);
    expect(sync.json().outcome).toBe('snapshot');
    for (const role of ['admin', 'technician', 'billing', 'readonly'] as Role[]) {
      const h = await apiKey(role);
      const reads = [
        `/api/v1/pbx-systems?companyId=${cid}`,
        `/api/v1/pbx-systems/${pbx.id}`,
        `/api/v1/pbx-systems/${pbx.id}/snapshots`,
        `/api/v1/pbx-systems/${pbx.id}/snapshots/${sync.json().snapshotId}`,
      ];
      for (const url of reads) {
        const r = await suite.app.inject({ url, headers: h });
        expect(r.statusCode, `${role} ${url}`).toBe(200);
        expect(r.body).not.toContain(fake.clientSecret);
        expect(r.body).not.toContain('client_secret');
      }
      const manage = role === 'admin' || role === 'technician';
      const writes = [
        {
          method: 'PATCH' as const,
          url: `/api/v1/pbx-systems/${pbx.id}`,
          payload: { notes: role },
        },
        { method: 'POST' as const, url: `/api/v1/pbx-systems/${pbx.id}/sync`, payload: {} },
        {
          method: 'POST' as const,
          url: '/api/v1/pbx-systems',
          payload: { companyId: cid, name: `By ${role}`, hostUrl: fake.url },
        },
      ];
      for (const w of writes) {
        const r = await suite.app.inject({ ...w, headers: h });
        expect(r.statusCode, `${role} ${w.method} ${w.url}`).toBe(
          manage ? (w.url === '/api/v1/pbx-systems' ? 201 : 200) : 403,
        );
        expect(r.body).not.toContain(fake.clientSecret);
      }
      const page = await signInAs(suite.app, suite.deps, role);
      expect((await getPage(suite.app, page, `/companies/${cid}/pbx/${pbx.id}`)).statusCode).toBe(
        200,
      );
      expect((await getPage(suite.app, page, `/companies/${cid}/pbx/new`)).statusCode).toBe(
        manage ? 200 : 403,
      );
    }
    const missing = await suite.app.inject({ url: '/api/v1/pbx-systems', headers: tech });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('companyId is required');
  });
});
