// `supporttracker demo`: a realistic small MSP — a dozen customer companies with their contacts,
// assets, vault entries, work orders and time, and a year of invoices and payments — created through
// the same services the app uses, so every row is valid and audited.
import { withActor, type Deps } from '../../platform/context.ts';
import { createCompany } from '../companies/service.ts';
import { updateCompany } from '../companies/service.ts';
import { createContact } from '../contacts/service.ts';
import { seedDemoCredentials } from '../vault/demo.ts';
import { seedDemoAssets } from '../assets/demo.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { seedDemoWorkOrders } from '../work-orders/demo.ts';
import type { Ctx } from '../../platform/context.ts';
import { todayIn } from '../../lib/dates.ts';
import { addDays } from '../assets/queries.ts';
import { assignableUsers } from '../work-orders/queries.ts';
import { createEntry } from '../time/service.ts';
import { addPart } from '../time/parts.ts';
import { setTechnicianRates } from '../time/rates-service.ts';
import { seedDemoBilling } from './demo-billing.ts';

type DemoCompany = {
  name: string;
  rate: number;
  day: number;
  terms: number;
  phone: string;
  domain: string;
  city: string;
  exempt?: boolean;
  contacts: [string, string][];
};

const COMPANIES: DemoCompany[] = [
  {
    name: 'Riverside Dental Group',
    rate: 1450_00,
    day: 1,
    terms: 30,
    phone: '(555) 201-4410',
    domain: 'riversidedental.example',
    city: 'Springfield, IL 62701',
    contacts: [
      ['Dr. Maria Chen', 'Owner'],
      ['Tom Alvarez', 'Office Manager'],
      ['Beth Morgan', 'Billing'],
    ],
  },
  {
    name: 'Hartley & Sons Law',
    rate: 2200_00,
    day: 1,
    terms: 15,
    phone: '(555) 201-7788',
    domain: 'hartleylaw.example',
    city: 'Springfield, IL 62702',
    contacts: [
      ['James Hartley', 'Managing Partner'],
      ['Nina Patel', 'Paralegal'],
    ],
  },
  {
    name: 'Blue Ridge Veterinary',
    rate: 950_00,
    day: 5,
    terms: 30,
    phone: '(555) 310-2201',
    domain: 'blueridgevet.example',
    city: 'Chatham, IL 62629',
    contacts: [
      ['Dr. Sam Okafor', 'Practice Owner'],
      ['Lisa Grant', 'Front Desk Lead'],
    ],
  },
  {
    name: 'Summit Accounting LLC',
    rate: 1800_00,
    day: 1,
    terms: 30,
    phone: '(555) 402-9090',
    domain: 'summitcpa.example',
    city: 'Decatur, IL 62521',
    contacts: [
      ['Karen Wu', 'Partner'],
      ['Derek Holmes', 'IT Liaison'],
      ['Amy Fox', 'Accounts Payable'],
    ],
  },
  {
    name: 'Green Valley Church',
    rate: 400_00,
    day: 10,
    terms: 30,
    phone: '(555) 505-1234',
    domain: 'greenvalleychurch.example',
    city: 'Rochester, IL 62563',
    exempt: true,
    contacts: [
      ['Pastor John Reyes', 'Senior Pastor'],
      ['Ruth Miller', 'Administrator'],
    ],
  },
  {
    name: 'Northside Auto Repair',
    rate: 0,
    day: 1,
    terms: 15,
    phone: '(555) 606-4321',
    domain: 'northsideauto.example',
    city: 'Springfield, IL 62707',
    contacts: [['Mike Dunn', 'Owner']],
  },
  {
    name: 'Lakeshore Realty',
    rate: 1100_00,
    day: 15,
    terms: 30,
    phone: '(555) 707-8800',
    domain: 'lakeshorerealty.example',
    city: 'Springfield, IL 62704',
    contacts: [
      ['Priya Nair', 'Broker'],
      ['Chris Lopez', 'Office Admin'],
    ],
  },
  {
    name: 'Precision Machining Inc.',
    rate: 3200_00,
    day: 1,
    terms: 45,
    phone: '(555) 808-1000',
    domain: 'precisionmach.example',
    city: 'Taylorville, IL 62568',
    contacts: [
      ['Gary Novak', 'Plant Manager'],
      ['Helen Brooks', 'Controller'],
      ['Raj Singh', 'Engineering Lead'],
    ],
  },
  {
    name: 'Maple Street Bakery',
    rate: 250_00,
    day: 20,
    terms: 15,
    phone: '(555) 909-3030',
    domain: 'maplebakery.example',
    city: 'Springfield, IL 62703',
    contacts: [['Olivia Park', 'Owner']],
  },
  {
    name: 'Westgate Family Medicine',
    rate: 2750_00,
    day: 1,
    terms: 30,
    phone: '(555) 111-2020',
    domain: 'westgatemed.example',
    city: 'Springfield, IL 62711',
    contacts: [
      ['Dr. Alan Reed', 'Medical Director'],
      ['Sandra Kim', 'Practice Manager'],
      ['Joe Turner', 'Billing Specialist'],
    ],
  },
  {
    name: 'Prairie Insurance Agency',
    rate: 850_00,
    day: 1,
    terms: 30,
    phone: '(555) 121-3434',
    domain: 'prairieins.example',
    city: 'Jacksonville, IL 62650',
    contacts: [
      ['Dana Wright', 'Agency Owner'],
      ['Luis Ortega', 'Account Manager'],
    ],
  },
  {
    name: 'Cornerstone Construction',
    rate: 1600_00,
    day: 25,
    terms: 30,
    phone: '(555) 131-5656',
    domain: 'cornerstonebuild.example',
    city: 'Petersburg, IL 62675',
    contacts: [
      ['Bill Carter', 'President'],
      ['Megan Hall', 'Office Manager'],
    ],
  },
];

