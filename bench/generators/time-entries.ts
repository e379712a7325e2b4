// Time entries at large-MSP scale: 500,000 on the generated work orders (every worked work order
// gets at least one; new and cancelled ones none), logged by the work order's technician (or
// another one) between its opening and its resolution. Minutes are rounded, rates resolved and amounts
// computed with the time feature's own pure rules at the default settings ($125/h, up to 15 minutes,
// minimum 15); technicians get a cost rate. Contract work is not billable except an occasional
// out-of-scope entry; nothing is invoiced yet (the billing issue adds invoices).
import type { TimeEntriesTable } from '../../src/db/database.ts';
import { DEFAULT_BILLING_SETTINGS } from '../../src/features/time/settings.ts';
import { roundMinutes } from '../../src/features/time/rounding.ts';
import { resolveCostRate, resolveRate, timeAmounts } from '../../src/features/time/rates.ts';
import { ANCHOR_MS, dateAt, insertRows, isoAt, type GenContext } from './context.ts';

/** 250 per company: 500,000 at the large-MSP scale of 2,000 companies. */
export const TIME_ENTRIES_PER_COMPANY = 250;

const WORK = [
  'Remote session: diagnosed and fixed',
  'On site: replaced hardware and tested',
  'Called the user, walked through the fix',
  'Checked logs and applied the update',
  'Configured and documented the change',
  'Follow-up with the customer, confirmed resolved',
  'Researched vendor KB, opened a vendor case',
  'Travel and on-site visit',
];
const RAW = [
  { weight: 25, value: [5, 15] },
  { weight: 40, value: [16, 45] },
  { weight: 25, value: [46, 120] },
  { weight: 10, value: [121, 300] },
] as const;

export async function generateTimeEntries(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  const wos = (world.workOrders ?? []).filter(
    (w) => w.status !== 'new' && w.status !== 'cancelled',
  );
  const techs = world.technicians ?? world.staff.map((s) => s.id);
  if (!wos.length || !techs.length) return;
  const TIME_ENTRIES = Math.max(wos.length, world.companies.length * TIME_ENTRIES_PER_COMPANY);
  // What each technician costs the MSP: $38 to $62 an hour.
  const cost = new Map(techs.map((id) => [id, f.number.int({ min: 38, max: 62 }) * 100]));
  for (const [id, c] of cost)
    await g.trx.updateTable('users').set({ cost_rate_cents: c }).where('id', '=', id).execute();

  // One entry each, the rest spread at random (busy jobs get several).
  const counts = new Uint8Array(wos.length).fill(1);
  for (let left = TIME_ENTRIES - wos.length; left > 0; left--) {
    const k = f.number.int(wos.length - 1);
    if (counts[k] < 250) counts[k]++;
    else left++;
  }
  const rule = {
    incrementMinutes: DEFAULT_BILLING_SETTINGS.roundingIncrementMinutes,
    minimumMinutes: DEFAULT_BILLING_SETTINGS.minimumMinutes,
  };
  const names = new Map(world.staff.map((s) => [s.id, s.name]));
  let batch: TimeEntriesTable[] = [];
  for (const [k, wo] of wos.entries()) {
    for (let j = 0; j < counts[k]; j++) {
      const userId =
        wo.assignedToId && f.number.int(9) < 8 ? wo.assignedToId : f.helpers.arrayElement(techs);
      const at = Math.min(
        ANCHOR_MS - 3_600_000,
        wo.createdMs + f.number.float() * Math.max(3_600_000, wo.doneMs - wo.createdMs),
      );
      const [lo, hi] = f.helpers.weightedArrayElement(
        RAW.map((r) => ({ weight: r.weight, value: r.value })),
      );
      const minutesRaw = f.number.int({ min: lo, max: hi });
      const minutes = roundMinutes(minutesRaw, rule);
      const billable =
        wo.billing === 'billable' || (wo.billing === 'contract' && f.number.int(99) < 5);
      const amounts = timeAmounts(
        minutes,
        billable,
        resolveRate({
          companyRateCents: null,
          technicianRateCents: null,
          defaultRateCents: DEFAULT_BILLING_SETTINGS.defaultHourlyRateCents,
        }),
        resolveCostRate(cost.get(userId) ?? null),
      );
      const timed = f.number.int(9) < 4;
      batch.push({
        id: g.idAt(at),
        work_order_id: wo.id,
        company_id: wo.companyId,
        user_id: userId,
        user_name: names.get(userId) ?? 'Technician',
        running_user_id: null,
        started_at: timed ? isoAt(at) : null,
        ended_at: timed ? isoAt(at + minutesRaw * 60_000) : null,
        work_date: dateAt(at),
        minutes_raw: minutesRaw,
        minutes,
        description: f.helpers.arrayElement(WORK),
        billable: billable ? 1 : 0,
        rate_cents: amounts.rateCents,
        cost_rate_cents: amounts.costRateCents,
        billable_cents: amounts.billableCents,
        cost_cents: amounts.costCents,
        invoice_id: null,
        invoiced_at: null,
        created_at: isoAt(at + minutesRaw * 60_000),
        updated_at: isoAt(at + minutesRaw * 60_000),
      });
    }
    if (batch.length >= 20_000) {
      await insertRows(g.trx, 'time_entries', batch);
      batch = [];
    }
  }
  await insertRows(g.trx, 'time_entries', batch);
}
