// Migration 0009 on a database that already holds payments: the new date columns are filled from the
// instants in the business time zone (America/Chicago here), each allocation takes effect on the later
// of its payment's received date and its invoice's issue date, and the part of an allocation that
// stayed after a partial refund takes effect on the refund's date. Run down to 0008 and up again over
// real rows, on every dialect.
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { newId } from '../../lib/ids.ts';
import { company } from '../time/test-helpers.ts';
import { invoice, payment } from './test-fixtures.ts';
import { migrations } from '../../db/migrations/index.ts';

describe.each(DIALECTS)('migration 0009 over existing payments on %s', (dialect) => {
  const suite = useAppSuite(dialect, { app: false });

  it('fills effective, reversal, void and refund dates from the rows already there', async () => {
    const db = suite.db;
    const c = (await company(suite.deps, 'Harbor Dental')).id;
    const march = await invoice(db, c, {
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      total: 9000,
    });
    const later = await invoice(db, c, {
      issueDate: '2026-03-15',
      dueDate: '2026-04-14',
      total: 5000,
    });
    await invoice(db, c, {
      issueDate: '2026-04-01',
      dueDate: '2026-05-01',
      total: 700,
      status: 'void',
      voidedAt: '2026-05-01T02:00:00.000Z', // 04-30 21:00 in Chicago
    });
    const p1 = await payment(db, c, { receivedOn: '2026-03-10', amount: 9000 });
    const p2 = await payment(db, c, { receivedOn: '2026-03-01', amount: 5000 });
    const p3 = await payment(db, c, {
      receivedOn: '2026-03-20',
      amount: 100,
      voidedAt: '2026-04-01T03:30:00.000Z', // 03-31 22:30 in Chicago
    });
    const alloc = (
      paymentId: string,
      invoiceId: string,
      amount: number,
      createdAt: string,
      reversed: { at: string; reason: string } | null = null,
    ) => ({
      id: newId(),
      payment_id: paymentId,
      invoice_id: invoiceId,
      company_id: c,
      amount_cents: amount,
      kind: 'payment',
      created_at: createdAt,
      effective_on: 'unset',
      reversed_at: reversed?.at ?? null,
      reversed_on: null,
      reversed_reason: reversed?.reason ?? null,
    });
    const refundAt = '2026-04-10T12:00:00.000Z';
    const rows = {
      paid: alloc(p1, march, 9000, '2026-03-12T03:00:00.000Z', {
        at: refundAt,
        reason: 'Refund: x',
      }),
      stays: alloc(p1, march, 6000, refundAt),
      credit: alloc(p2, later, 5000, '2026-03-15T15:00:00.000Z'),
      bounced: alloc(p3, march, 100, '2026-03-20T15:00:00.000Z', {
        at: '2026-04-01T03:30:00.000Z',
        reason: 'Payment voided: bounced',
      }),
    };
    await db.insertInto('payment_allocations').values(Object.values(rows)).execute();
    await db
      .insertInto('refunds')
      .values({
        id: newId(),
        payment_id: p1,
        amount_cents: 3000,
        provider_ref: null,
        reason: 'x',
        refunded_on: 'unset',
        created_at: refundAt,
      })
      .execute();

    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0008_payments_unapplied_index')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const a = await db
      .selectFrom('payment_allocations')
      .select(['id', 'effective_on', 'reversed_on'])
      .execute();
    const on = (id: string) => a.find((r) => r.id === id);
    expect(on(rows.paid.id)).toMatchObject({
      effective_on: '2026-03-10',
      reversed_on: '2026-04-10',
    });
    expect(on(rows.stays.id)).toMatchObject({ effective_on: '2026-04-10', reversed_on: null });
    expect(on(rows.credit.id)).toMatchObject({ effective_on: '2026-03-15', reversed_on: null });
    expect(on(rows.bounced.id)).toMatchObject({
      effective_on: '2026-03-20',
      reversed_on: '2026-03-31',
    });
    const voided = await db
      .selectFrom('payments')
      .select('voided_on')
      .where('id', '=', p3)
      .execute();
    expect(voided).toEqual([{ voided_on: '2026-03-31' }]);
    const refunds = await db.selectFrom('refunds').select('refunded_on').execute();
    expect(refunds).toEqual([{ refunded_on: '2026-04-10' }]);
    const inv = await db
      .selectFrom('invoices')
      .select('voided_on')
      .where('status', '=', 'void')
      .execute();
    expect(inv).toEqual([{ voided_on: '2026-04-30' }]);
  });
});