export async function seedDemo(deps: Deps): Promise<string> {
  const ctx = withActor(deps, { type: 'system', label: 'demo' });
  const existing = await deps.db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  if (existing) return 'The database already has companies; the demo only fills an empty one.';
  let contacts = 0;
  const made: { id: string; name: string }[] = [];
  for (const [i, d] of COMPANIES.entries()) {
    const company = await createCompany(ctx, {
      name: d.name,
      phone: d.phone,
      email: `office@${d.domain}`,
      website: `https://www.${d.domain}`,
      billingAddress: `${100 + i * 17} Main Street\n${d.city}`,
      monthlyRateCents: d.rate,
      contractStart: d.rate ? `202${4 + (i % 2)}-0${1 + (i % 9)}-01` : null,
      billingDay: d.day,
      paymentTermsDays: d.terms,
      taxExempt: d.exempt ?? false,
      notes: d.rate ? null : 'No contract: all work billable at the hourly rate.',
    });
    made.push(company);
    let billingContactId: string | null = null;
    let ownerId: string | null = null;
    for (const [j, [name, title]] of d.contacts.entries()) {
      const first = name
        .replace(/^(Dr\.|Pastor) /, '')
        .split(' ')[0]
        .toLowerCase();
      const contact = await createContact(ctx, company.id, {
        name,
        title,
        email: `${first}@${d.domain}`,
        phone: `${d.phone.slice(0, 9)}-${String(4000 + j * 11)}`,
        portalAccess: j === 0,
      });
      if (/billing|payable|controller/i.test(title) && !billingContactId)
        billingContactId = contact.id;
      if (/owner|partner|president|director/i.test(title) && !ownerId) ownerId = contact.id;
      contacts++;
    }
    billingContactId ??= ownerId;
    if (billingContactId) await updateCompany(ctx, company.id, { billingContactId });
  }
  // Assets before credentials: the vault's demo puts entries on network and server assets.
  const inventory = await seedDemoAssets(
    ctx,
    made,
    (await getProfileCached(deps.db))?.timeZone ?? 'UTC',
  );
  const vaultEntries = await seedDemoCredentials(ctx);
  const workOrders = await seedDemoWorkOrders(
    ctx,
    made,
    (await getProfileCached(deps.db))?.timeZone ?? 'UTC',
  );
  const timeZone = (await getProfileCached(deps.db))?.timeZone ?? 'UTC';
  const time = await seedDemoTime(ctx, timeZone);
  const billing = await seedDemoBilling(ctx, made, todayIn(timeZone));
  return `Demo data created: ${COMPANIES.length} companies, ${contacts} contacts, ${inventory.locations} locations, ${inventory.assets} assets, ${vaultEntries} vault entries, ${workOrders} work orders, ${time.entries} time entries, ${time.parts} parts, ${billing.invoices} invoices, ${billing.payments} payments.`;
}

// Time and parts on the demo work orders, through the time services (rounded, priced at the rates
// in force, audited): every work order that has been worked on gets one to three entries spread over
// the past three weeks by its technician. Work orders of contract companies are covered (entries not
// billable) except for the occasional out-of-scope project hour billed on top; companies without a
// contract are billed for everything. A few jobs also carry parts. Logging time needs a staff
// member: on a database without users (a bare `demo`), only the parts are added.
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

async function seedDemoTime(
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
