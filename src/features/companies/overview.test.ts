// The company page's live state (balance, aging with its links, open work orders, overdue invoices,
// warranties ending, contract and services, activity in words) and the company list's balance and
// past-due columns with their sorts, over HTTP, on every dialect.
import { beforeEach, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { DIALECTS } from '../../../test/support/db.ts';
import { useAppSuite } from '../../../test/support/suite.ts';
import {
  getPage,
  postForm,
  signInAs,
  testApp,
  testDeps,
  type Agent,
} from '../../../test/support/app.ts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { addDaysToDate } from '../../lib/dates.ts';
import { businessToday, createAsset } from '../assets/service.ts';
import { addCompanyService } from '../billing-setup/company-services.ts';
import { staffCtx, workOrder } from '../time/test-helpers.ts';
import { invoice, payment } from '../receivables/test-fixtures.ts';
import { createCompany } from './service.ts';

/** The text of the element carrying `attr` (its first occurrence), tags stripped. */
function textOf(html: string, attr: string): string {
  const at = html.indexOf(attr);
  expect(at, `an element with ${attr}`).toBeGreaterThan(-1);
  const open = html.lastIndexOf('<', at);
  const tag = /^<([a-z0-9]+)/.exec(html.slice(open))![1];
  const end = html.indexOf(`</${tag}>`, at);
  return html
    .slice(html.indexOf('>', at) + 1, end)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
/** The href of the first link inside the element carrying `attr`. */
function hrefIn(html: string, attr: string): string | null {
  const at = html.indexOf(attr);
  const open = html.lastIndexOf('<', at);
  const chunk = html.slice(open, html.indexOf('</', at) + 200);
  const m = /href="([^"]+)"/.exec(chunk);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

describe.each(DIALECTS)('company overview and list money on %s', (dialect) => {
  const suite = useAppSuite(dialect);
  let admin: Ctx;
  let today: string;
  let id: string;
  const d = (n: number) => addDaysToDate(today, n);

  beforeEach(async () => {
    admin = await staffCtx(suite.deps, 'admin');
    today = await businessToday(suite.deps);
  });

  /** Alpha Dental with invoices in every bucket, credit, work orders, warranties and services. */
  async function seedAlpha() {
    id = (await createCompany(admin, { name: 'Alpha Dental', monthlyRateCents: 150_000 })).id;
    const other = (await createCompany(admin, { name: 'Beta Law' })).id;
    const inv = (dueIn: number, total: number, more: { paid?: number; number?: string } = {}) =>
      invoice(suite.db, id, {
        issueDate: d(Math.min(dueIn, 0) - 30),
        dueDate: d(dueIn),
        total,
        ...more,
      });
    await inv(10, 10_000, { number: 'INV-CUR' }); // current
    await inv(-5, 20_000, { number: 'INV-5' }); // 1–30
    await inv(-45, 30_000, { paid: 5_000, number: 'INV-45' }); // 31–60: 250.00 open
    await inv(-75, 40_000, { number: 'INV-75' }); // 61–90
    await inv(-100, 50_000, { number: 'INV-100' }); // over 90
    await inv(-200, 10_000, { number: 'INV-200' });
    await inv(-300, 5_000, { number: 'INV-300' });
    await inv(-20, 9_000, { paid: 9_000, number: 'INV-PAID' }); // paid: nothing open
    await invoice(suite.db, id, {
      issueDate: d(-60),
      dueDate: d(-30),
      total: 7_777,
      status: 'void',
      voidedAt: `${d(-40)}T12:00:00.000Z`,
    });
    await invoice(suite.db, other, { issueDate: d(-60), dueDate: d(-30), total: 99_900 });
    await payment(suite.db, id, { receivedOn: d(-1), amount: 7_000, unapplied: 7_000 });

    // Work orders: seven open (one 3 days overdue and assigned, one due today), one closed.
    const tech = await staffCtx(suite.deps, 'technician');
    const wos: string[] = [];
    for (let i = 0; i < 8; i++) wos.push(await workOrder(suite.db, id));
    await suite.db
      .updateTable('work_orders')
      .set({
        due_on: d(-3),
        assigned_to_id: tech.actor.type === 'staff' ? tech.actor.userId : null,
        title: 'Server down',
      })
      .where('id', '=', wos[0])
      .execute();
    await suite.db
      .updateTable('work_orders')
      .set({ due_on: today, title: 'Printer jam', status: 'waiting_parts' })
      .where('id', '=', wos[1])
      .execute();
    await suite.db
      .updateTable('work_orders')
      .set({ status: 'closed', title: 'Old closed job' })
      .where('id', '=', wos[7])
      .execute();

    // Warranties: one ends in 20 days, one in 200, one ended last week.
    for (const [name, w] of [
      ['Front desk PC', d(20)],
      ['Server', d(200)],
      ['Old laptop', d(-7)],
    ] as const)
      await createAsset(admin, id, { categoryId: 'cat-computers', name, warrantyExpires: w });

    for (const [description, cents] of [
      ['Backup', 8_000],
      ['Microsoft 365', 2_200],
    ] as const)
      await addCompanyService(admin, id, {
        description,
        quantityThousandths: 1000,
        unitPriceCents: cents,
        startDate: d(-30),
      });

    await audit(suite.db, admin, {
      action: 'payment.record',
      entityType: 'payment',
      entityId: 'p1',
      companyId: id,
      summary: {
        amountCents: 50_000,
        method: 'check',
        reference: '9740',
        feeCents: 0,
        provider: null,
        allocations: [{ invoice: 'INV-5', amountCents: 50_000 }],
      },
    });
    return { tech };
  }

  it('shows balance, past due and each aging bucket, each a link to those invoices', async () => {
    await seedAlpha();
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    const res = await getPage(suite.app, billing, `/companies/${id}`);
    expect(res.statusCode).toBe(200);
    const page = res.body;
    const base = `/companies/${id}/invoices`;
    // 10,000 + 20,000 + 25,000 + 40,000 + 65,000 open, less 7,000 credit.
    expect(textOf(page, 'data-figure="balance"')).toBe('$1,530.00');
    expect(hrefIn(page, 'data-figure="balance"')).toBe(`${base}?status=open`);
    expect(textOf(page, 'data-figure="pastDue"')).toBe('$1,500.00');
    expect(hrefIn(page, 'data-figure="pastDue"')).toBe(
      `${base}?status=overdue&sort=dueDate&dir=asc`,
    );
    expect(page).toContain('after $70.00 unapplied credit');
    const buckets = {
      current: '$100.00',
      days1To30: '$200.00',
      days31To60: '$250.00',
      days61To90: '$400.00',
      over90: '$650.00',
    };
    for (const [b, v] of Object.entries(buckets)) {
      expect(textOf(page, `data-bucket="${b}"`), b).toBe(v);
      expect(hrefIn(page, `data-bucket="${b}"`), b).toBe(
        b === 'current'
          ? `${base}?status=open&sort=dueDate&dir=desc`
          : `${base}?status=overdue&sort=dueDate&dir=asc`,
      );
    }
    // The doors lead to lists that exist and hold those invoices.
    const overdue = await getPage(
      suite.app,
      billing,
      `${base}?status=overdue&sort=dueDate&dir=asc`,
    );
    expect(overdue.statusCode).toBe(200);
    for (const n of ['INV-5', 'INV-45', 'INV-75', 'INV-100', 'INV-200', 'INV-300'])
      expect(overdue.body).toContain(n);
    expect(overdue.body).not.toContain('INV-CUR');

    // Overdue invoices: the five oldest with days overdue and balance, and a link to all six.
    const cards = page.slice(page.indexOf('id="overdue-title"'));
    const listed = [...cards.matchAll(/data-invoice="[^"]+">([\s\S]*?)<\/li>/g)].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(listed).toEqual([
      'INV-300 300 days overdue $50.00',
      'INV-200 200 days overdue $100.00',
      'INV-100 100 days overdue $500.00',
      'INV-75 75 days overdue $400.00',
      'INV-45 45 days overdue $250.00',
    ]);
    expect(page).toContain(
      `href="${base}?status=overdue&amp;sort=dueDate&amp;dir=asc">All 6 overdue invoices`,
    );

    // Contract and services in one line, linking to the services tab.
    const line = textOf(page, 'data-contract-line');
    expect(line).toBe(
      'Contract $1,500.00/month · 2 services: Backup, Microsoft 365 ($102.00/month) · Services and billing',
    );
    expect(hrefIn(page, 'data-contract-line')).toBe(`/companies/${id}/services`);

    // On a phone the balance comes first: it is the first thing after the header and tabs.
    const balanceAt = page.indexOf('id="balance-title"');
    for (const later of [
      'id="wo-title"',
      'id="overdue-title"',
      'id="warranty-title"',
      'id="contacts-title"',
      'id="activity-title"',
    ])
      expect(balanceAt, later).toBeLessThan(page.indexOf(later));
  });

  it('lists open work orders by urgency, warranties ending in 90 days, and activity in words', async () => {
    await seedAlpha();
    const billing = await signInAs(suite.app, suite.deps, 'billing');
    const page = (await getPage(suite.app, billing, `/companies/${id}`)).body;

    const wo = page.slice(page.indexOf('id="wo-title"'), page.indexOf('id="overdue-title"'));
    expect(textOf(page, 'id="wo-title"')).toBe('Open work orders 7');
    const rows = [...wo.matchAll(/data-work-order="[^"]+"([\s\S]*?)<\/li>/g)].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/Server down In progress 3 days overdue Technician User \d+/);
    expect(rows[1]).toMatch(/Printer jam Waiting on parts Due today Unassigned/);
    expect(wo).not.toContain('Old closed job');
    expect(wo).toContain(`href="/companies/${id}/work-orders">All 7 open work orders`);

    const w = page.slice(page.indexOf('id="warranty-title"'), page.indexOf('id="contacts-title"'));
    expect(textOf(page, 'id="warranty-title"')).toBe('Warranties ending in 90 days 1');
    expect(w).toContain('Front desk PC');
    expect(w).toContain(`${d(20)}`);
    expect(w).toContain('in 20 days');
    expect(w).not.toContain('>Server<');
    expect(w).not.toContain('Old laptop');

    const activity = [...page.matchAll(/<li[^>]*data-activity[^>]*>([\s\S]*?)<\/li>/g)].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(activity.length).toBeGreaterThanOrEqual(5);
    expect(activity.length).toBeLessThanOrEqual(8);
    expect(activity[0]).toMatch(
      /Payment of \$500\.00 \(check 9740\) recorded by Admin User \d+, applied to INV-5$/,
    );
    expect(activity.some((a) => /Service “Microsoft 365” added by Admin User \d+/.test(a))).toBe(
      true,
    );
    expect(activity.some((a) => /Asset “Old laptop” added by Admin User \d+/.test(a))).toBe(true);
    expect(page).not.toContain('payment.record');
    expect(page).not.toContain('<code>');
  });

  it('shows a technician the work and warranties but no money', async () => {
    await seedAlpha();
    const tech = await signInAs(suite.app, suite.deps, 'technician');
    const page = (await getPage(suite.app, tech, `/companies/${id}`)).body;
    expect(page).toContain('id="wo-title"');
    expect(page).toContain('id="warranty-title"');
    expect(page).not.toContain('id="balance-title"');
    expect(page).not.toContain('id="overdue-title"');
    expect(page).not.toMatch(/\$\d/);
    expect(textOf(page, 'data-contract-line')).toBe(
      'Contract · 2 services: Backup, Microsoft 365 · Services and billing',
    );
    expect(page).toMatch(/Payment \(check 9740\) recorded by Admin User \d+/);
  });

  it('stacks the contacts on a phone instead of five columns', async () => {
    id = (await createCompany(admin, { name: 'Alpha Dental' })).id;
    const agent = await signInAs(suite.app, suite.deps, 'admin');
    const added = await postForm(suite.app, agent, `/companies/${id}/contacts`, {
      name: 'Beth Morgan',
      title: 'Office manager',
      email: 'beth@alpha.test',
      phone: '555-0100',
    });
    expect(added.statusCode).toBe(302);
    const page = (await getPage(suite.app, agent, `/companies/${id}`)).body;
    const table = page.slice(
      page.indexOf('id="contacts-title"'),
      page.indexOf('id="details-title"'),
    );
    expect(table).toContain('Beth Morgan');
    // Title, email and phone: columns from the md breakpoint, stacked under the name below it.
    expect(table.match(/<th scope="col" class="d-none d-md-table-cell">/g)).toHaveLength(3);
    expect(table).toMatch(
      /<div class="d-md-none small text-break">[\s\S]*Office manager[\s\S]*beth@alpha\.test[\s\S]*555-0100/,
    );
  });

  it('runs the same number of queries for a small company and a large one', async () => {
    let n = 0;
    const counter: KyselyPlugin = {
      transformQuery: (a) => {
        n++;
        return a.node;
      },
      transformResult: async (a) => a.result,
    };
    const deps = testDeps(suite.db.withPlugin(counter), dialect);
    const app = await testApp(deps);
    try {
      const agent = await signInAs(app, deps, 'admin');
      const small = (await createCompany(admin, { name: 'Small' })).id;
      await seedAlpha();
      const count = async (companyId: string) => {
        await getPage(app, agent, `/companies/${companyId}`); // warm caches (profile, session)
        n = 0;
        const res = await getPage(app, agent, `/companies/${companyId}`);
        expect(res.statusCode).toBe(200);
        return n;
      };
      const few = await count(small);
      const before = await count(id);
      for (let i = 0; i < 40; i++) {
        await invoice(suite.db, id, {
          issueDate: d(-100 - i),
          dueDate: d(-70 - i),
          total: 1_000 + i,
        });
        await workOrder(suite.db, id);
      }
      // Forty more overdue invoices and open work orders: not one more query.
      expect(await count(id)).toBe(before);
      // A company with nothing runs only the lists' second steps (rows by id) and the activity's
      // name lookups fewer.
      expect(before - few).toBeLessThanOrEqual(4);
      expect(before).toBeLessThanOrEqual(30);
    } finally {
      await app.close();
    }
  });

  describe('the company list', () => {
    let billing: Agent;
    const names = async (url: string, agent: Agent = billing) => {
      const res = await getPage(suite.app, agent, url);
      expect(res.statusCode).toBe(200);
      return [
        ...res.body.matchAll(/<a href="\/companies\/[^"]+" class="fw-semibold">([^<]+)<\/a>/g),
      ].map((m) => m[1]);
    };

    beforeEach(async () => {
      billing = await signInAs(suite.app, suite.deps, 'billing');
      // Balance / past due: A 300/300 · B 500/0 · C 100/150 (credit 50 off 150) · D 0/0 · E 200/150.
      const mk = (name: string) => createCompany(admin, { name }).then((c) => c.id);
      const [a, b, c, , e] = [
        await mk('A Co'),
        await mk('B Co'),
        await mk('C Co'),
        await mk('D Co'),
        await mk('E Co'),
      ];
      await invoice(suite.db, a, { issueDate: d(-40), dueDate: d(-10), total: 30_000 });
      await invoice(suite.db, b, { issueDate: d(-5), dueDate: d(25), total: 50_000 });
      await invoice(suite.db, c, { issueDate: d(-40), dueDate: d(-10), total: 15_000 });
      await payment(suite.db, c, { receivedOn: d(-2), amount: 5_000, unapplied: 5_000 });
      await invoice(suite.db, e, { issueDate: d(-90), dueDate: d(-60), total: 15_000 });
      await invoice(suite.db, e, { issueDate: d(-5), dueDate: d(25), total: 5_000 });
    });

    it('shows balance and past due, each a link to the company’s invoices', async () => {
      const res = await getPage(suite.app, billing, '/companies');
      const row = (name: string) => {
        const at = res.body.indexOf(`>${name}</a>`);
        return res.body
          .slice(at, res.body.indexOf('</tr>', at))
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ');
      };
      expect(res.body).toContain('Balance');
      expect(res.body).toContain('Past due');
      expect(row('C Co')).toContain('$100.00 $150.00');
      expect(row('B Co')).toMatch(/\$500\.00 — /);
      expect(row('D Co')).toMatch(/D Co — — /);
      expect(res.body).toMatch(
        /href="\/companies\/[^"]+\/invoices\?status=overdue&amp;sort=dueDate&amp;dir=asc"/,
      );
    });

    it('sorts by balance and by past due, both ways, with the direction shown', async () => {
      // Money columns start with the largest.
      const byName = (await getPage(suite.app, billing, '/companies')).body;
      expect(byName).toContain('href="/companies?sort=pastDue&amp;dir=desc"');
      expect(byName).toContain('href="/companies?sort=balance&amp;dir=desc"');
      expect(await names('/companies?sort=balance&dir=desc')).toEqual([
        'B Co',
        'A Co',
        'E Co',
        'C Co',
        'D Co',
      ]);
      expect(await names('/companies?sort=balance&dir=asc')).toEqual([
        'D Co',
        'C Co',
        'E Co',
        'A Co',
        'B Co',
      ]);
      // Ties (C and E owe 150 past due, B and D nothing) in name order either way.
      expect(await names('/companies?sort=pastDue&dir=desc')).toEqual([
        'A Co',
        'C Co',
        'E Co',
        'B Co',
        'D Co',
      ]);
      expect(await names('/companies?sort=pastDue&dir=asc')).toEqual([
        'B Co',
        'D Co',
        'C Co',
        'E Co',
        'A Co',
      ]);
      const page = (await getPage(suite.app, billing, '/companies?sort=balance&dir=desc')).body;
      expect(page).toMatch(
        /<th scope="col" class="text-end text-nowrap" aria-sort="descending"><a[^>]*href="\/companies\?sort=balance&amp;dir=asc"[^>]*>Balance <span aria-hidden="true">▼<\/span>/,
      );
    });

    it('keeps its pages when sorted by balance', async () => {
      for (let i = 0; i < 26; i++) {
        const c = (await createCompany(admin, { name: `Z ${String(i).padStart(2, '0')}` })).id;
        await invoice(suite.db, c, { issueDate: d(-5), dueDate: d(25), total: 100 + i });
      }
      const first = await names('/companies?sort=balance&dir=desc&size=25');
      const second = await names('/companies?sort=balance&dir=desc&size=25&page=2');
      expect(first).toHaveLength(25);
      expect(second).toHaveLength(6);
      expect(first.slice(0, 3)).toEqual(['B Co', 'A Co', 'E Co']);
      expect(second).toEqual(['Z 04', 'Z 03', 'Z 02', 'Z 01', 'Z 00', 'D Co']);
      expect(new Set([...first, ...second]).size).toBe(31);
      const body = (
        await getPage(suite.app, billing, '/companies?sort=balance&dir=desc&size=25&page=2')
      ).body;
      expect(body).toContain('26–31 of 31');
    });

    it('shows no money columns to a technician, and sorting by them falls back to the name', async () => {
      const tech = await signInAs(suite.app, suite.deps, 'technician');
      const res = await getPage(suite.app, tech, '/companies?sort=balance&dir=desc');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('Past due');
      expect(res.body).not.toContain('$500.00');
      expect(await names('/companies?sort=balance&dir=desc', tech)).toEqual([
        'A Co',
        'B Co',
        'C Co',
        'D Co',
        'E Co',
      ]);
    });
  });
});
