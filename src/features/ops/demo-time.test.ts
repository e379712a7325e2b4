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
      expect(await seedDemo(deps)).toMatch(/ \d+ time entries, \d+ parts\.$/);
      const entries = await t.db.selectFrom('time_entries').innerJoin('work_orders', 'work_orders.id', 'time_entries.work_order_id')
        .select(['time_entries.billable', 'time_entries.minutes', 'time_entries.billable_cents', 'time_entries.cost_cents', 'time_entries.work_date', 'work_orders.status']).execute();
      expect(entries.length).toBeGreaterThan(20);
      expect(entries.every((e) => !['new', 'cancelled'].includes(e.status))).toBe(true);
      expect(entries.every((e) => Number(e.minutes) % 15 === 0 && Number(e.minutes) >= 15 && Number(e.cost_cents) > 0)).toBe(true);
      const billable = entries.filter((e) => Number(e.billable) === 1);
      expect(billable.length).toBeGreaterThan(0);
      expect(billable.length).toBeLessThan(entries.length);
      expect(billable.every((e) => Number(e.billable_cents) > 0)).toBe(true);
      expect(new Set(entries.map((e) => e.work_date)).size).toBeGreaterThan(7);
      expect((await t.db.selectFrom('work_order_parts').select('id').execute()).length).toBeGreaterThan(5);
    } finally {
      await t.destroy();
    }
  });
});
