import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { seedProfile } from '../../../test/support/app.ts';
import type { Ctx } from '../../platform/context.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { businessToday } from '../assets/service.ts';
import { company, staffCtx } from '../time/test-helpers.ts';
import { invoiceRow } from '../invoices/invoice-rows.test-support.ts';
import { allocateOldestFirst } from './allocation.ts';
import { allocationsForInvoice, allocationsForPayment } from './queries.ts';
import {
  AllocationRaceError,
  applyCredit,
  applyCreditInTrx,
  recordPayment,
  refundInTrx,
  voidPayment,
  withRetry,
} from './service.ts';

describe.each(DIALECTS)('payments service on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });
  let billing: Ctx;
  let companyId: string;
  let today: string;
  let seq = 0;

  beforeEach(async () => {
    billing = await staffCtx(suite.deps, 'billing');
    companyId = (await company(suite.deps)).id;
    today = await businessToday(suite.deps);
  });

  /** An issued invoice due `dueIn` days from today. */
  const issued = async (totalCents: number, dueIn: number, cid = companyId) => {
    seq += 1;
    return invoiceRow(suite.t, cid, {
      number: `INV-2026-${String(seq).padStart(5, '0')}`,
      status: 'issued',
      issue_date: addDaysToDate(today, dueIn - 30),
      due_date: addDaysToDate(today, dueIn),
      total_cents: totalCents,
      balance_cents: totalCents,
    });
  };
  /** A credit note applied to an invoice, as issuing one does (conditional on the balance). */
  const creditNote = async (invoiceId: string, amountCents: number) => {
    const res = await suite.db
      .updateTable('invoices')
      .set((eb) => ({
        credited_cents: eb('credited_cents', '+', amountCents),
        balance_cents: eb('balance_cents', '-', amountCents),
      }))
      .where('id', '=', invoiceId)
      .where('status', '=', 'issued')
      .where('balance_cents', '>=', amountCents)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    const inv = await suite.db
      .selectFrom('invoices')
      .select('company_id')
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    await invoiceRow(suite.t, inv.company_id, {
      kind: 'credit_note',
      status: 'issued',
      number: `CN-${newId()}`,
      total_cents: amountCents,
      balance_cents: 0,
      credit_for_invoice_id: invoiceId,
      issue_date: today,
      due_date: today,
    });
    return true;
  };
  const pay = (amountCents: number, over: Record<string, unknown> = {}) =>
    recordPayment(billing, {
      companyId,
      amountCents,
      method: 'check',
      reference: `CHK-${++seq}`,
      receivedOn: today,
      ...over,
    });
  const invoices = async () =>
    (
      await suite.db
        .selectFrom('invoices')
        .select([
          'id',
          'number',
          'kind',
          'status',
          'due_date',
          'total_cents',
          'paid_cents',
          'credited_cents',
          'balance_cents',
        ])
        .orderBy('id')
        .execute()
    ).map((r) => ({
      ...r,
      total_cents: Number(r.total_cents),
      paid_cents: Number(r.paid_cents),
      credited_cents: Number(r.credited_cents),
      balance_cents: Number(r.balance_cents),
    }));
  const payments = async () =>
    (
      await suite.db
        .selectFrom('payments')
        .select([
          'id',
          'status',
          'amount_cents',
          'applied_cents',
          'unapplied_cents',
          'refunded_cents',
        ])
        .orderBy('id')
        .execute()
    ).map((r) => ({
      id: r.id,
      status: r.status,
      amount: Number(r.amount_cents),
      applied: Number(r.applied_cents),
      unapplied: Number(r.unapplied_cents),
      refunded: Number(r.refunded_cents),
    }));
  const liveAllocSum = async (paymentId: string) =>
    (await allocationsForPayment(suite.db, paymentId))
      .filter((a) => !a.reversedAt)
      .reduce((s, a) => s + a.amountCents, 0);

  /** Every invariant the receivables rest on, checked against the rows. */
  async function checkInvariants() {
    const invs = await invoices();
    const pays = await payments();
    for (const i of invs.filter((x) => x.kind === 'invoice')) {
      expect(i.paid_cents + i.credited_cents).toBeLessThanOrEqual(i.total_cents);
      expect(i.balance_cents).toBe(i.total_cents - i.paid_cents - i.credited_cents);
      const live = (await allocationsForInvoice(suite.db, i.id))
        .filter((a) => !a.reversedAt)
        .reduce((s, a) => s + a.amountCents, 0);
      expect(live).toBe(i.paid_cents);
    }
    for (const p of pays) {
      if (p.status === 'void') {
        expect(await liveAllocSum(p.id)).toBe(0);
        continue;
      }
      expect(p.applied + p.unapplied).toBe(p.amount - p.refunded);
      expect(await liveAllocSum(p.id)).toBe(p.applied);
    }
    const open = invs
      .filter((i) => i.kind === 'invoice' && i.status === 'issued')
      .reduce((s, i) => s + i.balance_cents, 0);
    const credit = pays.filter((p) => p.status === 'recorded').reduce((s, p) => s + p.unapplied, 0);
    const billed = invs
      .filter((i) => i.kind === 'invoice' && i.status === 'issued')
      .reduce((s, i) => s + i.total_cents, 0);
    const credited = invs
      .filter((i) => i.kind === 'credit_note' && i.status === 'issued')
      .reduce((s, i) => s + i.total_cents, 0);
    const received = pays
      .filter((p) => p.status === 'recorded')
      .reduce((s, p) => s + p.amount - p.refunded, 0);
    expect(open - credit).toBe(billed - credited - received);
  }

  it('pays the oldest due invoice first, keeps the rest as credit, and shows the allocations both ways', async () => {
    const late = await issued(30000, -10);
    const newer = await issued(20000, 20);
    const r = await pay(35000, { memo: 'Thanks', depositBatch: '2026-03-02' });
    expect(r.allocations).toEqual([
      { invoiceId: late, amountCents: 30000 },
      { invoiceId: newer, amountCents: 5000 },
    ]);
    expect(r.unappliedCents).toBe(0);
    const inv = await invoices();
    expect(inv.find((i) => i.id === newer)).toMatchObject({
      paid_cents: 5000,
      balance_cents: 15000,
    });
    expect((await allocationsForInvoice(suite.db, newer))[0]).toMatchObject({
      paymentId: r.id,
      amountCents: 5000,
      paymentMethod: 'check',
      kind: 'payment',
    });
    expect((await allocationsForPayment(suite.db, r.id)).map((a) => a.invoiceNumber)).toEqual([
      inv.find((i) => i.id === late)!.number,
      inv.find((i) => i.id === newer)!.number,
    ]);
    const over = await pay(20000);
    expect(over).toMatchObject({
      allocations: [{ invoiceId: newer, amountCents: 15000 }],
      unappliedCents: 5000,
    });
    const logged = await suite.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_id', '=', r.id)
      .execute();
    expect(logged.map((l) => l.action)).toEqual(['payment.record']);
    expect(JSON.parse(logged[0].summary!).allocations).toHaveLength(2);
    await checkInvariants();
  });

  it('takes a split chosen by hand, naming the bad row; validates method, check number, dates, company and permission', async () => {
    const a = await issued(10000, -5);
    const b = await issued(10000, 5);
    const r = await pay(8000, { allocations: [{ invoiceId: b, amountCents: 6000 }] });
    expect(r).toEqual({
      id: r.id,
      allocations: [{ invoiceId: b, amountCents: 6000 }],
      unappliedCents: 2000,
    });
    expect((await allocationsForPayment(suite.db, r.id))[0].kind).toBe('manual');
    await expect(
      pay(5000, {
        allocations: [
          { invoiceId: a, amountCents: 1000 },
          { invoiceId: b, amountCents: 4001 },
        ],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations.1.amountCents' }] });
    await expect(
      pay(5000, { allocations: [{ invoiceId: 'nope', amountCents: 1000 }] }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations.0.invoiceId' }] });
    await expect(
      pay(1000, {
        allocations: [
          { invoiceId: a, amountCents: 1000 },
          { invoiceId: b, amountCents: 1000 },
        ],
      }),
    ).rejects.toMatchObject({ errors: [{ path: 'allocations' }] });
    await expect(pay(1000, { reference: '' })).rejects.toMatchObject({
      errors: [{ path: 'reference', message: 'Check number is required for a check' }],
    });
    await expect(pay(1000, { method: 'barter' })).rejects.toMatchObject({
      errors: [{ path: 'method' }],
    });
    await expect(pay(0)).rejects.toMatchObject({ errors: [{ path: 'amountCents' }] });
    await expect(pay(1000, { receivedOn: addDaysToDate(today, 1) })).rejects.toMatchObject({
      errors: [{ path: 'receivedOn', message: 'Date received cannot be in the future' }],
    });
    await expect(pay(1000, { receivedOn: '2026-02-30' })).rejects.toBeInstanceOf(ValidationError);
    await expect(pay(1000, { companyId: 'nope' })).rejects.toMatchObject({
      errors: [{ path: 'companyId' }],
    });
    await expect(
      recordPayment(await staffCtx(suite.deps, 'technician'), {
        companyId,
        amountCents: 100,
        method: 'cash',
        receivedOn: today,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect((await payments()).length).toBe(1);
    await checkInvariants();
  });

  it('voids a payment: allocations kept and marked reversed, invoices reopen, credit goes; audited; twice is a conflict', async () => {
    const a = await issued(10000, -5);
    const r = await pay(15000);
    await voidPayment(billing, r.id, { reason: 'Check bounced' });
    expect((await invoices()).find((i) => i.id === a)).toMatchObject({
      paid_cents: 0,
      balance_cents: 10000,
    });
    const allocs = await allocationsForPayment(suite.db, r.id);
    expect(allocs).toHaveLength(1);
    expect(allocs[0].reversedReason).toBe('Payment voided: Check bounced');
    expect((await payments())[0]).toMatchObject({ status: 'void', applied: 0, unapplied: 0 });
    await expect(voidPayment(billing, r.id, { reason: 'again' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(voidPayment(billing, r.id, { reason: '' })).rejects.toMatchObject({
      errors: [{ path: 'reason' }],
    });
    expect(
      (
        await suite.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_id', '=', r.id)
          .execute()
      ).map((x) => x.action),
    ).toContain('payment.void');
    await checkInvariants();
  });

  it('refunds from the unapplied credit first, then the newest allocation, splitting it so every row stays true', async () => {
    const a = await issued(10000, -20);
    const b = await issued(10000, -10);
    const r = await pay(23000); // a 10000, b 10000, credit 3000
    await suite.db.transaction().execute((trx) =>
      refundInTrx(trx, billing, {
        paymentId: r.id,
        amountCents: 7000,
        providerRef: 're_1',
        reason: 'Overpaid',
      }),
    );
    const inv = await invoices();
    expect(inv.find((i) => i.id === a)).toMatchObject({ paid_cents: 10000 });
    expect(inv.find((i) => i.id === b)).toMatchObject({ paid_cents: 6000, balance_cents: 4000 });
    const allocs = await allocationsForPayment(suite.db, r.id);
    const onB = allocs.filter((x) => x.invoiceId === b);
    expect(onB.map((x) => [x.amountCents, Boolean(x.reversedAt)])).toEqual([
      [10000, true],
      [6000, false],
    ]);
    expect((await payments())[0]).toMatchObject({ refunded: 7000, unapplied: 0, applied: 16000 });
    await expect(
      suite.db.transaction().execute((trx) =>
        refundInTrx(trx, billing, {
          paymentId: r.id,
          amountCents: 16001,
          providerRef: null,
          reason: null,
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    await checkInvariants();
  });

  it('applies unapplied credit to invoices issued later, oldest first', async () => {
    const r = await pay(12000);
    expect(r).toMatchObject({ allocations: [], unappliedCents: 12000 });
    const x = await issued(5000, 30);
    const y = await issued(9000, 20);
    await suite.db.transaction().execute((trx) => applyCreditInTrx(trx, billing, companyId));
    const inv = await invoices();
    expect(inv.find((i) => i.id === y)).toMatchObject({ paid_cents: 9000, balance_cents: 0 });
    expect(inv.find((i) => i.id === x)).toMatchObject({ paid_cents: 3000, balance_cents: 2000 });
    expect((await allocationsForPayment(suite.db, r.id)).map((a) => a.kind)).toEqual([
      'credit',
      'credit',
    ]);
    expect((await payments())[0]).toMatchObject({ applied: 12000, unapplied: 0 });
    await checkInvariants();
  });

  it('two payments for the same company at the same moment both succeed and never over-allocate (×5)', async () => {
    for (let round = 0; round < 5; round++) {
      await suite.t.reset();
      await seedProfile(suite.db);
      billing = await staffCtx(suite.deps, 'billing');
      companyId = (await company(suite.deps)).id;
      const ids = [await issued(1000, -3), await issued(1000, -2), await issued(1000, -1)];
      const [p1, p2] = await Promise.all([pay(2000), pay(2000)]);
      const inv = (await invoices()).filter((i) => ids.includes(i.id));
      expect(inv.map((i) => i.paid_cents)).toEqual([1000, 1000, 1000]);
      expect(p1.unappliedCents + p2.unappliedCents).toBe(1000);
      // The second one took what the first left: together they touch each invoice exactly once in full.
      expect([...p1.allocations, ...p2.allocations].reduce((s, a) => s + a.amountCents, 0)).toBe(
        3000,
      );
      await checkInvariants();
    }
  });

  it('a transaction that lost a race is rolled back and run again with fresh reads, at most three times', async () => {
    let calls = 0;
    const r = await withRetry(suite.db, async (trx) => {
      calls += 1;
      await trx
        .updateTable('companies')
        .set({ notes: `attempt ${calls}` })
        .where('id', '=', companyId)
        .execute();
      if (calls < 3) throw new AllocationRaceError();
      return calls;
    });
    expect(r).toBe(3);
    expect(
      (
        await suite.db
          .selectFrom('companies')
          .select('notes')
          .where('id', '=', companyId)
          .executeTakeFirstOrThrow()
      ).notes,
    ).toBe('attempt 3');
    calls = 0;
    await expect(
      withRetry(suite.db, async () => {
        calls += 1;
        throw new AllocationRaceError();
      }),
    ).rejects.toBeInstanceOf(AllocationRaceError);
    expect(calls).toBe(3);
  });

  type Op =
    | { k: 'invoice'; total: number; due: number }
    | { k: 'pay'; amount: number; manual: boolean; voidNow: boolean }
    | { k: 'void'; pick: number }
    | { k: 'credit'; pick: number; amount: number }
    | { k: 'refund'; pick: number; amount: number }
    | { k: 'apply' };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      k: fc.constant('invoice' as const),
      total: fc.integer({ min: 1, max: 50_000 }),
      due: fc.integer({ min: -90, max: 30 }),
    }),
    fc.record({
      k: fc.constant('pay' as const),
      amount: fc.integer({ min: 1, max: 80_000 }),
      manual: fc.boolean(),
      voidNow: fc.boolean(),
    }),
    fc.record({ k: fc.constant('void' as const), pick: fc.nat() }),
    fc.record({
      k: fc.constant('credit' as const),
      pick: fc.nat(),
      amount: fc.integer({ min: 1, max: 20_000 }),
    }),
    fc.record({
      k: fc.constant('refund' as const),
      pick: fc.nat(),
      amount: fc.integer({ min: 1, max: 30_000 }),
    }),
    fc.constant({ k: 'apply' as const }),
  );

  it('random sequences of invoices, payments, voids, credits and refunds keep every invariant; voiding restores the state before (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 3, maxLength: 14 }), async (ops) => {
        await suite.t.reset();
        await seedProfile(suite.db);
        billing = await staffCtx(suite.deps, 'billing');
        companyId = (await company(suite.deps)).id;
        for (const op of ops) {
          if (op.k === 'invoice') await issued(op.total, op.due);
          else if (op.k === 'pay') {
            const before = { inv: await invoices(), pays: await payments() };
            const openBefore = before.inv
              .filter((i) => i.kind === 'invoice' && i.status === 'issued' && i.balance_cents > 0)
              .map((i) => ({
                id: i.id,
                number: i.number,
                dueDate: i.due_date,
                balanceCents: i.balance_cents,
              }));
            let allocations: { invoiceId: string; amountCents: number }[] | undefined;
            if (op.manual && openBefore.length) {
              // Pay the newest open invoice by hand, up to the amount: not what oldest-first would do.
              const last = openBefore[openBefore.length - 1];
              allocations = [
                { invoiceId: last.id, amountCents: Math.min(op.amount, last.balanceCents) },
              ];
            }
            const r = await pay(op.amount, allocations ? { allocations } : {});
            if (!allocations)
              expect(r).toEqual({ id: r.id, ...allocateOldestFirst(op.amount, openBefore) });
            if (op.voidNow) {
              await voidPayment(billing, r.id, { reason: 'test' });
              expect(await invoices()).toEqual(before.inv);
              expect((await payments()).filter((p) => p.id !== r.id)).toEqual(before.pays);
            }
          } else if (op.k === 'void') {
            const live = (await payments()).filter(
              (p) => p.status === 'recorded' && p.refunded === 0,
            );
            if (live.length)
              await voidPayment(billing, live[op.pick % live.length].id, { reason: 'test' });
          } else if (op.k === 'credit') {
            const open = (await invoices()).filter(
              (i) => i.kind === 'invoice' && i.balance_cents > 0,
            );
            if (open.length) {
              const i = open[op.pick % open.length];
              await creditNote(i.id, Math.min(op.amount, i.balance_cents));
            }
          } else if (op.k === 'refund') {
            const live = (await payments()).filter(
              (p) => p.status === 'recorded' && p.amount > p.refunded,
            );
            if (live.length) {
              const p = live[op.pick % live.length];
              await suite.db.transaction().execute((trx) =>
                refundInTrx(trx, billing, {
                  paymentId: p.id,
                  amountCents: Math.min(op.amount, p.amount - p.refunded),
                  providerRef: null,
                  reason: null,
                }),
              );
            }
          } else await applyCredit(billing, companyId);
          await checkInvariants();
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
