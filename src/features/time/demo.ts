// Demo time and parts (`supporttracker demo`, composed in ops/demo.ts): entries on the demo work
// orders by the staff they are assigned to, and a few parts.
import type { Ctx } from '../../platform/context.ts';
import { todayIn } from '../../lib/dates.ts';
import { addDays } from '../assets/queries.ts';
import { assignableUsers } from '../work-orders/queries.ts';
import { createEntry } from './service.ts';
import { addPart } from './parts.ts';
import { setTechnicianRates } from './rates-service.ts';

// Time and parts on the demo work orders, through the time services (rounded, priced at the rates
// in force, audited): every work order that has been worked on gets one to three entries spread over
// the past three weeks by its technician. Work orders of contract companies are covered (entries not
// billable) except for the occasional out-of-scope project hour billed on top; companies without a
// contract are billed for everything. A few jobs also carry parts. Logging time needs a staff
// member (the demo creates its own on an empty installation); with no admin or technician at all
// only the parts are added.
const WORK: Record<string, [string, number][]> = {
  'Printer offline at front desk': [
    [
      'Remote session: printer had a new DHCP address; set a reservation and re-added it on the front desk PCs',
      35,
    ],
    ['Checked print queues on the remaining workstations', 15],
  ],
  'New hire laptop setup': [
    ['Imaged laptop, joined to the domain, installed line-of-business apps', 95],
    ['Mailbox, MFA enrollment and badge access for the new hire', 40],
  ],
  'Email not syncing on phone': [
    ['Removed and re-added the Outlook account on the owner’s iPhone; tested send/receive', 25],
  ],
  'Replace failing UPS battery': [
    ['Ran UPS self-test, confirmed failed battery, ordered replacement cartridge', 30],
    ['On site: swapped the battery cartridge, recalibrated runtime, verified shutdown agent', 55],
  ],
  'Slow file server': [
    ['Investigated slow shares: RAID array rebuilding on a failing disk', 50],
    ['On site: replaced failed disk, monitored the rebuild, checked SMART on the others', 120],
    ['Follow-up: verified share performance with the office manager', 15],
  ],
  'Quarterly patching': [
    ['Approved and deployed Windows updates to workstations', 75],
    ['Firewall firmware update in the maintenance window, tested VPN', 45],
    ['Rebooted stragglers and confirmed patch compliance report', 20],
  ],
};
const PARTS: Record<
  string,
  {
    description: string;
    quantityThousandths: number;
    unitCostCents: number;
    unitPriceCents: number | null;
    markupBp: number | null;
  }[]
> = {
  'Replace failing UPS battery': [
    {
      description: 'APC RBC7 replacement battery cartridge',
      quantityThousandths: 1000,
      unitCostCents: 189_00,
      unitPriceCents: null,
      markupBp: 25_00,
    },
  ],
  'Slow file server': [
    {
      description: 'Seagate IronWolf Pro 4TB NAS drive',
      quantityThousandths: 1000,
      unitCostCents: 142_50,
      unitPriceCents: 179_00,
      markupBp: null,
    },
  ],
  'New hire laptop setup': [
    {
      description: 'USB-C docking station',
      quantityThousandths: 1000,
      unitCostCents: 118_00,
      unitPriceCents: 159_00,
      markupBp: null,
    },
    {
      description: 'Cat6 patch cable, 7 ft',
      quantityThousandths: 2000,
      unitCostCents: 4_25,
      unitPriceCents: 9_00,
      markupBp: null,
    },
  ],
  'Wi-Fi drops in conference room': [
    {
      description: 'Ubiquiti U6 Pro access point',
      quantityThousandths: 1000,
      unitCostCents: 149_00,
      unitPriceCents: null,
      markupBp: 30_00,
    },
  ],
};

export async function seedDemoTime(
  ctx: Ctx,
  timeZone: string,
): Promise<{ entries: number; parts: number }> {
  const today = todayIn(timeZone);
  const techs = await assignableUsers(ctx.db);
  // Give technicians without rates a realistic cost (what they cost the MSP), so margins mean something.
  for (const [i, t] of techs.entries()) {
    const r = await ctx.db
      .selectFrom('users')
      .select(['hourly_rate_cents', 'cost_rate_cents'])
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    if (r.cost_rate_cents === null)
      await setTechnicianRates(ctx, t.id, {
        hourlyRateCents: r.hourly_rate_cents === null ? null : Number(r.hourly_rate_cents),
        costRateCents: 42_00 + (i % 3) * 6_00,
      });
  }
  const wos = await ctx.db
    .selectFrom('work_orders')
    .select(['id', 'title', 'status', 'assigned_to_id', 'billing', 'number'])
    .orderBy('number')
    .execute();
  let entries = 0;
  let parts = 0;
  for (const [i, wo] of wos.entries()) {
    const worked = !['new', 'cancelled'].includes(wo.status);
    const lines = WORK[wo.title] ?? [];
    if (worked && techs.length) {
      const techId = wo.assigned_to_id ?? techs[i % techs.length].id;
      // Oldest first: the last entry is the most recent, between 1 and 20 days ago.
      for (const [k, [description, minutes]] of lines.entries()) {
        const daysAgo =
          ((i * 5) % 18) + 2 + (lines.length - 1 - k) * 2 - (k === lines.length - 1 ? 1 : 0);
        // Contract work is covered; now and then an out-of-scope hour on a covered job is billed.
        const billable = wo.billing === 'contract' && (i + k) % 7 === 0 ? true : null;
        await createEntry(ctx, wo.id, {
          userId: techId,
          workDate: addDays(today, -daysAgo),
          minutes: minutes + ((i + k) % 4) * 5,
          description,
          billable,
        });
        entries++;
      }
    }
    if (worked || wo.status === 'new') {
      for (const part of PARTS[wo.title] ?? []) {
        await addPart(ctx, wo.id, { ...part, billable: wo.billing !== 'no_charge' });
        parts++;
      }
    }
  }
  return { entries, parts };
}
