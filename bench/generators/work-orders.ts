// Work orders at large-MSP scale: 200,000 over the firm's life (numbers 1..200,000 in creation order,
// the gapless counter left at the maximum), spread over the companies log-normally, each created after
// its company. A firm with that history has a field team: 36 more technicians join the generated staff.
// Old work is almost all closed or cancelled, with a small residue left waiting; the last three weeks
// hold the open queue (new, scheduled, in progress, waiting). The billing designation follows the
// company (a monthly contract: covered; none: billable), with the occasional no-charge job.
import argon2 from 'argon2';
import { insertUser } from '../../src/features/users/queries.ts';
import type { WorkOrdersTable } from '../../src/db/database.ts';
import { ANCHOR_MS, DAY_MS, dateAt, insertRows, isoAt, type GenContext } from './context.ts';
import { FOUNDED_MS } from './staff.ts';

/** 100 per company: 200,000 at the large-MSP scale of 2,000 companies. */
export const WORK_ORDERS_PER_COMPANY = 100;
const FIELD_TECHS = 36;

const TITLES = [
  'Printer offline',
  'New hire laptop setup',
  'Email not syncing on phone',
  'Replace failing UPS battery',
  'Slow file server',
  'Quarterly patching',
  'Wi-Fi drops in conference room',
  'Password reset and MFA re-enrollment',
  'VPN will not connect from home',
  'Outlook keeps asking for password',
  'Backup job failed overnight',
  'Firewall firmware update',
  'Move workstation to new desk',
  'Install line-of-business app update',
  'Scanner to email stopped working',
  'Offboard departing employee',
  'Phone system: add extension',
  'Disk space low on server',
  'Suspicious email reported',
  'Monitor flickering',
  'Shared drive mapping missing',
  'Renew SSL certificate',
  'QuickBooks multi-user mode error',
  'Replace toner and clear jam',
  'Set up conference room display',
];
const OPEN: { weight: number; value: string }[] = [
  { weight: 30, value: 'new' },
  { weight: 20, value: 'scheduled' },
  { weight: 25, value: 'in_progress' },
  { weight: 12, value: 'waiting_customer' },
  { weight: 8, value: 'waiting_parts' },
  { weight: 5, value: 'resolved' },
];
const OLD: { weight: number; value: string }[] = [
  { weight: 900, value: 'closed' },
  { weight: 55, value: 'cancelled' },
  { weight: 25, value: 'resolved' },
  { weight: 12, value: 'waiting_customer' },
  { weight: 8, value: 'waiting_parts' },
];
const PRIORITIES = [
  { weight: 20, value: 'low' },
  { weight: 55, value: 'normal' },
  { weight: 20, value: 'high' },
  { weight: 5, value: 'urgent' },
];

async function addFieldTechnicians(g: GenContext): Promise<string[]> {
  const f = g.faker;
  const hash = await argon2.hash('bench-technician-password', {
    type: argon2.argon2id,
    salt: Buffer.from(f.string.alphanumeric(16)),
  });
  const ids: string[] = [];
  for (let i = 0; i < FIELD_TECHS; i++) {
    const ms = FOUNDED_MS + (i + 1) * 40 * DAY_MS;
    const id = g.idAt(ms);
    const first = f.person.firstName();
    const last = f.person.lastName();
    const name = `${first} ${last}`;
    const email = `${first}.${last}.${i}@northwind-it.example`
      .toLowerCase()
      .replace(/[^a-z0-9.@-]/g, '');
    await insertUser(g.trx, {
      id,
      email,
      name,
      role: 'technician',
      password_hash: hash,
      active: 1,
      totp_secret_enc: null,
      totp_enabled: 0,
      totp_last_step: null,
      recovery_codes: null,
      created_at: isoAt(ms),
      updated_at: isoAt(ms),
    });
    g.world.staff.push({ id, name, email });
    ids.push(id);
  }
  return ids;
}

