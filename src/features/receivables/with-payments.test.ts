// Balances, aging and statements over payments made through the payments service itself (partial,
// overpaid, voided, refunded, credit used by a later invoice): the running figures, the history
// rebuilt for the end of today, and the statement's ledger all agree, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { createInvoice } from '../invoices/service.ts';
import { recordPayment, refundPayment, voidPayment } from '../payments/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { agingFromHistory, companyBalance, unappliedCreditAsOf } from './queries.ts';
import { buildStatement } from './statement.ts';

describe.each(DIALECTS)('receivables over real payments on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let billing: Ctx;
  let companyId: string;
  let today: string;

  beforeEach(async () => {
    billing = await staffCtx(suite.deps, 'billing');
    companyId = (await company(suite.deps, 'Alpha Dental')).id;
    today = await businessToday(suite.deps);
  });

  const invoice = (cents: number) =>
    createInvoice(billing, {
      companyId,
      issue: true,
      lines: [
        {
          description: 'Support',
          quantityThousandths: 1000,
          unitPriceCents: cents,
          taxable: false,
        },
      ],
    });
  const pay = (amountCents: number, reference: string) =>
    recordPayment(billing, {
      companyId,
      amountCents,
      method: 'check',
      reference,
      receivedOn: today,
    });

  async function agree(expected: {
    balanceCents: number;
    openInvoiceCents: number;
    unappliedCreditCents: number;
  }) {
    const running = await companyBalance(suite.db, companyId);
    expect(running).toEqual(expected);
    const rows = await agingFromHistory(suite.db, today, companyId);
    const credit = await unappliedCreditAsOf(suite.db, companyId, today);
    expect({ open: rows[0]?.totalCents ?? 0, credit }).toEqual({
      open: running.openInvoiceCents,
      credit: running.unappliedCreditCents,
    });
    const s = await buildStatement(suite.deps, companyId, {
      from: addDaysToDate(today, -10),
      to: today,
    });
    expect(s.openingCents).toBe(0);
    expect(s.closingCents).toBe(running.balanceCents);
  }

  it('partial, overpaid, voided and refunded payments, and credit used on a later invoice', async () => {
    await invoice(10000);
    await invoice(5000);
    await agree({ balanceCents: 15000, openInvoiceCents: 15000, unappliedCreditCents: 0 });
    await pay(4000, '101');
    await agree({ balanceCents: 11000, openInvoiceCents: 11000, unappliedCreditCents: 0 });
    const over = await pay(14000, '102');
    expect(over.unappliedCents).toBe(3000);
    await agree({ balanceCents: -3000, openInvoiceCents: 0, unappliedCreditCents: 3000 });
    await refundPayment(billing, over.id, {
      amountCents: 1000,
      reason: 'Returned part of the overpayment',
    });
    await agree({ balanceCents: -2000, openInvoiceCents: 0, unappliedCreditCents: 2000 });
    const bounced = await pay(500, '103');
    await voidPayment(billing, bounced.id, { reason: 'Bounced' });
    await agree({ balanceCents: -2000, openInvoiceCents: 0, unappliedCreditCents: 2000 });
    await invoice(7000); // the credit is applied when it is issued
    await agree({ balanceCents: 5000, openInvoiceCents: 5000, unappliedCreditCents: 0 });
    const s = await buildStatement(suite.deps, companyId, {
      from: addDaysToDate(today, -10),
      to: today,
    });
    expect(s.entries.map((e) => e.amountCents).sort((a, b) => a - b)).toEqual([
      -14000, -4000, -500, 500, 1000, 5000, 7000, 10000,
    ]);
  });
});
