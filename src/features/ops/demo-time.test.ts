import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { createStaff, memoryMailer, testDeps } from '../../../test/support/app.ts';
import { seedDemo } from './demo.ts';

describe('demo time and parts', () => {
  it('logs time on worked demo work orders over past weeks, billable and covered, with parts', async () => {
    const t = await createTestDb('sqlite');
    try {
      const deps = testDeps(t.db, 'sqlite', { mailer: memoryMailer() });
      await createStaff(t.db, 'technician');
      const mailer = deps.mailer as ReturnType<typeof memoryMailer>;
      expect(await seedDemo(deps)).toMatch(
        / \d+ time entries, \d+ parts, \d+ invoices, \d+ payments\.$/m,
      );
      const entries = await t.db
        .selectFrom('time_entries')
        .innerJoin('work_orders', 'work_orders.id', 'time_entries.work_order_id')
        .select([
          'time_entries.billable',
          'time_entries.minutes',
          'time_entries.billable_cents',
          'time_entries.cost_cents',
          'time_entries.work_date',
          'work_orders.status',
        ])
        .execute();
      expect(entries.length).toBeGreaterThan(20);
      expect(entries.every((e) => !['new', 'cancelled'].includes(e.status))).toBe(true);
      expect(
        entries.every(
          (e) =>
            Number(e.minutes) % 15 === 0 && Number(e.minutes) >= 15 && Number(e.cost_cents) > 0,
        ),
      ).toBe(true);
      const billable = entries.filter((e) => Number(e.billable) === 1);
      expect(billable.length).toBeGreaterThan(0);
      expect(billable.length).toBeLessThan(entries.length);
      expect(billable.every((e) => Number(e.billable_cents) > 0)).toBe(true);
      expect(new Set(entries.map((e) => e.work_date)).size).toBeGreaterThan(7);
      expect(
        (await t.db.selectFrom('work_order_parts').select('id').execute()).length,
      ).toBeGreaterThan(5);

      // A year of invoices consistent with the work: every billable item is on exactly one invoice,
      // each invoice adds up, twelve months are billed, and payments were recorded without emailing anyone.
      // (Work done after a company's last billing date waits for its next one.)
      const unbilled = await t.db
        .selectFrom('time_entries')
        .select(['company_id', 'work_date'])
        .where('billable', '=', 1)
        .where('invoice_id', 'is', null)
        .execute();
      for (const u of unbilled) {
        const last = await t.db
          .selectFrom('invoices')
          .select((eb) => eb.fn.max('issue_date').as('d'))
          .where('company_id', '=', u.company_id)
          .where('source', '=', 'billing_run')
          .executeTakeFirstOrThrow();
        expect(u.work_date > String(last.d)).toBe(true);
      }
      const invoices = await t.db
        .selectFrom('invoices')
        .select([
          'id',
          'issue_date',
          'subtotal_cents',
          'tax_cents',
          'total_cents',
          'paid_cents',
          'balance_cents',
          'credited_cents',
        ])
        .where('status', '=', 'issued')
        .execute();
      expect(new Set(invoices.map((i) => i.issue_date!.slice(0, 7))).size).toBe(12);
      const sums = new Map(
        (
          await t.db
            .selectFrom('invoice_lines')
            .select(['invoice_id'])
            .select((eb) => [
              eb.fn.sum<number>('amount_cents').as('a'),
              eb.fn.sum<number>('tax_cents').as('t'),
            ])
            .groupBy('invoice_id')
            .execute()
        ).map((r) => [r.invoice_id, [Number(r.a), Number(r.t)]]),
      );
      for (const i of invoices) {
        expect(sums.get(i.id)).toEqual([Number(i.subtotal_cents), Number(i.tax_cents)]);
        expect(Number(i.total_cents) - Number(i.paid_cents) - Number(i.credited_cents)).toBe(
          Number(i.balance_cents),
        );
      }
      const workLines = await t.db
        .selectFrom('invoice_lines')
        .select('source_id')
        .where('source_type', '=', 'time_entry')
        .execute();
      expect(workLines.length).toBe(billable.length - unbilled.length);
      expect(new Set(workLines.map((l) => l.source_id)).size).toBe(workLines.length);
      expect((await t.db.selectFrom('payments').select('id').execute()).length).toBeGreaterThan(50);
      expect(invoices.some((i) => Number(i.balance_cents) > 0 && Number(i.paid_cents) > 0)).toBe(
        true,
      );
      expect(mailer.sent).toEqual([]);
    } finally {
      await t.destroy();
    }
  });
});
