// The payment list's pages, for every sort and direction, are the matching payments in exactly the
// order a plain sort gives (ties broken by id the same way), with nothing repeated or skipped
// between pages, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { company } from '../time/test-helpers.ts';
import { payment } from '../receivables/test-fixtures.ts';
import { listPayments, type PaymentFilter } from './queries.ts';

describe.each(DIALECTS)('payment list order on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  const made: { id: string; companyName: string; receivedOn: string; amount: number }[] = [];

  beforeEach(async () => {
    made.length = 0;
    const companies = [];
    for (const name of ['Cedar Clinic', 'Alpha Dental', 'Birch Law'])
      companies.push({ id: (await company(suite.deps, name)).id, name });
    // Repeated dates and amounts, so the id tie-break matters.
    const specs = [
      [0, '2026-03-01', 5000],
      [1, '2026-03-01', 2500],
      [2, '2026-02-15', 5000],
      [0, '2026-04-10', 100],
      [1, '2026-02-15', 7500],
      [2, '2026-03-01', 2500],
      [0, '2026-01-31', 5000],
    ] as const;
    for (const [c, receivedOn, amount] of specs) {
      const id = await payment(suite.db, companies[c].id, { receivedOn, amount });
      made.push({ id, companyName: companies[c].name, receivedOn, amount });
    }
  });

  const key = {
    receivedOn: (p: (typeof made)[number]) => p.receivedOn,
    amount: (p: (typeof made)[number]) => p.amount,
    company: (p: (typeof made)[number]) => p.companyName.toLowerCase(),
  } as const;

  it('pages through every sort and direction in the order a plain sort gives', async () => {
    for (const sort of ['receivedOn', 'amount', 'company'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const sign = dir === 'asc' ? 1 : -1;
        const expected = [...made]
          .sort((a, b) => {
            const ka = key[sort](a);
            const kb = key[sort](b);
            return sign * (ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
          })
          .map((p) => p.id);
        const seen: string[] = [];
        for (let offset = 0; offset < made.length; offset += 3) {
          const page = await listPayments(suite.db, {} as PaymentFilter, {
            sort,
            dir,
            limit: 3,
            offset,
          });
          expect(page.summary.count).toBe(made.length);
          for (const p of page.items) {
            expect(p.companyName).toBe(made.find((m) => m.id === p.id)!.companyName);
            seen.push(p.id);
          }
        }
        expect(seen, `${sort} ${dir}`).toEqual(expected);
      }
    }
  });
});
