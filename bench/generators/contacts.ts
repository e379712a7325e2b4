// People at the customers: every company has at least one, most a handful, a few dozens
// (a log-normal spread, so the busiest companies are realistic worst cases for the detail page).
import type { Contact } from '../../src/features/contacts/queries.ts';
import { toContactRow } from '../../src/features/contacts/queries.ts';
import {
  ANCHOR_MS,
  DAY_MS,
  insertRows,
  isoAt,
  updateColumnById,
  type GenContext,
} from './context.ts';

const TITLES = [
  'Owner',
  'Office Manager',
  'Practice Manager',
  'Controller',
  'Bookkeeper',
  'Managing Partner',
  'Paralegal',
  'Receptionist',
  'IT Coordinator',
  'Operations Manager',
  'Associate',
  'Project Manager',
  'CFO',
  'HR Manager',
];
const BILLING_TITLES = ['Office Manager', 'Controller', 'Owner', 'Bookkeeper', 'Accounts Payable'];

/** How many contacts each company gets: at least one each, the rest by log-normal weight. */
function spread(g: GenContext, companies: number, total: number): number[] {
  const f = g.faker;
  const weights = Array.from({ length: companies }, () => {
    const z =
      Math.sqrt(-2 * Math.log(1 - f.number.float())) * Math.cos(2 * Math.PI * f.number.float());
    return Math.exp(z);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const extra = Math.max(0, total - companies);
  const exact = weights.map((w) => (w / sum) * extra);
  const counts = exact.map((x) => 1 + Math.floor(x));
  // Largest remainders take the contacts that rounding down left over, so the total is exact.
  let left = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) counts[byRemainder[k % companies][1]]++;
  return counts;
}

export async function generateContacts(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  const counts = spread(g, world.companies.length, g.scale.contacts);
  const emails = new Set<string>();
  const contacts: Contact[] = [];
  const billing = new Map<string, string>();
  world.companies.forEach((company, ci) => {
    const domain =
      (company.website ?? company.email ?? '').replace(/^https:\/\/www\.|^[^@]*@/, '') || null;
    const since = Date.parse(company.createdAt);
    for (let k = 0; k < counts[ci]; k++) {
      const first = f.person.firstName();
      const last = f.person.lastName();
      const ms = k === 0 ? since : since + f.number.float() * (ANCHOR_MS - since);
      let email: string | null = null;
      if (f.number.int(9) > 0) {
        const local = f.helpers
          .arrayElement([`${first}.${last}`, `${first[0]}${last}`, first])
          .toLowerCase()
          .replace(/[^a-z0-9.]/g, '');
        email = domain
          ? `${local}@${domain}`
          : f.internet.email({ firstName: first, lastName: last }).toLowerCase();
        for (let n = 2; emails.has(email); n++) email = email.replace(/(\d*)@/, `${n}@`);
        emails.add(email);
      }
      const isBilling = k === 0 && f.number.int(99) < 85;
      const contact: Contact = {
        id: g.idAt(ms),
        companyId: company.id,
        name: `${first} ${last}`,
        title: isBilling
          ? f.helpers.arrayElement(BILLING_TITLES)
          : f.number.int(9) < 7
            ? f.helpers.arrayElement(TITLES)
            : f.person.jobTitle(),
        email,
        phone: f.number.int(9) < 8 ? f.phone.number({ style: 'national' }) : null,
        notes:
          f.number.int(19) === 0
            ? f.helpers.arrayElement([
                'Prefers text messages.',
                'Works mornings only.',
                'Authorised to approve purchases.',
                'Do not call after 5pm.',
              ])
            : null,
        portalAccess: email !== null && (isBilling || f.number.int(99) < 20),
        // No extra random draw, so the data set stays the same: the billing contact sees billing,
        // every portal contact sees service.
        portalBilling: email !== null && isBilling,
        portalService: email !== null,
        emailOptOut: false,
        active: f.number.int(99) >= 6,
        createdAt: isoAt(ms),
        updatedAt: isoAt(Math.min(ANCHOR_MS, ms + f.number.int(200) * DAY_MS)),
      };
      contacts.push(contact);
      if (isBilling) billing.set(company.id, contact.id);
    }
  });
  await insertRows(
    g.trx,
    'contacts',
    contacts.map((c) => toContactRow(c)),
  );
  await updateColumnById(g.trx, 'companies', 'billing_contact_id', billing);
  for (const c of world.companies) c.billingContactId = billing.get(c.id) ?? null;
  world.contacts = contacts;
}
