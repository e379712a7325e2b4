// Customers: the mix a small-business MSP has (dental offices, law firms, CPAs, clinics, trades),
// mostly on a monthly contract, a few inactive, a few without a contract at all.
import type { Company } from '../../src/features/companies/queries.ts';
import { toCompanyRow } from '../../src/features/companies/queries.ts';
import { ANCHOR_MS, DAY_MS, dateAt, insertRows, isoAt, type GenContext } from './context.ts';
import { FOUNDED_MS } from './staff.ts';

type Namer = (f: GenContext['faker']) => string;
const NAMERS: { weight: number; value: Namer }[] = [
  { weight: 30, value: (f) => f.company.name() },
  { weight: 6, value: (f) => `${f.person.lastName()} Family Dental` },
  { weight: 6, value: (f) => `${f.person.lastName()} & ${f.person.lastName()} LLP` },
  { weight: 5, value: (f) => `${f.person.lastName()} CPA Group` },
  { weight: 5, value: (f) => `${f.location.city()} Veterinary Clinic` },
  { weight: 5, value: (f) => `${f.location.city()} Family Medicine` },
  { weight: 5, value: (f) => `${f.person.lastName()} Construction` },
  { weight: 4, value: (f) => `${f.person.lastName()} Realty` },
  { weight: 4, value: (f) => `${f.person.lastName()} Insurance Agency` },
  { weight: 3, value: (f) => `${f.location.street()} Auto Repair` },
  { weight: 3, value: (f) => `${f.person.lastName()} Architects` },
  { weight: 3, value: (f) => `${f.person.lastName()} Plumbing & Heating` },
  { weight: 2, value: (f) => `${f.location.city()} Community Church` },
  { weight: 2, value: (f) => `${f.location.city()} Chamber of Commerce` },
  { weight: 3, value: (f) => `${f.location.city()} Logistics` },
];
const NONPROFIT = /Church|Chamber/;

const NOTES = [
  'After-hours support billed at 1.5x.',
  'Server closet key is at the front desk; ask for the office manager.',
  'Backups rotate to offsite NAS nightly. Check the report on Mondays.',
  'Owner prefers phone calls over email.',
  'Line-of-business app vendor must be present for upgrades.',
  'Quarterly on-site visit included in the contract.',
  'Firewall managed by the ISP; open a ticket with them for port changes.',
];

function domainFor(f: GenContext['faker'], name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/\b(llc|inc|and|group|llp|the)\b/g, '')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 28);
  return `${slug || 'company'}.${f.helpers.weightedArrayElement([
    { weight: 7, value: 'com' },
    { weight: 1, value: 'net' },
    { weight: 1, value: 'org' },
    { weight: 1, value: 'us' },
  ])}`;
}

function monthlyRateCents(f: GenContext['faker']): number {
  const band = f.helpers.weightedArrayElement([
    { weight: 12, value: [0, 0] },
    { weight: 55, value: [250, 1_500] },
    { weight: 26, value: [1_500, 5_000] },
    { weight: 7, value: [5_000, 20_000] },
  ]);
  return band[1] === 0
    ? 0
    : Math.round(f.number.int({ min: band[0], max: band[1] }) / 25) * 25 * 100;
}

export async function generateCompanies(g: GenContext): Promise<void> {
  const { faker: f } = g;
  const n = g.scale.companies;
  // Sign-ups spread over the firm's life, growing: later years bring more customers.
  const created = Array.from(
    { length: n },
    () => FOUNDED_MS + DAY_MS + Math.sqrt(f.number.float()) * (ANCHOR_MS - FOUNDED_MS - 2 * DAY_MS),
  ).sort((a, b) => a - b);
  const names = new Set<string>();
  const companies: Company[] = created.map((ms) => {
    let name = f.helpers.weightedArrayElement(NAMERS)(f);
    for (let i = 2; names.has(name); i++)
      name = i < 5 ? f.helpers.weightedArrayElement(NAMERS)(f) : `${name} ${f.location.city()}`;
    names.add(name);
    const domain = domainFor(f, name);
    const rate = monthlyRateCents(f);
    const updated = Math.min(ANCHOR_MS, ms + f.number.int({ min: 0, max: 400 }) * DAY_MS);
    return {
      id: g.idAt(ms),
      name,
      status: f.number.int(99) < 8 ? 'inactive' : 'active',
      phone: f.phone.number({ style: 'national' }),
      email:
        f.number.int(9) === 0
          ? null
          : `${f.helpers.arrayElement(['info', 'office', 'accounts', 'admin', 'frontdesk'])}@${domain}`,
      website: f.number.int(6) === 0 ? null : `https://www.${domain}`,
      billingAddress: `${f.location.streetAddress()}\n${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode('#####')}`,
      billingContactId: null, // set by the contacts step, once the contacts exist
      monthlyRateCents: rate,
      contractStart:
        rate === 0 ? null : dateAt(Math.min(ANCHOR_MS, ms + f.number.int(45) * DAY_MS)),
      billingDay:
        f.helpers.weightedArrayElement([
          { weight: 70, value: 1 },
          { weight: 15, value: 15 },
          { weight: 15, value: 0 },
        ]) || f.number.int({ min: 2, max: 28 }),
      paymentTermsDays: f.helpers.weightedArrayElement([
        { weight: 10, value: 0 },
        { weight: 10, value: 15 },
        { weight: 65, value: 30 },
        { weight: 10, value: 45 },
        { weight: 5, value: 60 },
      ]),
      taxExempt: NONPROFIT.test(name) || f.number.int(99) < 2,
      notes: f.number.int(4) === 0 ? f.helpers.arrayElement(NOTES) : null,
      createdAt: isoAt(ms),
      updatedAt: isoAt(updated),
    };
  });
  await insertRows(g.trx, 'companies', companies.map(toCompanyRow));
  g.world.companies = companies;
}
