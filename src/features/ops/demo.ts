// `supporttracker demo`: a realistic small MSP — its business profile and staff (an admin, a
// technician and a billing clerk, with passwords printed once), a dozen customer companies with
// their contacts, assets, vault entries, work orders and time, and a year of invoices and payments —
// created through the same services the app uses, so every row is valid and audited.
import { withActor, type Deps } from '../../platform/context.ts';
import type { Config } from '../../platform/app-config.ts';
import { createCompany, updateCompany } from '../companies/service.ts';
import { createContact } from '../contacts/service.ts';
import { seedDemoCredentials } from '../vault/demo.ts';
import { seedDemoAssets } from '../assets/demo.ts';
import { getProfileCached } from '../settings/profile-cache.ts';
import { seedDemoWorkOrders } from '../work-orders/demo.ts';
import { seedDemoTime } from '../time/demo.ts';
import { todayIn } from '../../lib/dates.ts';
import { seedDemoBilling } from './demo-billing.ts';
import { seedDemoProfile, seedDemoUsers, type DemoProfile, type DemoUsers } from './demo-users.ts';

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

export type DemoOptions = {
  /** The admin's email instead of the demo's own (the password is still random, printed once). */
  adminEmail?: string;
};

export async function seedDemo(deps: Deps, opts: DemoOptions = {}): Promise<string> {
  const ctx = withActor(deps, { type: 'system', label: 'demo' });
  const existing = await deps.db.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  if (existing)
    return 'The database already has companies; the demo only fills an empty one. Nothing was changed.';
  // Staff and the business first: work orders are assigned to staff, time needs someone who did the
  // work, and every date follows the business time zone.
  const users = await seedDemoUsers(ctx, opts);
  const profile = await seedDemoProfile(ctx);
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
  const timeZone = (await getProfileCached(deps.db))?.timeZone ?? 'UTC';
  // Assets before credentials: the vault's demo puts entries on network and server assets.
  const inventory = await seedDemoAssets(ctx, made, timeZone);
  const vaultEntries = await seedDemoCredentials(ctx);
  const workOrders = await seedDemoWorkOrders(ctx, made, timeZone);
  const time = await seedDemoTime(ctx, timeZone);
  const billing = await seedDemoBilling(ctx, made, todayIn(timeZone));
  const data = `Demo data created: ${COMPANIES.length} companies, ${contacts} contacts, ${inventory.locations} locations, ${inventory.assets} assets, ${vaultEntries} vault entries, ${workOrders} work orders, ${time.entries} time entries, ${time.parts} parts, ${billing.invoices} invoices, ${billing.payments} payments.`;
  return [data, ...demoSummary(deps.config, profile, users, timeZone, opts)].join('\n');
}

/** Where the app will answer once it is started with this configuration. */
export function appUrl(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return config.publicUrl;
  const h = config.host;
  const host = ['0.0.0.0', '::', '', '*'].includes(h)
    ? 'localhost'
    : h.includes(':')
      ? `[${h}]`
      : h;
  return `http://${host}:${config.port}`;
}

/** The lines after the counts: the business, where to sign in and with what. */
function demoSummary(
  config: Config,
  profile: DemoProfile,
  users: DemoUsers,
  timeZone: string,
  opts: DemoOptions,
): string[] {
  const lines = [
    profile.created
      ? `Business profile: ${profile.name}, with address, phone, email and logo; time zone ${timeZone} (Settings → Business profile).`
      : `Business profile: kept yours (${profile.name}).`,
  ];
  const login = `${appUrl(config)}/login`;
  if (users.created.length === 0) {
    lines.push(
      `Staff: ${users.existing} ${users.existing === 1 ? 'user exists' : 'users exist'} already, so no demo accounts were created${opts.adminEmail ? ' (--admin-email ignored)' : ''}. Sign in at ${login} as before.`,
    );
    return lines;
  }
  const w = (k: 'role' | 'name' | 'email') => Math.max(...users.created.map((u) => u[k].length));
  lines.push(
    `Sign in at ${login} (start the server first: npx supporttracker serve) as:`,
    ...users.created.map(
      (u) =>
        `  ${u.role.padEnd(w('role'))}  ${u.name.padEnd(w('name'))}  ${u.email.padEnd(w('email'))}  password: ${u.password}`,
    ),
    'These passwords are shown only this once: note them now, or change them under Account after signing in.',
  );
  return lines;
}
