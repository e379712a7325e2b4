// Several admins making different tax rates the default at the same moment still leave exactly one
// default (the last to commit wins), on every dialect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS, createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedProfile, testDeps } from '../../../test/support/app.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { changeTaxRate, createTaxRate } from './catalog.ts';

describe.each(DIALECTS)('the default tax rate under concurrent changes on %s', (dialect) => {
  let t: TestDb;
  let deps: Deps;
  let admin: Ctx;
  const defaults = async () => (await t.db.selectFrom('tax_rates').select('name').where('is_default', '=', 1).execute()).map((r) => r.name);

  beforeAll(async () => {
    t = await createTestDb(dialect);
    deps = testDeps(t.db, dialect);
  });
  afterAll(async () => t.destroy());
  beforeEach(async () => {
    await t.reset();
    await seedProfile(t.db);
    admin = await staffCtx(deps, 'admin');
  });

  it('leaves one default when eight new default rates are added at once', async () => {
    await createTaxRate(admin, { name: 'State', ratePpm: 62_500, isDefault: true });
    await Promise.all(Array.from({ length: 8 }, (_, i) => createTaxRate(admin, { name: `County ${i}`, ratePpm: 70_000 + i, isDefault: true })));
    expect(await defaults()).toHaveLength(1);
  });

  it('leaves one default when eight existing rates are made the default at once', async () => {
    const rates = [];
    for (let i = 0; i < 8; i++) rates.push(await createTaxRate(admin, { name: `Rate ${i}`, ratePpm: 80_000 + i, isDefault: i === 0 }));
    await Promise.all(rates.map((r) => changeTaxRate(admin, r.id, { isDefault: true })));
    expect(await defaults()).toHaveLength(1);
  });
});
