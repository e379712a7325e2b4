import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createStaff, testDeps } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { createCredential, revealCredential } from './service.ts';
import { makeCompany, TOTP_SECRET } from './fixtures.test-support.ts';

// The strongest form of "ciphertext never contains the plaintext": the SQLite file itself (and its
// write-ahead log) is searched byte by byte after the secrets were written and revealed.
describe('vault secrets at rest in a SQLite file', () => {
  it('never appear in the database file or its WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'st-vault-file-'));
    const file = path.join(dir, 'app.db');
    const { db } = connect(`sqlite:${file}`);
    const secrets = {
      password: 'Plaintext-Canary-Password-7311',
      notes: 'Plaintext canary notes 5521 for the file scan',
    };
    try {
      await migrateToLatest(db);
      const deps = testDeps(db, 'sqlite');
      const { user } = await createStaff(db, 'admin');
      const ctx = withActor(
        deps,
        { type: 'staff', userId: user.id, name: user.name, email: user.email, role: 'admin' },
        '127.0.0.1',
      );
      const company = await makeCompany(db, 'Canary Co');
      const c = await createCredential(ctx, company, {
        label: 'Canary login',
        username: 'canary-user',
        password: secrets.password,
        totpSecret: TOTP_SECRET,
        notes: secrets.notes,
      });
      expect((await revealCredential(ctx, c.id)).secrets.password).toBe(secrets.password);
    } finally {
      await db.destroy();
    }
    const bytes = Buffer.concat(fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f))));
    expect(bytes.includes(Buffer.from('canary-user'))).toBe(true); // the scan does see stored text
    for (const s of [
      secrets.password,
      secrets.notes,
      TOTP_SECRET,
      'Canary-Password',
      'canary notes',
    ])
      expect(bytes.includes(Buffer.from(s)), s).toBe(false);
  });
});
