import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { testDeps } from '../../../test/support/app.ts';
import { withActor } from '../../platform/context.ts';
import { seedDemo } from '../ops/demo.ts';
import { revealCredential } from './service.ts';

describe('demo vault entries', () => {
  it('gives every demo company a Microsoft 365 admin with a 2FA code, a router admin and a secure note', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite');
      expect(await seedDemo(deps)).toMatch(/\d+ vault entries/);
      const companies = await t.db.selectFrom('companies').select('id').execute();
      const rows = await t.db.selectFrom('credentials').selectAll().execute();
      expect(rows.length).toBeGreaterThanOrEqual(companies.length * 3);
      const m365 = rows.filter((r) => r.label === 'Microsoft 365 global admin');
      expect(m365).toHaveLength(companies.length);
      expect(rows.filter((r) => r.kind === 'note')).toHaveLength(companies.length);
      const { secrets } = await revealCredential(
        withActor(deps, { type: 'system', label: 'test' }),
        m365[0].id,
      );
      expect(secrets.totpCode).toMatch(/^\d{6}$/);
      expect(secrets.password).toHaveLength(20);
    } finally {
      await t.destroy();
    }
  });
});
