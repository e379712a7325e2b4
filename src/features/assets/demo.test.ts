import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { testDeps } from '../../../test/support/app.ts';
import { todayIn } from '../../lib/dates.ts';
import { seedDemo } from '../ops/demo.ts';
import { addDays } from './queries.ts';

describe('demo assets', () => {
  it('gives every demo company about 25 valid assets on 1–3 locations, with some warranties expiring soon or just expired', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite');
      expect(await seedDemo(deps)).toMatch(/ 300 assets/);
      const companies = await t.db.selectFrom('companies').select('id').execute();
      for (const c of companies) {
        const assets = await t.db
          .selectFrom('assets')
          .select(['name', 'category_id'])
          .where('company_id', '=', c.id)
          .execute();
        expect(assets).toHaveLength(25);
        expect(new Set(assets.map((a) => a.category_id)).size).toBe(5);
        const sites = await t.db
          .selectFrom('locations')
          .select('id')
          .where('company_id', '=', c.id)
          .execute();
        expect(sites.length).toBeGreaterThanOrEqual(1);
        expect(sites.length).toBeLessThanOrEqual(3);
      }
      const names = (await t.db.selectFrom('assets').select('name').execute()).map((r) => r.name);
      expect(names).toEqual(
        expect.arrayContaining(['HP LaserJet M404', 'Ubiquiti USW-24-PoE', 'Yealink T54W ext 101']),
      );
      const today = todayIn('UTC');
      const soon = await t.db
        .selectFrom('assets')
        .select('id')
        .where('warranty_expires', '>=', today)
        .where('warranty_expires', '<=', addDays(today, 90))
        .execute();
      const expired = await t.db
        .selectFrom('assets')
        .select('id')
        .where('warranty_expires', '<', today)
        .where('warranty_expires', '>=', addDays(today, -30))
        .execute();
      expect(soon.length).toBeGreaterThanOrEqual(companies.length);
      expect(expired.length).toBeGreaterThanOrEqual(companies.length);
      const audits = await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'asset.create')
        .execute();
      expect(audits).toHaveLength(300);
    } finally {
      await t.destroy();
    }
  });
});
