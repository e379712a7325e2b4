import { describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.ts';
import { createStaff, memoryMailer, testDeps } from '../../../test/support/app.ts';
import { todayIn } from '../../lib/dates.ts';
import { seedDemo } from '../ops/demo.ts';
import { WO_STATUSES } from './transitions.ts';

describe('demo work orders', () => {
  it('gives every demo company a few numbered work orders in every status, some overdue, with history and no real email sent', async () => {
    const t = await createTestDb('sqlite');
    try {
      const mailer = memoryMailer();
      const deps = testDeps(t.db, 'sqlite', { mailer });
      await createStaff(t.db, 'technician');
      expect(await seedDemo(deps)).toMatch(/ 48 work orders/);
      const rows = await t.db
        .selectFrom('work_orders')
        .select(['number', 'status', 'due_on', 'company_id', 'assigned_to_id'])
        .execute();
      expect(rows.map((r) => Number(r.number)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 48 }, (_, i) => i + 1),
      );
      expect(new Set(rows.map((r) => r.status))).toEqual(new Set(WO_STATUSES));
      expect(new Set(rows.map((r) => r.company_id)).size).toBe(12);
      const today = todayIn('UTC');
      expect(
        rows.filter(
          (r) =>
            r.due_on && r.due_on < today && !['resolved', 'closed', 'cancelled'].includes(r.status),
        ).length,
      ).toBeGreaterThan(3);
      expect(rows.some((r) => r.assigned_to_id)).toBe(true);
      expect(
        (
          await t.db
            .selectFrom('audit_log')
            .select('id')
            .where('action', '=', 'work_order.status')
            .execute()
        ).length,
      ).toBeGreaterThan(48);
      expect(mailer.sent).toHaveLength(0);
    } finally {
      await t.destroy();
    }
  });
});
