import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { createStaff, testDeps } from '../../../test/support/app.ts';
import { withActor, type Ctx } from '../../platform/context.ts';
import { generateKeySpec, open, parseKeyring, seal, type Keyring } from '../../lib/crypto.ts';
import { createCredential, deleteCredential, revealCredential } from './service.ts';
import { rotateVaultKey } from './rotation.ts';
import { nextKeyId, rotateEnvKey, rotateKeyFile } from './rotate-command.ts';
import { makeAsset, makeCompany, TOTP_SECRET } from './fixtures.test-support.ts';

const quiet = () => {};

describe.each(DIALECTS)('vault key rotation on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, profile: false });
  let oldSpec: string;
  let ctx: Ctx;
  let ids: string[];
  let userId: string;

  beforeEach(async () => {
    oldSpec = generateKeySpec('k1');
    const deps = { ...testDeps(suite.db, dialect), keyring: parseKeyring(oldSpec) };
    const { user } = await createStaff(suite.db, 'admin');
    userId = user.id;
    await suite.db
      .updateTable('users')
      .set({ totp_secret_enc: seal(deps.keyring, TOTP_SECRET) })
      .where('id', '=', user.id)
      .execute();
    ctx = withActor(
      deps,
      { type: 'staff', userId: user.id, name: user.name, email: user.email, role: 'admin' },
      '127.0.0.1',
    );
    const company = await makeCompany(suite.db, 'Alpha');
    const asset = await makeAsset(suite.db, company, 'FW1');
    ids = [];
    for (let i = 0; i < 7; i++)
      ids.push(
        (
          await createCredential(ctx, company, {
            label: `Entry ${i}`,
            password: `secret-${i}`,
            totpSecret: i % 2 ? TOTP_SECRET : null,
            notes: `note ${i}`,
            assetId: i % 3 ? asset : null,
          })
        ).id,
      );
    ids.push(
      (
        await createCredential(ctx, company, {
          kind: 'note',
          label: 'Wi-Fi',
          notes: 'guest wifi: sunflower',
        })
      ).id,
    );
    await deleteCredential(ctx, ids[0]); // deleted entries are re-sealed too: nothing stays on the old key
  });

  const sealedValues = async () => {
    const creds = await suite.db
      .selectFrom('credentials')
      .select(['password_enc', 'totp_enc', 'notes_enc'])
      .execute();
    const users = await suite.db.selectFrom('users').select('totp_secret_enc').execute();
    return [
      ...creds.flatMap((r) => [r.password_enc, r.totp_enc, r.notes_enc]),
      ...users.map((u) => u.totp_secret_enc),
    ].filter((v): v is string => v !== null);
  };

  it('re-seals every vault secret and TOTP seed; the new key alone opens them all, the old one none', async () => {
    const before = await sealedValues();
    const plain = before.map((v) => open(ctx.keyring, v));
    const newRing = parseKeyring(generateKeySpec('k2'));
    const r = await rotateVaultKey(suite.db, ctx.keyring, newRing);
    expect(r).toEqual({ credentials: 8, values: 7 + 3 + 7 + 1, users: 1, settings: 0 });
    const after = await sealedValues();
    expect(after).toHaveLength(before.length);
    expect(after.every((v) => v.startsWith('v1:k2:'))).toBe(true);
    expect(after.map((v) => open(newRing, v)).sort()).toEqual(plain.sort());
    for (const v of after) expect(() => open(ctx.keyring, v)).toThrow();
    const revealed = await revealCredential({ ...ctx, keyring: newRing }, ids[1]);
    expect(revealed.secrets.password).toBe('secret-1');
  });

  it('changes nothing when one value cannot be opened', async () => {
    const foreign = seal(parseKeyring(generateKeySpec('k9')), 'from elsewhere');
    await suite.db
      .updateTable('credentials')
      .set({ notes_enc: foreign })
      .where('id', '=', ids[5])
      .execute();
    const before = await sealedValues();
    await expect(
      rotateVaultKey(suite.db, ctx.keyring, parseKeyring(generateKeySpec('k2'))),
    ).rejects.toThrow(/cannot decrypt vault entry/);
    expect(await sealedValues()).toEqual(before);
  });

  it('key file: holds only the new key afterwards, mode 600, and the new key opens everything', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-rotate-'));
    const file = path.join(dir, 'vault.key');
    fs.writeFileSync(file, `${oldSpec}\n`, { mode: 0o600 });
    const lines: string[] = [];
    await rotateKeyFile(suite.db, file, undefined, (l) => lines.push(l));
    const spec = fs.readFileSync(file, 'utf8').trim();
    expect(spec).toMatch(/^k2:[A-Za-z0-9+/=]+$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['vault.key']);
    const ring = parseKeyring(spec);
    for (const v of await sealedValues()) expect(open(ring, v)).toBeTypeOf('string');
    expect(lines.join('\n')).toContain(
      'Re-encrypted 18 secrets in 8 vault entries, 1 two-factor secrets and 0 payment provider keys',
    );
    expect(lines.join('\n')).not.toContain(spec.split(':')[1]);
  });

  it('key file: a failed rotation leaves "new,old" in the file, which still opens every value', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-rotate-'));
    const file = path.join(dir, 'vault.key');
    fs.writeFileSync(file, `${oldSpec}\n`, { mode: 0o600 });
    await suite.db
      .updateTable('users')
      .set({ totp_secret_enc: 'v1:k1:garbage:garbage:garbage' })
      .where('id', '=', userId)
      .execute();
    await expect(rotateKeyFile(suite.db, file, undefined, quiet)).rejects.toThrow(
      /two-factor secret/,
    );
    const ring = parseKeyring(fs.readFileSync(file, 'utf8').trim());
    expect([...ring.keys.keys()]).toEqual(['k2', 'k1']);
    const creds = await suite.db
      .selectFrom('credentials')
      .select('password_enc')
      .where('password_enc', 'is not', null)
      .execute();
    for (const r of creds) expect(open(ring, r.password_enc!)).toMatch(/^secret-/);
  });

  it('VAULT_KEY: prints the new value before changing anything, or uses --new-key; refuses a reused key id', async () => {
    const lines: string[] = [];
    await rotateEnvKey(suite.db, oldSpec, undefined, (l) => lines.push(l));
    const printed = /VAULT_KEY=(\S+)/.exec(lines[0])?.[1];
    expect(printed).toMatch(/^k2:/);
    const ring = parseKeyring(printed!);
    for (const v of await sealedValues()) expect(open(ring, v)).toBeTypeOf('string');
    const given = generateKeySpec('prod-2027');
    await rotateEnvKey(suite.db, printed!, given, quiet);
    for (const v of await sealedValues()) expect(v.startsWith('v1:prod-2027:')).toBe(true);
    await expect(
      rotateEnvKey(suite.db, given, generateKeySpec('prod-2027'), quiet),
    ).rejects.toThrow(/already in use/);
  });
});

describe('next key id', () => {
  const ring = (ids: string[]): Keyring =>
    parseKeyring(ids.map((id) => generateKeySpec(id)).join(','));
  it('is one past the highest kN, skipping ids in use', () => {
    expect(nextKeyId(ring(['k1']))).toBe('k2');
    expect(nextKeyId(ring(['k3', 'k1']))).toBe('k4');
    expect(nextKeyId(ring(['prod']))).toBe('k1');
  });
});
