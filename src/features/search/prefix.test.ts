// Starts-with lookups of invoice numbers and payment references (prefix.ts, migration 0011): any
// case, the user's % and _ taken literally, and answered from the index on every dialect.
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { recordPayment } from '../payments/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { afterPrefix, prefixKey, prefixMatch, type PrefixColumn } from './prefix.ts';
import { search } from './queries.ts';

describe('afterPrefix', () => {
  it('is the next string after every string with the prefix', () => {
    expect(afterPrefix('inv-')).toBe('inv.');
    expect(afterPrefix('az')).toBe('a{');
    expect(afterPrefix('a\u{10ffff}')).toBe('b');
    expect(afterPrefix('\u{10ffff}')).toBeNull();
    expect(afterPrefix('a\ud7ff')).toBe('a\ue000');
  });
});

const lookup = (db: DbOrTrx, column: PrefixColumn, term: string, exact = false) => {
  const [table] = column.split('.') as ['invoices' | 'payments'];
  return db
    .selectFrom(table)
    .select(sql.ref<string>(column).as('v'))
    .where(prefixMatch(db, column, term, exact))
    .orderBy(prefixKey(db, column))
    .limit(10);
};

describe.each(DIALECTS)('prefix lookups on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, reset: 'once' });
  let billing: Ctx;

  beforeAll(async () => {
    billing = await staffCtx(suite.deps, 'billing');
    const co = (await company(suite.deps, 'Prefix Partners')).id;
    for (const reference of [
      'CHK_101',
      'CHKX101',
      'chk 102',
      'Chk 103',
      '50% deposit',
      '500 deposit',
    ])
      await recordPayment(billing, {
        companyId: co,
        amountCents: 1000,
        method: 'check',
        reference,
        receivedOn: '2026-11-02',
      });
    for (const number of ['INV-2026-00001', 'INV-2026-00002', 'INV-2027-00001', 'CN-2026-00001'])
      await invoiceRow(suite.t, co, { number, status: 'issued' });
  });

  const values = async (column: PrefixColumn, term: string, exact = false) =>
    (await lookup(suite.db, column, term, exact).execute()).map((r) => r.v);

  it('matches from the start, in any case, in order', async () => {
    expect(await values('invoices.number', 'inv-2026')).toEqual([
      'INV-2026-00001',
      'INV-2026-00002',
    ]);
    expect(await values('invoices.number', 'Inv-2026-00002', true)).toEqual(['INV-2026-00002']);
    expect(await values('invoices.number', '2026')).toEqual([]);
    expect((await values('payments.reference', 'CHK ')).sort()).toEqual(['Chk 103', 'chk 102']);
  });

  it('takes % and _ literally', async () => {
    expect(await values('payments.reference', 'chk_')).toEqual(['CHK_101']);
    expect(await values('payments.reference', '50%')).toEqual(['50% deposit']);
  });

  it('reads the index of migration 0011, not the table', async () => {
    const q = lookup(suite.db, 'payments.reference', 'chk').compile();
    if (dialect === 'sqlite') {
      const plan = await suite.db.executeQuery<{ detail: string }>({
        ...q,
        sql: `explain query plan ${q.sql}`,
      } as typeof q & { sql: string });
      expect(plan.rows.map((r) => r.detail).join('\n')).toContain('payments_reference_lower');
    } else if (dialect === 'postgres') {
      await suite.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const plan = await trx.executeQuery({
          ...q,
          sql: `explain ${q.sql}`,
        } as typeof q);
        expect(JSON.stringify(plan.rows)).toContain('payments_reference_lower');
      });
    } else {
      const plan = await suite.db.executeQuery({ ...q, sql: `explain ${q.sql}` } as typeof q);
      expect(JSON.stringify(plan.rows)).toContain('payments_reference');
    }
  });

  it('searches numbers only for a role that may read billing', async () => {
    const tech = await staffCtx(suite.deps, 'technician');
    const asTech = await search(suite.db, tech.actor, 'inv-2026', { limit: 5, mode: 'page' });
    expect(asTech.kinds).not.toContain('invoices');
    expect(asTech.found.invoices).toBeUndefined();
    const asBilling = await search(suite.db, billing.actor, 'inv-2026', { limit: 1, mode: 'page' });
    expect(asBilling.found.invoices?.items.map((i) => i.number)).toEqual(['INV-2026-00001']);
    expect(asBilling.found.invoices?.more).toBe(true);
  });
});