export async function generateWorkOrders(g: GenContext): Promise<void> {
  const { faker: f, world } = g;
  // The generated staff: admin, four technicians, billing, read-only. The admin takes jobs too.
  const technicians = [
    ...world.staff.slice(0, 5).map((s) => s.id),
    ...(await addFieldTechnicians(g)),
  ];
  world.technicians = technicians;
  const companies = world.companies;
  const WORK_ORDERS = companies.length * WORK_ORDERS_PER_COMPANY;
  if (!WORK_ORDERS) return;
  // A company's share: log-normal (some customers call far more) times how long it has been a
  // customer, so each company opens work at a steady rate and the firm's volume grows with its book.
  const weights = companies.map(
    (c) =>
      Math.exp(
        Math.sqrt(-2 * Math.log(1 - f.number.float())) *
          Math.cos(2 * Math.PI * f.number.float()) *
          0.9,
      ) * Math.max(DAY_MS, ANCHOR_MS - Math.max(FOUNDED_MS, Date.parse(c.createdAt))),
  );
  const cumulative: number[] = [];
  weights.reduce((a, w, i) => (cumulative[i] = a + w), 0);
  const total = cumulative[cumulative.length - 1];
  const pickCompany = () => {
    const x = f.number.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const contactsBy = new Map<string, string[]>();
  for (const c of world.contacts)
    contactsBy.set(c.companyId, [...(contactsBy.get(c.companyId) ?? []), c.id]);

  // When each work order was opened: any time after its company became a customer.
  const picks: { ci: number; ms: number }[] = [];
  for (let i = 0; i < WORK_ORDERS; i++) {
    const ci = pickCompany();
    const since = Math.max(FOUNDED_MS, Date.parse(companies[ci].createdAt));
    picks.push({ ci, ms: since + f.number.float() * Math.max(0, ANCHOR_MS - DAY_MS / 24 - since) });
  }
  picks.sort((a, b) => a.ms - b.ms);

  const rows: WorkOrdersTable[] = [];
  const out: NonNullable<typeof world.workOrders> = [];
  for (const [i, { ci, ms }] of picks.entries()) {
    const company = companies[ci];
    const number = i + 1;
    const recent = ANCHOR_MS - ms < 21 * DAY_MS;
    const status = f.helpers.weightedArrayElement(recent ? OPEN : OLD);
    const billing =
      f.number.int(99) < 3 ? 'no_charge' : company.monthlyRateCents > 0 ? 'contract' : 'billable';
    const assigned =
      status === 'new' && f.number.int(9) < 4 ? null : f.helpers.arrayElement(technicians);
    const people = contactsBy.get(company.id) ?? [];
    const title = f.helpers.arrayElement(TITLES);
    const doneMs = Math.min(ANCHOR_MS, ms + f.number.float({ min: 0.05, max: 12 }) * DAY_MS);
    const resolved = status === 'resolved' || status === 'closed' ? isoAt(doneMs) : null;
    const closed = status === 'closed' ? isoAt(Math.min(ANCHOR_MS, doneMs + 3 * DAY_MS)) : null;
    const id = g.idAt(ms);
    rows.push({
      id,
      number,
      company_id: company.id,
      contact_id: people.length && f.number.int(9) < 8 ? f.helpers.arrayElement(people) : null,
      title,
      description: f.number.int(9) < 7 ? f.lorem.sentence({ min: 6, max: 16 }) : null,
      priority: f.helpers.weightedArrayElement(PRIORITIES),
      status,
      assigned_to_id: assigned,
      scheduled_for:
        status === 'scheduled'
          ? dateAt(ANCHOR_MS + f.number.int({ min: 0, max: 10 }) * DAY_MS)
          : null,
      due_on: f.number.int(9) < 6 ? dateAt(ms + f.number.int({ min: 1, max: 14 }) * DAY_MS) : null,
      source: f.number.int(9) < 8 ? 'staff' : 'portal',
      billing,
      search_text: `${number} wo-${String(number).padStart(5, '0')} ${title}`
        .toLowerCase()
        .slice(0, 500),
      created_by_label: 'Bench Admin',
      created_at: isoAt(ms),
      updated_at: closed ?? resolved ?? isoAt(ms),
      resolved_at: resolved,
      closed_at: closed,
    });
    out.push({
      id,
      companyId: company.id,
      createdMs: ms,
      doneMs,
      status,
      billing,
      assignedToId: assigned,
    });
  }
  await insertRows(g.trx, 'work_orders', rows);
  await g.trx
    .updateTable('counters')
    .set({ value: WORK_ORDERS })
    .where('name', '=', 'work_order')
    .execute();
  world.workOrders = out;
}
