import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { createStaff } from '../../../test/support/app.ts';
import { withActor, type Ctx } from '../../platform/context.ts';
import type { Role } from '../../platform/actor.ts';
import { open } from '../../lib/crypto.ts';
import { currentTotp } from '../auth/totp.ts';
import {
  createCredential,
  deleteCredential,
  getCredential,
  pageCredentials,
  revealCredential,
  updateCredential,
} from './service.ts';
import { makeAsset, makeCompany, TOTP_SECRET } from './fixtures.test-support.ts';

const PASSWORD = 'Tr0ub4dor&3-horse-staple';
const NOTES = 'Recovery phone is the office landline 555-0199';

describe.each(DIALECTS)('vault service on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, profile: false });
  let companyA: string;
  let companyB: string;
  let assetA: string;
  let assetB: string;
  const ctxs = {} as Record<Role, Ctx>;

  beforeEach(async () => {
    for (const role of ['admin', 'technician', 'billing', 'readonly'] as Role[]) {
      const { user } = await createStaff(suite.db, role);
      ctxs[role] = withActor(
        suite.deps,
        { type: 'staff', userId: user.id, name: user.name, email: user.email, role },
        '198.51.100.7',
      );
    }
    companyA = await makeCompany(suite.db, 'Alpha Dental');
    companyB = await makeCompany(suite.db, 'Beta Law');
    assetA = await makeAsset(suite.db, companyA, 'ALPHA-FW01');
    assetB = await makeAsset(suite.db, companyB, 'BETA-FW01');
  });

  const login = (over: Record<string, unknown> = {}) => ({
    label: 'Firewall admin',
    username: 'admin',
    password: PASSWORD,
    url: 'fw.alpha.example',
    totpSecret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp',
    notes: NOTES,
    tags: 'network, admin',
    assetId: assetA,
    ...over,
  });

  it('seals every secret: the raw row never holds the plaintext, and the key ring opens it', async () => {
    const c = await createCredential(ctxs.technician, companyA, login());
    expect(c).toMatchObject({
      hasPassword: true,
      hasTotp: true,
      hasNotes: true,
      assetName: 'ALPHA-FW01',
      url: 'https://fw.alpha.example',
      tags: ['network', 'admin'],
    });
    expect(JSON.stringify(c)).not.toContain(PASSWORD);
    const row = await suite.db
      .selectFrom('credentials')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    for (const secret of [PASSWORD, TOTP_SECRET, NOTES, 'Tr0ub4dor', 'landline'])
      expect(raw).not.toContain(secret);
    expect(row.password_enc).toMatch(/^v1:/);
    expect(open(suite.deps.keyring, row.password_enc!)).toBe(PASSWORD);
    expect(open(suite.deps.keyring, row.totp_enc!)).toBe(TOTP_SECRET);
    expect(open(suite.deps.keyring, row.notes_enc!)).toBe(NOTES);
  });

  it('reveals the password, the current TOTP code and notes, and audits who/where without plaintext', async () => {
    const c = await createCredential(ctxs.admin, companyA, login());
    const codeBefore = currentTotp(TOTP_SECRET);
    const { secrets } = await revealCredential(ctxs.technician, c.id, {
      purpose: 'copy',
      field: 'password',
    });
    const codeAfter = currentTotp(TOTP_SECRET);
    expect(secrets.password).toBe(PASSWORD);
    expect(secrets.notes).toBe(NOTES);
    expect(secrets.totpCode).toMatch(/^\d{6}$/);
    expect([codeBefore, codeAfter]).toContain(secrets.totpCode); // the same code unless a 30 s step ended mid-call
    const rows = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['credential.create', 'credential.copy']);
    const copy = rows[1];
    expect(copy).toMatchObject({
      entity_type: 'credential',
      company_id: companyA,
      ip: '198.51.100.7',
      actor_id: ctxs.technician.actor.type === 'staff' ? ctxs.technician.actor.userId : '',
    });
    const all = JSON.stringify(rows);
    for (const secret of [PASSWORD, TOTP_SECRET, NOTES, secrets.totpCode!])
      expect(all).not.toContain(secret);
  });

  it('billing and read-only staff see the entry but can never reveal it', async () => {
    const c = await createCredential(ctxs.admin, companyA, login());
    for (const role of ['billing', 'readonly'] as Role[]) {
      expect((await getCredential(ctxs[role], c.id)).label).toBe('Firewall admin');
      await expect(revealCredential(ctxs[role], c.id)).rejects.toMatchObject({ status: 403 });
      await expect(createCredential(ctxs[role], companyA, login())).rejects.toMatchObject({
        status: 403,
      });
    }
    const n = await suite.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['credential.reveal', 'credential.copy'])
      .execute();
    expect(n).toEqual([]);
  });

  it('rejects an asset of another company and a malformed TOTP secret, naming the field', async () => {
    await expect(
      createCredential(ctxs.admin, companyA, login({ assetId: assetB })),
    ).rejects.toMatchObject({ errors: [{ path: 'assetId' }] });
    await expect(
      createCredential(ctxs.admin, companyA, login({ totpSecret: 'not base32!' })),
    ).rejects.toMatchObject({ errors: [{ path: 'totpSecret' }] });
    await expect(
      createCredential(ctxs.admin, companyA, {
        kind: 'note',
        label: 'Wi-Fi',
        password: 'x',
        notes: 'y',
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'password' }] });
    const c = await createCredential(ctxs.admin, companyA, login());
    await expect(updateCredential(ctxs.admin, c.id, { assetId: assetB })).rejects.toMatchObject({
      errors: [{ path: 'assetId' }],
    });
    expect(await suite.db.selectFrom('credentials').select('id').execute()).toHaveLength(1);
  });

  it('stores the longest allowed notes and password in any script, and refuses longer', async () => {
    const notes = `${'€✓漢'.repeat(3333)}€`;
    const password = '密'.repeat(1000);
    const c = await createCredential(ctxs.admin, companyA, login({ notes, password }));
    expect((await revealCredential(ctxs.admin, c.id)).secrets).toMatchObject({ notes, password });
    await expect(
      createCredential(ctxs.admin, companyA, login({ notes: `${notes}x` })),
    ).rejects.toMatchObject({ errors: [{ path: 'notes' }] });
    await expect(
      createCredential(ctxs.admin, 'no-such-company', login({ assetId: null })),
    ).rejects.toMatchObject({ errors: [{ path: 'companyId' }] });
  });

  it('lists metadata only, filtered by company and asset', async () => {
    await createCredential(ctxs.admin, companyA, login());
    await createCredential(ctxs.admin, companyA, {
      kind: 'note',
      label: 'Wi-Fi passphrase',
      notes: 'guest: sunflower-42',
    });
    await createCredential(
      ctxs.admin,
      companyB,
      login({ assetId: assetB, label: 'Beta firewall' }),
    );
    const a = await pageCredentials(ctxs.readonly, { companyId: companyA });
    expect(a.items.map((c) => c.label).sort()).toEqual(['Firewall admin', 'Wi-Fi passphrase']);
    const json = JSON.stringify(a);
    for (const secret of [PASSWORD, NOTES, 'sunflower', '_enc', 'v1:'])
      expect(json).not.toContain(secret);
    const byAsset = await pageCredentials(ctxs.readonly, { assetId: assetB });
    expect(byAsset.items.map((c) => c.label)).toEqual(['Beta firewall']);
  });

  it('audits changes by field name only, and a deleted entry is gone', async () => {
    const c = await createCredential(ctxs.admin, companyA, login());
    await updateCredential(ctxs.technician, c.id, {
      password: 'N3w-Secret-Value!',
      totpSecret: null,
      label: 'Firewall (main)',
    });
    const after = await getCredential(ctxs.admin, c.id);
    expect(after).toMatchObject({ hasTotp: false, hasPassword: true, label: 'Firewall (main)' });
    const upd = await suite.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credential.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(upd.summary!)).toMatchObject({
      password: 'changed',
      totp: 'removed',
      label: ['Firewall admin', 'Firewall (main)'],
    });
    expect(upd.summary).not.toContain('N3w-Secret');
    expect((await revealCredential(ctxs.admin, c.id)).secrets.password).toBe('N3w-Secret-Value!');
    await deleteCredential(ctxs.admin, c.id);
    await expect(getCredential(ctxs.admin, c.id)).rejects.toMatchObject({ status: 404 });
    await expect(revealCredential(ctxs.admin, c.id)).rejects.toMatchObject({ status: 404 });
    expect((await pageCredentials(ctxs.admin, { companyId: companyA })).items).toEqual([]);
  });

  it('fails closed on a tampered ciphertext: a clear error, no value, no reveal audit row', async () => {
    const c = await createCredential(ctxs.admin, companyA, login());
    const row = await suite.db
      .selectFrom('credentials')
      .select('password_enc')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const parts = row.password_enc!.split(':');
    const ct = Buffer.from(parts[4], 'base64url');
    ct[0] ^= 1;
    parts[4] = ct.toString('base64url');
    await suite.db
      .updateTable('credentials')
      .set({ password_enc: parts.join(':') })
      .where('id', '=', c.id)
      .execute();
    await expect(revealCredential(ctxs.admin, c.id)).rejects.toMatchObject({
      status: 500,
      title: 'Vault entry unreadable',
    });
    const reveals = await suite.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'credential.reveal')
      .execute();
    expect(reveals).toEqual([]);
  });
});
