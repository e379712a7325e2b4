// The office's home page on every dialect: each figure is what the list it links to shows (UX.md 4:
// every number is a door), money only for roles that may see it, and a technician lands on their
// work queue instead.
import { beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import { getPage, signInAs, type Agent } from '../../../test/support/app.ts';
import { addDaysToDate, nowIso } from '../../lib/dates.ts';
import { businessToday } from '../assets/service.ts';
import { company, staffCtx, workOrder } from '../time/test-helpers.ts';
import { createAsset } from '../assets/service.ts';
import { invoice, payment } from '../receivables/test-fixtures.ts';

describe.each(DIALECTS)('home page on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Agent;
  let today: string;
  const home = async (agent: Agent) => getPage(suite.app, agent, '/');
  /** The text of the tile whose link is `href`. */
  const tile = (page: string, href: string) => {
    const body = page.slice(page.indexOf('<main'));
    const at = body.indexOf(`href="${href.replace(/&/g, '&amp;')}"`);
    expect(at, `a tile linking to ${href}`).toBeGreaterThan(-1);
    return body
      .slice(at, body.indexOf('</a>', at))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  };

  beforeEach(async () => {
    admin = await signInAs(suite.app, suite.deps, 'admin');
    today = await businessToday(suite.deps);
    const a = (await company(suite.deps, 'Alpha Dental')).id;
    const b = (await company(suite.deps, 'Beta Law')).id;
    const d = (n: number) => addDaysToDate(today, n);
    // Owed: two overdue ($1,200.00 and $300.00 of $500.00), one not yet due ($800.00); paid, void and draft ones count nothing.
    await invoice(suite.db, a, {
      issueDate: d(-45),
      dueDate: d(-15),
      total: 120_000,
      number: 'INV-1',
    });
    await invoice(suite.db, b, {
      issueDate: d(-40),
      dueDate: d(-10),
      total: 50_000,
      paid: 20_000,
      number: 'INV-2',
    });
    await invoice(suite.db, b, {
      issueDate: d(-5),
      dueDate: d(25),
      total: 80_000,
      number: 'INV-3',
    });
    await invoice(suite.db, a, {
      issueDate: d(-60),
      dueDate: d(-30),
      total: 99_000,
      paid: 99_000,
      number: 'INV-4',
    });
    await invoice(suite.db, a, {
      issueDate: d(-60),
      dueDate: d(-30),
      total: 77_000,
      status: 'void',
      voidedAt: nowIso(),
      number: 'INV-5',
    });
    await invoice(suite.db, a, { issueDate: d(0), dueDate: d(30), total: 10_000, status: 'draft' });
    await payment(suite.db, b, { receivedOn: d(-3), amount: 25_000, unapplied: 4_500 });
    // Work: three open (one overdue and assigned, one unassigned, one due later), one closed and overdue (counts nothing).
    const tech = (await signInAs(suite.app, suite.deps, 'technician')).userId;
    const set = (
      id: string,
      v: { status?: string; due_on?: string | null; assigned_to_id?: string | null },
    ) => suite.db.updateTable('work_orders').set(v).where('id', '=', id).execute();
    await set(await workOrder(suite.db, a), { due_on: d(-2), assigned_to_id: tech });
    await set(await workOrder(suite.db, a), { due_on: null, assigned_to_id: null });
    await set(await workOrder(suite.db, b), { due_on: d(5), assigned_to_id: tech });
    await set(await workOrder(suite.db, b), {
      status: 'closed',
      due_on: d(-9),
      assigned_to_id: null,
    });
    // One warranty ends within 90 days, one ended last week, one ends next year.
    const adminCtx = await staffCtx(suite.deps, 'admin');
    for (const [name, expires] of [
      ['Laptop', d(20)],
      ['Server', d(-7)],
      ['Firewall', d(400)],
    ] as const) {
      await createAsset(adminCtx, a, { categoryId: 'cat-servers', name, warrantyExpires: expires });
    }
  });

  it('shows what needs attention, and each figure is what the list it links to shows', async () => {
    const res = await home(admin);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(tile(body, '/invoices?status=overdue')).toContain('$1,500.00');
    expect(tile(body, '/invoices?status=overdue')).toContain('2 invoices');
    expect(tile(body, '/invoices?status=open')).toContain('$2,300.00');
    expect(tile(body, '/invoices?status=open')).toContain('3 invoices');
    expect(tile(body, '/payments?status=unapplied')).toContain('$45.00');
    expect(tile(body, '/invoices?status=draft')).toMatch(/Drafts to review 1 /);
    expect(tile(body, '/work-orders?status=open&overdue=1')).toMatch(/Overdue work orders 1 /);
    expect(tile(body, '/work-orders?status=open&assignedTo=none')).toMatch(/Unassigned 1 /);
    expect(tile(body, '/work-orders?status=open')).toMatch(/Open work orders 3\b/);
    expect(tile(body, '/assets/warranty')).toMatch(/Warranties ending 1 in the next 90 days/);
    expect(tile(body, '/companies')).toMatch(/Active companies 2\b/);
    // Colour only where something is wrong.
    expect(body.match(/border-danger/g)).toHaveLength(2);

    // The doors: the invoice list filtered the same way totals the same amounts.
    const overdue = (await getPage(suite.app, admin, '/invoices?status=overdue')).body;
    expect(overdue).toContain('<strong>2</strong> overdue invoices');
    expect(overdue).toContain('$1,500.00');
    const open = (await getPage(suite.app, admin, '/invoices?status=open')).body;
    expect(open).toContain('<strong>3</strong> open invoices');
    expect(open).toContain('$2,300.00');
    const late = (await getPage(suite.app, admin, '/work-orders?status=open&overdue=1')).body;
    expect(new Set(late.match(/href="\/work-orders\/[0-9a-f-]{36}"/g) ?? []).size).toBe(1);
  });

  it('shows no money to roles without billing access and no actions to read-only staff', async () => {
    const readonly = await signInAs(suite.app, suite.deps, 'readonly');
    const page = (await home(readonly)).body;
    expect(page).toContain('$1,500.00'); // read-only staff may read billing
    expect(page).not.toContain('Record payment');
    expect(page).not.toContain('href="/work-orders/new"');
    const billing = (await home(await signInAs(suite.app, suite.deps, 'billing'))).body;
    for (const s of ['Record payment', 'href="/work-orders/new"', 'Receivables'])
      expect(billing).toContain(s);
    // A technician's home is their work queue (my-work-routes.test.ts); the office dashboard is a
    // link away and shows them no money.
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const res = await home(tech);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="h3 mb-0">My work</h1>');
    const office = (await getPage(suite.app, tech, '/dashboard')).body;
    expect(office).not.toContain('$1,500.00');
    expect(office).toContain('Make this my home');
  });

  it('says zero plainly on an empty business', async () => {
    await suite.t.reset();
    await suite.db
      .insertInto('business_profile')
      .values({
        id: 'default',
        name: 'Acme IT Services',
        address: null,
        email: null,
        phone: null,
        logo_key: null,
        time_zone: 'America/Chicago',
        currency: 'USD',
        invoice_prefix: 'INV',
        updated_at: nowIso(),
      } as never)
      .execute();
    const fresh = await signInAs(suite.app, suite.deps, 'admin');
    const body = (await home(fresh)).body;
    expect(tile(body, '/invoices?status=overdue')).toContain('$0.00');
    expect(tile(body, '/invoices?status=overdue')).toContain('0 invoices');
    expect(body).not.toContain('border-danger');
  });
});
