// Receivables as of a date follow the documents' dates, not the day they were typed in: the outside
// review's scenario (a check received on 02-05, entered months later), a bounced check's return date,
// refunds on their own dates, credit used by a later invoice, and the statement over the same
// history — through the JSON API where there is one, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { insertApiKey } from '../../platform/api-keys.ts';
import type { Ctx } from '../../platform/context.ts';
import { ValidationError } from '../../platform/errors.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { refundPayment } from '../payments/service.ts';
import { staffCtx } from '../time/test-helpers.ts';
import { balanceAsOf } from './service.ts';
import { buildStatement } from './statement.ts';

describe.each(DIALECTS)('receivables by document dates on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let headers: Record<string, string>;
  let billing: Ctx;
  const api = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await suite.app.inject({ method, url: `/api/v1${url}`, headers, payload });
    return { status: res.statusCode, body: res.json() };
  };
  const aging = async (asOf: string, companyId: string) => {
    const r = await api('GET', `/reports/aging?asOf=${asOf}`);
    expect(r.status).toBe(200);
    const row = r.body.companies.find((c: { companyId: string }) => c.companyId === companyId);
    return row ?? { totalCents: 0 };
  };
  /** $1,500 a month from 2026-01-01, net 15, billed as of 01-01 and 02-01 (issued those days). */
  const billedTwice = async (name: string) => {
    const c = await api('POST', '/companies', {
      name,
      monthlyRateCents: 150000,
      contractStart: '2026-01-01',
      paymentTermsDays: 15,
    });
    expect(c.status).toBe(201);
    for (const asOf of ['2026-01-01', '2026-02-01']) {
      const run = await api('POST', '/billing/run', { asOf, companyIds: [c.body.id] });
      expect(run.status, JSON.stringify(run.body)).toBe(200);
      expect(run.body.invoicesCreated).toBe(1);
    }
    return c.body.id as string;
  };
  const check = (companyId: string, amountCents: number, receivedOn: string, reference: string) =>
    api('POST', '/payments', { companyId, amountCents, method: 'check', reference, receivedOn });

  beforeEach(async () => {
    const key = await insertApiKey(suite.db, { name: 'books', role: 'admin', createdBy: null });
    headers = { authorization: `Bearer ${key.key}` };
    billing = await staffCtx(suite.deps, 'billing');
  });

  it('a check received on 02-05 and entered today counts in the aging as of 03-10 (the review scenario)', async () => {
    const id = await billedTwice('Harbor Dental');
    const paid = await check(id, 200000, '2026-02-05', '4417');
    expect(paid.status).toBe(201);
    expect(paid.body.allocations.map((a: { amountCents: number }) => a.amountCents)).toEqual([
      150000, 50000,
    ]);
    expect(await aging('2026-03-10', id)).toMatchObject({
      totalCents: 100000,
      currentCents: 0,
      days1To30Cents: 100000, // February's invoice, due 02-16, less the 50,000 paid on it
      days31To60Cents: 0,
      days61To90Cents: 0,
      over90Cents: 0,
    });
    // The day before the check arrived both invoices were owed; on its day, only the rest.
    expect(await aging('2026-02-04', id)).toMatchObject({
      totalCents: 300000,
      currentCents: 150000,
      days1To30Cents: 150000,
    });
    expect(await aging('2026-02-05', id)).toMatchObject({ totalCents: 100000 });
    expect((await balanceAsOf(suite.deps, id, '2026-01-31')).balanceCents).toBe(150000);
  });

  it('a bounced check is voided on its return date: owed again from that day, not before', async () => {
    const id = await billedTwice('Bayside Law');
    const paid = await check(id, 200000, '2026-02-05', '9001');
    const early = await api('POST', `/payments/${paid.body.id}/void`, {
      reason: 'Returned unpaid',
      effectiveOn: '2026-02-04',
    });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([
      {
        path: 'effectiveOn',
        message: 'Effective date cannot be before the date the payment was received (2026-02-05)',
      },
    ]);
    const future = await api('POST', `/payments/${paid.body.id}/void`, {
      reason: 'Returned unpaid',
      effectiveOn: addDaysToDate(await businessToday(suite.deps), 1),
    });
    expect(future.body.errors).toEqual([
      { path: 'effectiveOn', message: 'Effective date cannot be in the future' },
    ]);
    const noReason = await api('POST', `/payments/${paid.body.id}/void`, {
      effectiveOn: '2026-02-20',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');

    const voided = await api('POST', `/payments/${paid.body.id}/void`, {
      reason: 'Returned unpaid',
      effectiveOn: '2026-02-20',
    });
    expect(voided.status).toBe(200);
    expect((await api('GET', `/payments/${paid.body.id}`)).body).toMatchObject({
      status: 'void',
      voidedOn: '2026-02-20',
    });
    expect(await aging('2026-02-19', id)).toMatchObject({ totalCents: 100000 });
    expect(await aging('2026-02-20', id)).toMatchObject({
      totalCents: 300000,
      days1To30Cents: 150000,
      days31To60Cents: 150000,
    });
    const s = await buildStatement(suite.deps, id, { from: '2026-02-01', to: '2026-02-28' });
    expect(s.openingCents).toBe(150000);
    expect(s.entries.map((e) => [e.date, e.amountCents, e.balanceCents])).toEqual([
      ['2026-02-01', 150000, 300000],
      ['2026-02-05', -200000, 100000],
      ['2026-02-20', 200000, 300000],
    ]);
    expect(s.closingCents).toBe(300000);
    expect(s.entries[2].description).toBe('Payment voided — Check 9001');
  });

  it('refunds count on their own dates, in order; credit used by a later invoice counts from its issue date', async () => {
    const c = await api('POST', '/companies', {
      name: 'Northside Clinic',
      monthlyRateCents: 150000,
      contractStart: '2026-01-01',
      paymentTermsDays: 15,
    });
    const id = c.body.id as string;
    await api('POST', '/billing/run', { asOf: '2026-01-01', companyIds: [id] });
    const over = await check(id, 250000, '2026-01-20', '777');
    expect(over.body.unappliedCents).toBe(100000);
    const refunded = await api('POST', `/payments/${over.body.id}/refunds`, {
      amountCents: 20000,
      reason: 'Overpaid',
      effectiveOn: '2026-01-25',
    });
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body).toMatchObject({ refundedCents: 20000, unappliedCents: 80000 });
    const outOfOrder = await api('POST', `/payments/${over.body.id}/refunds`, {
      amountCents: 1000,
      effectiveOn: '2026-01-24',
    });
    expect(outOfOrder.status).toBe(400);
    expect(outOfOrder.body.errors).toEqual([
      {
        path: 'effectiveOn',
        message: 'Effective date cannot be before this payment’s last refund (2026-01-25)',
      },
    ]);
    await expect(
      refundPayment(billing, over.body.id, { amountCents: 0, effectiveOn: '2026-01-26' }),
    ).rejects.toThrow(ValidationError);
    // February's invoice uses the 80,000 credit when it is issued (as of 02-01).
    await api('POST', '/billing/run', { asOf: '2026-02-01', companyIds: [id] });
    const on = async (d: string) => {
      const b = await balanceAsOf(suite.deps, id, d);
      return [b.openInvoiceCents, b.unappliedCreditCents, b.balanceCents];
    };
    expect(await on('2026-01-19')).toEqual([150000, 0, 150000]);
    expect(await on('2026-01-20')).toEqual([0, 100000, -100000]);
    expect(await on('2026-01-25')).toEqual([0, 80000, -80000]);
    expect(await on('2026-01-31')).toEqual([0, 80000, -80000]);
    expect(await on('2026-02-01')).toEqual([70000, 0, 70000]);
    const s = await buildStatement(suite.deps, id, { from: '2026-01-01', to: '2026-02-28' });
    expect(s.entries.map((e) => [e.date, e.amountCents])).toEqual([
      ['2026-01-01', 150000],
      ['2026-01-20', -250000],
      ['2026-01-25', 20000],
      ['2026-02-01', 150000],
    ]);
    expect(s.closingCents).toBe(70000);
  });
});
