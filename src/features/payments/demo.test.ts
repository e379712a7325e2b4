import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { seedProfile } from '../../../test/support/app.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { seedDemoPayments } from './demo.ts';

describe.each(DIALECTS)('demo payments on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false, reset: 'once', profile: false });

  /** A year of monthly invoices for three companies, then the demo payments; returns what each invoice got. */
  async function run() {
    await suite.t.reset();
    await seedProfile(suite.db);
    const today = await businessToday(suite.deps);
    let n = 0;
    for (const name of ['Riverside Dental', 'Oakwood Law', 'Harbor Freight Co']) {
      const cid = (await company(suite.deps, name)).id;
      for (let m = 12; m >= 0; m--) {
        n += 1;
        const issue = addDaysToDate(today, -30 * m - 1);
        await invoiceRow(suite.t, cid, {
          number: `INV-2026-${String(n).padStart(5, '0')}`,
          status: 'issued',
          issue_date: issue,
          due_date: addDaysToDate(issue, 30),
          total_cents: 50_000 + n * 1_111,
          balance_cents: 50_000 + n * 1_111,
        });
      }
    }
    const ctx = await staffCtx(suite.deps, 'billing');
    const summary = await seedDemoPayments(ctx);
    const invoices = await suite.db
      .selectFrom('invoices')
      .select(['number', 'total_cents', 'paid_cents', 'balance_cents', 'due_date'])
      .orderBy('number')
      .execute();
    const payments = await suite.db
      .selectFrom('payments')
      .select(['method', 'reference', 'received_on', 'amount_cents', 'unapplied_cents'])
      .orderBy('received_on')
      .orderBy('amount_cents')
      .execute();
    return {
      summary,
      today,
      invoices: invoices.map((i) => ({
        ...i,
        total_cents: Number(i.total_cents),
        paid_cents: Number(i.paid_cents),
        balance_cents: Number(i.balance_cents),
      })),
      payments: payments.map((p) => ({
        ...p,
        amount_cents: Number(p.amount_cents),
        unapplied_cents: Number(p.unapplied_cents),
      })),
    };
  }

  it('pays most invoices, some partly, leaves overdue ones open and one company with credit; the same every time', async () => {
    const a = await run();
    expect(a.summary.payments).toBeGreaterThan(20);
    const paid = a.invoices.filter((i) => i.balance_cents === 0).length;
    const partial = a.invoices.filter((i) => i.paid_cents > 0 && i.balance_cents > 0).length;
    expect(paid).toBeGreaterThan(a.invoices.length / 2);
    expect(partial).toBeGreaterThan(0);
    expect(a.summary.openOverdue).toBeGreaterThanOrEqual(2);
    expect(a.summary.creditCents).toBe(15_000);
    expect(new Set(a.payments.map((p) => p.method))).toContain('check');
    expect(a.payments.every((p) => p.received_on <= a.today)).toBe(true);
    for (const i of a.invoices) expect(i.paid_cents).toBeLessThanOrEqual(i.total_cents);
    const b = await run();
    expect(b.invoices).toEqual(a.invoices);
    expect(b.payments).toEqual(a.payments);
  }, 60_000);
});
