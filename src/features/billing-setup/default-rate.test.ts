// Several admins making different tax rates the default at the same moment still leave exactly one
// default (the last to commit wins), on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { changeTaxRate, createTaxRate } from './catalog.ts';

describe.each(DIALECTS)('the default tax rate under concurrent changes on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let admin: Ctx;
  const defaults = async () =>
    (
      await suite.db.selectFrom('tax_rates').select('name').where('is_default', '=', 1).execute()
    ).map((r) => r.name);

  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
  });

  it('leaves one default when eight new default rates are added at once', async () => {
    await createTaxRate(admin, { name: 'State', ratePpm: 62_500, isDefault: true });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        createTaxRate(admin, { name: `County ${i}`, ratePpm: 70_000 + i, isDefault: true }),
      ),
    );
    expect(await defaults()).toHaveLength(1);
  });

  it('leaves one default when eight existing rates are made the default at once', async () => {
    const rates = [];
    for (let i = 0; i < 8; i++)
      rates.push(
        await createTaxRate(admin, { name: `Rate ${i}`, ratePpm: 80_000 + i, isDefault: i === 0 }),
      );
    await Promise.all(rates.map((r) => changeTaxRate(admin, r.id, { isDefault: true })));
    expect(await defaults()).toHaveLength(1);
  });
});
