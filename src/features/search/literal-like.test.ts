// What a person types into a list's search box is matched literally: % and _ are characters, not
// LIKE wildcards, in the invoice and payment company boxes, the billing page's company filter, the
// payment reference search and the vault search, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { companiesNamed } from '../invoices/list.ts';
import { searchActiveCompanies } from '../billing/queries.ts';
import { listPayments } from '../payments/queries.ts';
import { recordPayment } from '../payments/service.ts';
import { createCredential } from '../vault/service.ts';
import { listCredentials } from '../vault/queries.ts';

describe.each(DIALECTS)(
  'literal percent signs and underscores in list searches on %s',
  (dialect) => {
    const suite = useAppSuite(dialect, { app: false });
    let billing: Ctx;
    let admin: Ctx;
    const ids: Record<string, string> = {};

    beforeEach(async () => {
      billing = await staffCtx(suite.deps, 'billing');
      admin = await staffCtx(suite.deps, 'admin');
      for (const name of ['50% Off Outlet', '500 Off Outlet', 'A_B Holdings', 'AXB Holdings'])
        ids[name] = (await company(suite.deps, name)).id;
    });

    it('matches company names literally', async () => {
      const names = async (rows: Promise<{ name: string }[]>) =>
        (await rows).map((r) => r.name).sort();
      expect(await names(companiesNamed(suite.db, '50%'))).toEqual(['50% Off Outlet']);
      expect(await names(companiesNamed(suite.db, 'a_b'))).toEqual(['A_B Holdings']);
      expect(await names(searchActiveCompanies(suite.db, '50%'))).toEqual(['50% Off Outlet']);
      expect(await names(searchActiveCompanies(suite.db, 'a_b'))).toEqual(['A_B Holdings']);
      expect(await names(searchActiveCompanies(suite.db, 'outlet'))).toEqual([
        '50% Off Outlet',
        '500 Off Outlet',
      ]);
    });

    it('matches payment references and vault entries literally', async () => {
      const co = ids['50% Off Outlet'];
      for (const reference of ['CHK_101', 'CHKX101'])
        await recordPayment(billing, {
          companyId: co,
          amountCents: 1000,
          method: 'check',
          reference,
          receivedOn: '2026-11-02',
        });
      const refs = (
        await listPayments(
          suite.db,
          { q: 'chk_1' },
          { sort: 'receivedOn', dir: 'desc', limit: 10, offset: 0 },
        )
      ).items.map((p) => p.reference);
      expect(refs).toEqual(['CHK_101']);

      for (const label of ['Router 100% admin', 'Router 1000 admin'])
        await createCredential(admin, co, {
          kind: 'login',
          label,
          username: 'admin',
          password: 'pw',
        });
      const labels = (
        await listCredentials(suite.db, { companyId: co, q: '100%' }, { size: 10, page: 1 })
      ).items.map((c) => c.label);
      expect(labels).toEqual(['Router 100% admin']);
    });
  },
);
